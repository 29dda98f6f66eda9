package pipeline

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/warta-id/warta/doc"
)

// FuzzProcess runs every stage over arbitrary text: no panic, and every
// event's evidence and every mention's offsets point into the clean text.
func FuzzProcess(f *testing.F) {
	f.Add("Jakarta, Warta Dunia – Menteri Luar Negeri Iran bertemu dengan Presiden Venezuela di Caracas pada Jumat (4/1).\nBaca juga: Rusia kecam NATO")
	f.Add("Kedua negara saling menuding. Mereka , dan , kedua ketiga negara-negara tersebut ditangkap oleh")
	f.Add("\"Kami mendesak,\" kata . yang , - - di oleh saling")
	f.Add("Gaza diserang oleh militer Israel, khususnya AS serta Inggris, dan")
	f.Add("")
	p, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || len(text) > 1<<14 {
			t.Skip()
		}
		d := &doc.Document{ID: "fuzz", Raw: text, Published: time.Date(2023, 1, 5, 0, 0, 0, 0, time.UTC)}
		p.Process(d)
		for si, s := range d.Sentences {
			if !s.Parsed {
				continue
			}
			for _, tok := range d.Tokens[s.FirstToken:s.LastToken] {
				if tok.Head != -1 && (tok.Head < s.FirstToken || tok.Head >= s.LastToken) {
					t.Fatalf("sentence %d: head %d of %q is outside the sentence", si, tok.Head, tok.Text)
				}
			}
		}
		for _, m := range d.Mentions {
			if m.Start < 0 || m.End > len(d.Text) || m.Start > m.End || d.Text[m.Start:m.End] != m.Text {
				t.Fatalf("mention offsets wrong: %+v", m)
			}
		}
		for _, ev := range d.Events {
			e := ev.Evidence
			if e.Start < 0 || e.End > len(d.Text) || d.Text[e.Start:e.End] != e.Text || len(ev.Actor) == 0 {
				t.Fatalf("bad event %+v", ev)
			}
		}
	})
}
