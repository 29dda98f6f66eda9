package parser

import (
	"path/filepath"
	"testing"

	"github.com/warta-id/warta/internal/cpu"
)

// BenchmarkParse parses the GSD v2.17 test set (tagged by the tagger
// beforehand) on one goroutine and reports tokens per second.
func BenchmarkParse(b *testing.B) { benchParse(b, 1) }

// BenchmarkParseBeam8 does the same with a beam of 8 (the default model's
// weights; a beam-trained model costs the same per move).
func BenchmarkParseBeam8(b *testing.B) { benchParse(b, 8) }

func benchParse(b *testing.B, beam int) {
	sents := tagged(b, filepath.Join(sharedUD(b), "UD_Indonesian-GSD", "id_gsd-ud-test.conllu"))
	p, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	if beam > 1 {
		p = p.WithBeam(beam)
	}
	words := 0
	for _, s := range sents {
		words += len(s.Words)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpu.Time()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			if _, _, err := p.Parse(s.Words, s.UPOS); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "tokens/s")
	// On a busy machine wall time understates the speed; tokens per
	// second of this process's CPU time does not.
	if used := cpu.Time() - cpu0; used > 0 {
		b.ReportMetric(float64(words*b.N)/used.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkLoad decodes the embedded model.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	cpu0 := cpu.Time()
	for i := 0; i < b.N; i++ {
		if _, err := Load(embedded); err != nil {
			b.Fatal(err)
		}
	}
	if used := cpu.Time() - cpu0; used > 0 {
		b.ReportMetric(float64(used.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}
