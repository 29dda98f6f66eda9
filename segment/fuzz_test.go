package segment

import "testing"

// FuzzSegment checks Segment's invariants on arbitrary text: no panic;
// tokens in order, non-overlapping, equal to their slice of the text, inside
// their sentence and covering every non-space character; sentences in order
// and never across a newline.
func FuzzSegment(f *testing.F) {
	f.Add(benchText)
	f.Add("Dr. A. b.c.d. 1.000,5 4/1/2023 www.x.com @a #b \xff")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		checkInvariants(t, text)
	})
}
