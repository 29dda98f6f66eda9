package biaffine

import (
	"path/filepath"
	"testing"

	"github.com/warta-id/warta/internal/cpu"
)

// BenchmarkParse parses the GSD v2.17 test set (tagged by the tagger
// beforehand) with the embedded model on one goroutine and reports tokens
// per second.
func BenchmarkParse(b *testing.B) {
	sents := tagged(b, filepath.Join(sharedUD(b), "UD_Indonesian-GSD", "id_gsd-ud-test.conllu"))
	m, err := Default()
	if err != nil {
		b.Fatal(err)
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
			if _, _, err := m.Parse(s.Words, s.UPOS); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "tokens/s")
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
