package biaffine

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
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
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			if _, _, err := m.Parse(s.Words, s.UPOS); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(words*b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// cpuTime is the user+system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoad decodes the embedded model.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := Load(embedded); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}
