package langid

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", Unknown},
		{"too short", "Presiden datang hari ini", Unknown},
		{"digits only", "2024 12 31 100 200 300", Unknown},
		{"indonesian markers", "Pemerintah tidak akan menaikkan harga karena uang negara cukup.", Indonesian},
		{"malay markers", "Kerajaan tak akan menaikkan harga kerana wang negara mencukupi.", Malay},
		{"malay colloquial", "Saya tak tahu bila dia nak datang ke pejabat.", Malay},
		{"indonesian colloquial", "Aku nggak tahu kapan dia mau datang ke kantor.", Indonesian},
		{"neutral malay-indonesian defaults to id", "Dia membaca buku itu di bawah pohon besar.", Indonesian},
		{"english", "The government said it would not raise the price of fuel.", English},
		{"javanese", "Aku ora ngerti kapan dheweke arep teka menyang omah.", Other},
		{"chinese", "政府表示今年不会提高燃油价格，并将继续提供补贴。", Other},
		{"arabic", "قالت الحكومة إنها لن ترفع أسعار الوقود هذا العام", Other},
		{"no markers", "Xqz brrk vlomp trask plinth grub zorp.", Other},
		{"urls and numbers", "https://example.com/a/b?c=d 12345 67890 ### $$$ !!!", Other},
		{"numbers and symbols", "12345 67890 ### $$$ !!! 2024", Unknown},
		{"hyphenated reduplication", "Anak-anak sekolah-sekolah rumah-rumah kantor-kantor polisi tidak tahu.", Indonesian},
		{"curly apostrophe", "The minister’s office said it wasn’t aware of the report.", English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := Detect(tt.text)
			if g.Lang != tt.want {
				t.Errorf("Detect(%q) = %+v, want %s", tt.text, g, tt.want)
			}
			if g.Confidence < 0 || g.Confidence > 1 || g.Reason == "" {
				t.Errorf("Detect(%q) = %+v: confidence out of range or no reason", tt.text, g)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"missing fields", "id pemerintah\n", "m.txt:1: want LANG WEIGHT entries"},
		{"bad lang", "ID 1 pemerintah\n", "m.txt:1: bad language code"},
		{"bad weight", "# c\nid x pemerintah\n", "m.txt:2: bad weight"},
		{"negative weight", "id -1 pemerintah\n", "m.txt:1: bad weight"},
		{"no letters", "id 1 123\n", "m.txt:1: entry"},
		{"empty", "# only comments\n", "m.txt: no entries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("m.txt", strings.NewReader(tt.input))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Parse(%q) error = %v, want prefix %q", tt.input, err, tt.want)
			}
		})
	}
	if _, err := Default(); err != nil {
		t.Fatalf("embedded markers.txt: %v", err)
	}
}

func TestPhrases(t *testing.T) {
	d, err := Parse("m.txt", strings.NewReader("idms 1 yang, di, ke\nid 3 rumah sakit\nms 3 hospital\nms 1 sakit\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"yang di rumah sakit ke yang", Indonesian}, // the phrase covers "sakit"
		{"yang di hospital ke yang", Malay},
		{"yang di rumah ke sakit yang sakit", Malay},
		{"yang di ke yang rumah", Indonesian}, // phrase cut off at the end: default id
	}
	for _, tt := range tests {
		if g := d.Detect(tt.text); g.Lang != tt.want {
			t.Errorf("Detect(%q) = %+v, want %s", tt.text, g, tt.want)
		}
	}
}

type evalItem struct{ lang, text string }

func loadEval(t testing.TB) []evalItem {
	t.Helper()
	f, err := os.Open("testdata/eval.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var items []evalItem
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		lang, text, ok := strings.Cut(s, "\t")
		if !ok {
			t.Fatalf("testdata/eval.tsv:%d: no tab", line)
		}
		items = append(items, evalItem{lang, text})
	}
	return items
}

// TestEvalSet reports and checks accuracy per language on testdata/eval.tsv.
func TestEvalSet(t *testing.T) {
	items := loadEval(t)
	min := map[string]float64{Indonesian: 0.98, Malay: 0.85, English: 0.98, Other: 0.85}
	total, correct := map[string]int{}, map[string]int{}
	confusion := map[string]int{}
	for _, it := range items {
		g := Detect(it.text)
		total[it.lang]++
		if g.Lang == it.lang {
			correct[it.lang]++
		} else {
			confusion[it.lang+"→"+g.Lang]++
			t.Logf("%s → %s (%.2f, %s): %s", it.lang, g.Lang, g.Confidence, g.Reason, it.text)
		}
	}
	for _, lang := range []string{Indonesian, Malay, English, Other} {
		acc := float64(correct[lang]) / float64(total[lang])
		t.Logf("%-5s %3d/%3d = %.3f", lang, correct[lang], total[lang], acc)
		if acc < min[lang] {
			t.Errorf("%s accuracy %.3f < %.2f", lang, acc, min[lang])
		}
	}
	var keys []string
	for k := range confusion {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("confusion %s: %d", k, confusion[k])
	}
}

// TestEvalArticles joins consecutive eval texts of one language into
// article-length texts (five texts, 60–150 words) and checks recall, which
// must be at least 0.98 for Indonesian.
func TestEvalArticles(t *testing.T) {
	items := loadEval(t)
	by := map[string][]string{}
	for _, it := range items {
		by[it.lang] = append(by[it.lang], it.text)
	}
	for _, lang := range []string{Indonesian, Malay, English} {
		texts := by[lang]
		n, ok := 0, 0
		for i := 0; i+5 <= len(texts); i++ { // overlapping windows
			g := Detect(strings.Join(texts[i:i+5], " "))
			n++
			if g.Lang == lang {
				ok++
			} else {
				t.Logf("%s article %d → %s (%s)", lang, i, g.Lang, g.Reason)
			}
		}
		acc := float64(ok) / float64(n)
		t.Logf("%s articles: %d/%d = %.3f", lang, ok, n, acc)
		if acc < 0.98 {
			t.Errorf("%s article recall %.3f < 0.98", lang, acc)
		}
	}
}

func BenchmarkDetectArticle(b *testing.B) {
	items := loadEval(b)
	var parts []string
	for _, it := range items {
		if it.lang == Indonesian {
			parts = append(parts, it.text)
		}
	}
	article := strings.Join(parts, " ") // about 900 words, 6–7 KB
	if _, err := Default(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(article)))
	b.ReportAllocs()
	for b.Loop() {
		if g := Detect(article); g.Lang != Indonesian {
			b.Fatal(g)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func FuzzDetect(f *testing.F) {
	f.Add("Pemerintah tidak akan menaikkan harga karena uang negara cukup.")
	f.Add("Saya tak tahu bila dia nak datang ke pejabat.")
	f.Add("The government said it would not raise the price of fuel.")
	f.Add("政府表示今年不会提高燃油价格")
	f.Add("anak-anak--- '' ’’ -a- rumah sakit rumah")
	f.Add("\xff\xfe\x00 invalid \xc3 utf8 yang dan di ini itu")
	f.Fuzz(func(t *testing.T, s string) {
		g := Detect(s)
		switch g.Lang {
		case Indonesian, Malay, English, Other, Unknown:
		default:
			t.Fatalf("Detect(%q) = %+v: unknown language", s, g)
		}
		if !(g.Confidence >= 0 && g.Confidence <= 1) || g.Reason == "" {
			t.Fatalf("Detect(%q) = %+v", s, g)
		}
		_ = fmt.Sprint(g)
	})
}
