package segment

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/warta-id/warta/doc"
)

func TestAbbreviationsLoad(t *testing.T) {
	m, err := Abbreviations()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"Dr.", "Prof.", "H.", "Hj.", "Jl.", "No.", "dll.", "dsb.", "dkk.", "a.n.", "S.H.", "M.Si.",
		"M.Sc.", "S.E.", "S.Pd.", "Ir.", "Tbk.", "Rp.", "Sdr.", "Bpk.", "Kol.", "Jend.", "Letjen.", "Mayjen.", "Brigjen.",
		"Kapt.", "Ltd.", "Co.", "Inc.", "St.", "Kab.", "Kec.", "Kel.", "Prov.", "tgl.", "hlm.", "vol.", "dr.", "drg.",
		"Jan.", "Feb.", "Agu.", "Okt.", "Des."} {
		if _, ok := m[a]; !ok {
			t.Errorf("abbreviation %q missing from data file", a)
		}
	}
	if _, err := parseAbbrevs([]byte("Dr\n")); err == nil {
		t.Error("abbreviation without dot accepted")
	}
	if _, err := parseAbbrevs([]byte("dll. finale\n")); err == nil {
		t.Error("bad flag accepted")
	}
}

type tk struct {
	text string
	kind doc.TokenKind
}

func toks(text string) []tk {
	var out []tk
	for _, t := range Tokens(text) {
		out = append(out, tk{t.Text, t.Kind})
	}
	return out
}

func TestTokens(t *testing.T) {
	W, N, D, P, A, U, S := doc.Word, doc.Number, doc.Date, doc.Punct, doc.Abbrev, doc.URL, doc.Symbol
	tests := []struct {
		name string
		in   string
		want []tk
	}{
		{"words", "negara-negara Barat", []tk{{"negara-negara", W}, {"Barat", W}}},
		{"hyphen-name", "Hussein Amir-Abdullahian", []tk{{"Hussein", W}, {"Amir-Abdullahian", W}}},
		{"apostrophe", "Jum'at d’Or", []tk{{"Jum'at", W}, {"d’Or", W}}},
		{"nya", "bukunya mobile-nya", []tk{{"bukunya", W}, {"mobile-nya", W}}},
		{"decimal", "3,5 persen", []tk{{"3,5", N}, {"persen", W}}},
		{"thousands", "1.000 10.000.000 2023", []tk{{"1.000", N}, {"10.000.000", N}, {"2023", N}}},
		{"percent", "50%", []tk{{"50", N}, {"%", S}}},
		{"number-end", "tahun 2016.", []tk{{"tahun", W}, {"2016", N}, {".", P}}},
		{"date-short", "Jumat (4/1)", []tk{{"Jumat", W}, {"(", P}, {"4/1", D}, {")", P}}},
		{"date-long", "04/01/2023 18/8/2016", []tk{{"04/01/2023", D}, {"18/8/2016", D}}},
		{"not-date", "2016/2017", []tk{{"2016", N}, {"/", P}, {"2017", N}}},
		{"rupiah", "Rp3,5 juta", []tk{{"Rp", W}, {"3,5", N}, {"juta", W}}},
		{"rupiah-space", "Rp 1.000", []tk{{"Rp", W}, {"1.000", N}}},
		{"rupiah-dot", "Rp.5000", []tk{{"Rp.", A}, {"5000", N}}},
		{"abbrev", "Dr. S.H. a.n. dll.", []tk{{"Dr.", A}, {"S.H.", A}, {"a.n.", A}, {"dll.", A}}},
		{"abbrev-comma", "S.H., M.Si.", []tk{{"S.H.", A}, {",", P}, {"M.Si.", A}}},
		{"abbrev-glued", "Jl.Sudirman", []tk{{"Jl.", A}, {"Sudirman", W}}},
		{"initial", "J. Kristiadi", []tk{{"J.", A}, {"Kristiadi", W}}},
		{"initials-run", "U.S.A.", []tk{{"U.S.A.", A}}},
		{"month", "Des. 2023", []tk{{"Des.", A}, {"2023", N}}},
		{"url", "https://kompas.com/a?b=1.", []tk{{"https://kompas.com/a?b=1", U}, {".", P}}},
		{"url-paren", "(lihat http://x.id/a_(b))", []tk{{"(", P}, {"lihat", W}, {"http://x.id/a_(b)", U}, {")", P}}},
		{"www", "www.detik.com,", []tk{{"www.detik.com", U}, {",", P}}},
		{"domain", "Merdeka.com -", []tk{{"Merdeka.com", U}, {"-", P}}},
		{"email", "redaksi@contoh.co.id", []tk{{"redaksi@contoh.co.id", U}}},
		{"handle", "@jokowi #Pilkada2024", []tk{{"@jokowi", S}, {"#Pilkada2024", S}}},
		{"punct", "(ya), \"tidak\";", []tk{{"(", P}, {"ya", W}, {")", P}, {",", P}, {"\"", P}, {"tidak", W}, {"\"", P}, {";", P}}},
		{"dash-runs", "Jakarta -- kemarin...", []tk{{"Jakarta", W}, {"--", P}, {"kemarin", W}, {"...", P}}},
		{"unicode-punct", "“Ya” – ok…", []tk{{"“", P}, {"Ya", W}, {"”", P}, {"–", P}, {"ok", W}, {"…", P}}},
		{"symbols", "A & B = 5 €", []tk{{"A", W}, {"&", S}, {"B", W}, {"=", S}, {"5", N}, {"€", S}}},
		{"invalid", "a\xffb", []tk{{"a", W}, {"\xff", S}, {"b", W}}},
		{"non-ascii", "Östersunds café", []tk{{"Östersunds", W}, {"café", W}}},
		{"alnum", "Galaxy S8 COVID-19 ke-90", []tk{{"Galaxy", W}, {"S8", W}, {"COVID-19", W}, {"ke-90", W}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := toks(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("token %d: got %v, want %v (all %v)", i, got[i], tt.want[i], got)
				}
			}
		})
	}
}

