package kb_test

import (
	"testing"

	"github.com/warta-id/warta/data"
	"github.com/warta-id/warta/kb"
)

// BenchmarkLoad measures loading the embedded knowledge base (every file
// parsed and indexed); the goal is ≤ 200 ms.
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := kb.Load(data.FS, "kb", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// aliases mixes the kinds of look-ups the resolver makes: countries, their
// Indonesian short forms, capitals, organisations, people, agent nouns,
// places, and words that are none of these (most look-ups miss).
var aliases = []string{
	"Amerika Serikat", "AS", "Negeri Paman Sam", "Teheran", "Iran", "Venezuela", "PBB", "Uni Eropa",
	"Joko Widodo", "Jokowi", "Retno Marsudi", "menteri luar negeri", "polisi", "demonstran", "Jenewa",
	"Kairo", "Surabaya", "Makassar", "KPK", "Hamas", "pemerintah", "sanksi", "bertemu", "kerja sama",
	"hari", "Jumat", "mengatakan", "yang", "dan", "pertemuan",
}

// BenchmarkLookup measures alias look-ups (normalising the alias and
// finding its entries); the goal is ≥ 1,000,000 per second per core.
func BenchmarkLookup(b *testing.B) {
	k, err := kb.Default()
	if err != nil {
		b.Fatal(err)
	}
	hits := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		hits += len(k.Lookup(aliases[i%len(aliases)]))
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
	if hits == 0 {
		b.Fatal("no alias found")
	}
}

// BenchmarkLookupWords measures the resolver's own path: look-ups by
// already-normalised words (no string building).
func BenchmarkLookupWords(b *testing.B) {
	k, err := kb.Default()
	if err != nil {
		b.Fatal(err)
	}
	words := make([][]string, len(aliases))
	for i, a := range aliases {
		words[i] = splitNorm(a)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k.LookupWords(words[i%len(words)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
}

func splitNorm(s string) []string {
	var out []string
	word := ""
	for _, r := range kb.Norm(s) + " " {
		if r == ' ' {
			if word != "" {
				out = append(out, word)
			}
			word = ""
			continue
		}
		word += string(r)
	}
	return out
}

// BenchmarkBaselineMap is the floor a look-up is compared with, measured in
// the same run: lower-casing the alias and reading a plain Go map of them.
func BenchmarkBaselineMap(b *testing.B) {
	m := map[string]int{}
	for i, a := range aliases[:20] {
		m[a] = i
	}
	n := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n += m[toLower(aliases[i%len(aliases)])]
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
	_ = n
}

func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
