package dedup

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchTexts returns ~5,000 article texts: the shared corpus when present,
// otherwise synthetic text (random words from a fixed vocabulary, fixed
// seed, ~350 words in 7 paragraphs each).
func benchTexts(b *testing.B) (texts []string, source string) {
	if _, err := os.Stat(filepath.Join(newsDir, "heldout-ids.txt")); err == nil {
		docs := loadCorpus(b)
		for _, d := range docs {
			texts = append(texts, d.Text)
		}
		return texts, "corpus"
	}
	vocab := strings.Fields("pemerintah provinsi jawa tengah menyiapkan pompa air banjir rob pesisir kota warga " +
		"kepala dinas mengatakan kecamatan jalan genangan pasang laut tanah presiden menteri polisi " +
		"tersangka sidang pengadilan harga pasar cabai beras naik turun persen rupiah dolar bank " +
		"sekolah siswa guru rumah sakit dokter pasien gempa hujan angin kapal pesawat bandara " +
		"partai pemilu calon suara rakyat dewan komisi anggaran proyek jembatan tol kereta")
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		var sb strings.Builder
		for p := 0; p < 7; p++ {
			for w := 0; w < 50; w++ {
				sb.WriteString(vocab[r.IntN(len(vocab))])
				sb.WriteByte(' ')
			}
			sb.WriteString(".\n")
		}
		texts = append(texts, sb.String())
	}
	return texts, "synthetic"
}

func BenchmarkSign(b *testing.B) {
	texts, src := benchTexts(b)
	bytes := 0
	for _, t := range texts {
		bytes += len(t)
	}
	b.SetBytes(int64(bytes / len(texts)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Sign(texts[i%len(texts)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.Logf("%s: %d articles", src, len(texts))
}

func BenchmarkIndexNear(b *testing.B) {
	texts, src := benchTexts(b)
	sigs := make([]Signature, len(texts))
	ix := NewIndex(DefaultThreshold)
	for i, t := range texts {
		sigs[i] = Sign(t)
		ix.Add(fmt.Sprint(i), sigs[i])
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Near(sigs[i%len(sigs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	bands, rows := ix.Banding()
	b.Logf("%s: %d articles indexed, %d×%d bands", src, ix.Len(), bands, rows)
}