func sents(text string) []string {
	d := &doc.Document{Text: text}
	Segment(d)
	var out []string
	for i := range d.Sentences {
		out = append(out, d.SentenceText(i))
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"basic", "Ia datang. Kami pergi.", []string{"Ia datang.", "Kami pergi."}},
		{"newline", "Judul tanpa titik\nParagraf satu", []string{"Judul tanpa titik", "Paragraf satu"}},
		{"newline-lowercase", "kalimat satu\nkalimat dua.", []string{"kalimat satu", "kalimat dua."}},
		{"quote-closing", "\"Kami siap,\" katanya. \"Kami menang.\" Lalu pulang.", []string{"\"Kami siap,\" katanya.", "\"Kami menang.\"", "Lalu pulang."}},
		{"curly-quote", "Ia berkata, “Saya setuju.” Rapat ditutup.", []string{"Ia berkata, “Saya setuju.”", "Rapat ditutup."}},
		{"paren", "Harga naik. (Data BPS.) Besok turun.", []string{"Harga naik.", "(Data BPS.)", "Besok turun."}},
		{"opening-quote", "Ia pergi. \"Sampai jumpa,\" katanya.", []string{"Ia pergi.", "\"Sampai jumpa,\" katanya."}},
		{"digit", "Jumlahnya naik. 2023 menjadi rekor.", []string{"Jumlahnya naik.", "2023 menjadi rekor."}},
		{"lowercase-no-split", "Ia bertanya, \"Benarkah?\" tanya dia.", []string{"Ia bertanya, \"Benarkah?\" tanya dia."}},
		{"no-space-no-split", "Ia di Jakarta.Kemudian pulang.", []string{"Ia di Jakarta.Kemudian pulang."}},
		{"runs", "Apa?! Tidak mungkin... Benar…", []string{"Apa?!", "Tidak mungkin...", "Benar…"}},
		{"abbrev-title", "Dr. Budi dan Prof. Ani hadir.", []string{"Dr. Budi dan Prof. Ani hadir."}},
		{"abbrev-degree", "Amir, S.H., M.Si. Ketua hadir.", []string{"Amir, S.H., M.Si. Ketua hadir."}},
		{"abbrev-address", "Di Jl. Sudirman No. 5 Kab. Bogor ramai.", []string{"Di Jl. Sudirman No. 5 Kab. Bogor ramai."}},
		{"abbrev-haji", "H. Agus dan Hj. Siti berangkat.", []string{"H. Agus dan Hj. Siti berangkat."}},
		{"abbrev-rank", "Brigjen. Pol. Rudi dan Kol. Inf. Budi tiba.", []string{"Brigjen. Pol. Rudi dan Kol. Inf. Budi tiba."}},
		{"initial", "Menurut J. Kristiadi, politik memanas.", []string{"Menurut J. Kristiadi, politik memanas."}},
		{"an", "Surat a.n. Menteri dikirim.", []string{"Surat a.n. Menteri dikirim."}},
		{"month", "Pada 5 Des. 2023 hujan.", []string{"Pada 5 Des. 2023 hujan."}},
		{"final-abbrev", "Ada apel, jeruk, dll. Semua segar.", []string{"Ada apel, jeruk, dll.", "Semua segar."}},
		{"final-abbrev-lower", "Ada apel, jeruk, dll. yang segar.", []string{"Ada apel, jeruk, dll. yang segar."}},
		{"company", "PT Astra Tbk. Perseroan itu untung.", []string{"PT Astra Tbk.", "Perseroan itu untung."}},
		{"number-dot", "Harga 1.000 rupiah. Naik 3,5 persen.", []string{"Harga 1.000 rupiah.", "Naik 3,5 persen."}},
		{"url-dot", "Buka kompas.com. Lalu baca.", []string{"Buka kompas.com.", "Lalu baca."}},
		{"end-no-terminator", "Ia datang", []string{"Ia datang"}},
		{"blank-lines", "\n\nSatu.\n\n\nDua.\n", []string{"Satu.", "Dua."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sents(tt.in)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// checkInvariants verifies the segmentation of text.
func checkInvariants(t *testing.T, text string) {
	t.Helper()
	d := &doc.Document{Text: text}
	Segment(d)
	prevEnd := 0
	for i, tok := range d.Tokens {
		if tok.Start < prevEnd || tok.End <= tok.Start || tok.End > len(text) {
			t.Fatalf("token %d [%d,%d) out of order or empty (prev end %d) in %q", i, tok.Start, tok.End, prevEnd, text)
		}
		if tok.Text != text[tok.Start:tok.End] {
			t.Fatalf("token %d text %q != slice %q", i, tok.Text, text[tok.Start:tok.End])
		}
		// the gap before the token is white space only
		for _, r := range text[prevEnd:tok.Start] {
			if !unicode.IsSpace(r) {
				t.Fatalf("non-space %q not covered before token %d in %q", r, i, text)
			}
		}
		if tok.Sentence < 0 || tok.Sentence >= len(d.Sentences) {
			t.Fatalf("token %d sentence %d out of range", i, tok.Sentence)
		}
		s := d.Sentences[tok.Sentence]
		if i < s.FirstToken || i >= s.LastToken || tok.Start < s.Start || tok.End > s.End {
			t.Fatalf("token %d %q outside its sentence %+v", i, tok.Text, s)
		}
		prevEnd = tok.End
	}
	for _, r := range text[prevEnd:] {
		if !unicode.IsSpace(r) {
			t.Fatalf("non-space %q not covered at end of %q", r, text)
		}
	}
	next := 0
	for i, s := range d.Sentences {
		if s.Index != i || s.FirstToken != next || s.LastToken <= s.FirstToken || s.Start >= s.End {
			t.Fatalf("sentence %d bad: %+v (next token %d)", i, s, next)
		}
		if i > 0 && s.Start < d.Sentences[i-1].End {
			t.Fatalf("sentences overlap: %+v %+v", d.Sentences[i-1], s)
		}
		if strings.Contains(text[s.Start:s.End], "\n") {
			t.Fatalf("sentence %d spans a newline: %q", i, text[s.Start:s.End])
		}
		next = s.LastToken
	}
	if next != len(d.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
	}
	if utf8.ValidString(text) {
		for _, tok := range d.Tokens {
			if !utf8.ValidString(tok.Text) {
				t.Fatalf("token %q cuts a rune", tok.Text)
			}
		}
	}
}

func TestPropertyRandom(t *testing.T) {
	pieces := []string{"Dr.", " ", "  ", "\n", "a", "B", "kata", "Jakarta", ".", "...", "…", "!", "?", "\"", "“", "”", "'", "(", ")",
		"-", "--", "3", ",", "5", "/", "%", "@", "#", "http://", "www.", ".com", "S.H.", "Rp", "é", "👍", "\xff", "\u00a0", "\t", "a.n.", "_", "ke-", "'s"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for n := rng.Intn(30); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		checkInvariants(t, b.String())
	}
}

func TestSegmentNil(t *testing.T) {
	Segment(nil)
	d := &doc.Document{}
	Segment(d)
	if len(d.Tokens) != 0 || len(d.Sentences) != 0 {
		t.Fatal("empty text gave tokens")
	}
}

// benchText is made-up news-style text (about 12 sentences).
const benchText = `Presiden Joko Widodo menerima kunjungan Menteri Luar Negeri Iran Hussein Amir-Abdullahian di Istana Merdeka, Jakarta, Rabu (4/1/2023).
Dalam pertemuan itu kedua pihak membahas kerja sama energi senilai Rp3,5 triliun. "Kami ingin hubungan ini terus berkembang," kata Jokowi.
Menurut Dr. H. Amir, S.H., M.Si., pengamat dari Universitas Indonesia, kunjungan itu penting. Ia menambahkan, negara-negara Barat memantau pertemuan tersebut.
Sebanyak 1.000 personel polisi dikerahkan di sekitar Jl. Medan Merdeka Utara No. 3. Lalu lintas dialihkan selama 2 jam!
Informasi lengkap tersedia di https://www.kemlu.go.id/berita dan akun @Kemlu_RI. Apakah kerja sama ini akan berlanjut? Pemerintah optimistis.
Harga minyak naik 5% pada Jum'at, 18/8/2016... Namun pasar tetap tenang.`

func BenchmarkSegment(b *testing.B) {
	d := &doc.Document{Text: benchText}
	Segment(d)
	n := len(d.Sentences)
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := &doc.Document{Text: benchText}
		Segment(d)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}
