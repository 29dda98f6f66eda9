package segment_test

import (
	"fmt"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/segment"
)

func Example() {
	d := &doc.Document{Text: "Dr. Amir tiba di Jl. Sudirman pada Jumat (4/1). Ia membawa Rp3,5 juta.\n\"Kami siap,\" katanya."}
	segment.Segment(d)
	for i := range d.Sentences {
		fmt.Printf("%d: %s\n", i, d.SentenceText(i))
	}
	for _, t := range d.SentenceTokens(1) {
		fmt.Printf("%s/%s ", t.Text, t.Kind)
	}
	fmt.Println()
	// Output:
	// 0: Dr. Amir tiba di Jl. Sudirman pada Jumat (4/1).
	// 1: Ia membawa Rp3,5 juta.
	// 2: "Kami siap," katanya.
	// Ia/word membawa/word Rp/word 3,5/number juta/word ./punct
}
