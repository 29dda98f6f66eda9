package extract

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExtractFixtures(t *testing.T) {
	tests := []struct {
		file      string
		pageURL   string
		title     string
		published string // RFC 3339, "" for zero
		url       string
		outlet    string
		lang      string
		has       []string // substrings Text must contain
		hasNot    []string // substrings Text must not contain
		firstLine string   // prefix of the first line, "" to skip
	}{
		{
			file: "artikel-wib.html", title: "Petani Kopi Gayo Rayakan Panen Raya",
			published: "2015-11-05T15:56:00+07:00",
			url:       "https://www.wartacontoh.id/ekonomi/petani-kopi-gayo-rayakan-panen-raya",
			outlet:    "Warta Contoh", lang: "id",
			has:       []string{"Ketua koperasi petani", "mengundang pembeli dari luar negeri."},
			hasNot:    []string{"Oleh Rina Sari", "Baca juga", "Harga Kopi Dunia", "Berita Terkait", "Ekspor Kopi Aceh", "Facebook", "Terpopuler", "Foto:", "Tag:", "Hak cipta"},
			firstLine: "TAKENGON, Warta Contoh - Ribuan petani kopi",
		},
		{
			file: "artikel-jsonld.html", title: "Gubernur Resmikan Jembatan Baru di Kupang",
			published: "2024-01-08T09:15:00+08:00",
			url:       "https://kabartimur.example.co.id/read/2024/01/08/jembatan-baru-kupang",
			outlet:    "Kabar Timur", lang: "id-ID",
			has:       []string{"menyeberang sungai dengan perahu kecil"},
			hasNot:    []string{"Editor: Maria Lewa", "09:15 WITA"},
			firstLine: "KUPANG, Kabar Timur - Gubernur",
		},
		{
			file: "artikel-tanggal-angka.html", pageURL: "https://banjar.example.id/berita/pasar-terapung",
			title: "Pasar Terapung Kembali Ramai", published: "2015-11-05T14:56:00+07:00",
			url: "https://banjar.example.id/berita/pasar-terapung", outlet: "banjar.example.id",
			has: []string{"Lok Baintan", "wisatawan dari Jawa"}, hasNot: []string{"05/11/2015"},
		},
		{
			file: "artikel-url-tanggal.html", title: "Festival Layang-Layang Digelar di Pantai",
			published: "2015-11-05T00:00:00+07:00", // only the date, from the URL
			url:       "https://berita.example.id/2015/11/05/festival-layang-layang",
			outlet:    "berita.example.id", lang: "id",
			has: []string{"burung garuda"},
		},
		{
			file: "artikel-cp1252.html", title: "Kafe Lokal Raih Penghargaan Barista", lang: "id",
			has: []string{"sentuhan café modern", "“Kami tidak menyangka bisa menang,”"},
		},
		{
			// cut in the middle of the last paragraph, no closing tags
			file: "artikel-terpotong.html", title: "Petani Kopi Gayo Rayakan Panen Raya",
			published: "2015-11-05T15:56:00+07:00",
			url:       "https://www.wartacontoh.id/ekonomi/petani-kopi-gayo-rayakan-panen-raya",
			outlet:    "Warta Contoh", lang: "id",
			has: []string{"Ribuan petani kopi", "pameran kopi di Banda Aceh dan Medan pada akh"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p, err := Extract(tt.file, readFixture(t, tt.file), "", tt.pageURL)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if p.Title != tt.title {
				t.Errorf("Title = %q, want %q", p.Title, tt.title)
			}
			got := ""
			if !p.Published.IsZero() {
				got = p.Published.Format(time.RFC3339)
			}
			if got != tt.published {
				t.Errorf("Published = %q, want %q", got, tt.published)
			}
			if p.URL != tt.url {
				t.Errorf("URL = %q, want %q", p.URL, tt.url)
			}
			if p.Outlet != tt.outlet {
				t.Errorf("Outlet = %q, want %q", p.Outlet, tt.outlet)
			}
			if p.Lang != tt.lang {
				t.Errorf("Lang = %q, want %q", p.Lang, tt.lang)
			}
			for _, s := range tt.has {
				if !strings.Contains(p.Text, s) {
					t.Errorf("Text lacks %q:\n%s", s, p.Text)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(p.Text, s) {
					t.Errorf("Text has %q:\n%s", s, p.Text)
				}
			}
			if tt.firstLine != "" && !strings.HasPrefix(p.Text, tt.firstLine) {
				t.Errorf("Text starts %q, want %q", p.Text[:min(len(p.Text), 60)], tt.firstLine)
			}
			if !utf8.ValidString(p.Text) || !utf8.ValidString(p.Title) {
				t.Error("output is not valid UTF-8")
			}
		})
	}
}

func TestExtractErrors(t *testing.T) {
	article := readFixture(t, "artikel-wib.html")
	big := bytes.Repeat([]byte("<p>kata kata kata</p>\n"), 100)
	tests := []struct {
		name     string
		raw      []byte
		maxBytes int
		want     error  // errors.Is target
		msg      string // substring of the message
	}{
		{"kosong.html", nil, 0, ErrEmpty, "empty"},
		{"spasi.html", []byte(" \n\t "), 0, ErrEmpty, "empty"},
		{"gambar.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), 0, ErrBinary, "binary"},
		{"acak.bin", bytes.Repeat([]byte{1, 2, 3, 4, 5, 'a'}, 200), 0, ErrBinary, "binary"},
		{"besar.html", big, 1000, ErrTooLarge, "larger than MaxBytes"},
		{"indeks.html", readFixture(t, "indeks.html"), 0, ErrNoArticle, "teasers"},
		{"feed.xml", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Warta</title><item><title>Satu</title></item></channel></rss>`), 0, ErrNoArticle, "feed"},
		{"tanpa-isi.html", []byte("<html><head><title>Judul</title></head><body><p>Halo.</p></body></html>"), 0, ErrNoArticle, "no article"},
		{"utuh.html", article, len(article), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.maxBytes > 0 {
				old := MaxBytes
				MaxBytes = tt.maxBytes
				defer func() { MaxBytes = old }()
			}
			_, err := Extract(tt.name, tt.raw, "", "")
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Extract: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.name) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not name the input %q and the problem %q", err, tt.name, tt.msg)
			}
		})
	}
}

func TestCharset(t *testing.T) {
	utf8Page := []byte(`<html><head><meta charset="iso-8859-1"></head><body>café “kutip”</body></html>`)
	cp1252Page := []byte("<html><head><meta charset=\"utf-8\"></head><body>caf\xe9 \x93kutip\x94</body></html>")
	undeclared := []byte("<html><body>caf\xe9 \x93kutip\x94</body></html>")
	tests := []struct {
		name        string
		raw         []byte
		contentType string
		wantName    string
		want        string // substring of the decoded text
	}{
		{"legacy label on UTF-8 bytes", utf8Page, "", "utf-8", "café “kutip”"},
		{"utf-8 label on windows-1252 bytes", cp1252Page, "", "windows-1252", "café “kutip”"},
		{"header says windows-1252", undeclared, "text/html; charset=windows-1252", "windows-1252", "café “kutip”"},
		{"nothing declared, not UTF-8", undeclared, "", "windows-1252", "café “kutip”"},
		{"header with unknown charset", []byte("<p>halo dunia</p>"), "text/html; charset=x-bogus", "utf-8", "halo dunia"},
		{"UTF-8 BOM", append([]byte("\xef\xbb\xbf"), "<p>halo</p>"...), "text/html; charset=windows-1252", "utf-8", "<p>halo</p>"},
		{"UTF-16LE BOM", []byte("\xff\xfe<\x00p\x00>\x00h\x00i\x00"), "", "utf-16le", "<p>hi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, name, err := decode(tt.raw, tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if name != tt.wantName {
				t.Errorf("charset = %q, want %q", name, tt.wantName)
			}
			if !strings.Contains(s, tt.want) {
				t.Errorf("decoded %q lacks %q", s, tt.want)
			}
			if !utf8.ValidString(s) {
				t.Error("not valid UTF-8")
			}
		})
	}
}

func TestTextDates(t *testing.T) {
	tests := []struct {
		in    string
		want  string // RFC 3339 of the first date, "" for none
		clock bool
	}{
		{"Kamis, 5 November 2015 15:56 WIB", "2015-11-05T15:56:00+07:00", true},
		{"Senin, 8 Januari 2024 09.15 WITA", "2024-01-08T09:15:00+08:00", true},
		{"Jumat, 17 Feb 2017 13:16 WIT", "2017-02-17T13:16:00+09:00", true},
		{"05/11/2015 14:56", "2015-11-05T14:56:00+07:00", true},
		{"Selasa, 23/02/2016 15:32 WIB", "2016-02-23T15:32:00+07:00", true},
		{"Rabu, 4 November 2015 | 21:04 WIB", "2015-11-04T21:04:00+07:00", true},
		{"Wednesday, 04 November, 2015 |  07:28 WIB", "2015-11-04T07:28:00+07:00", true},
		{"17 Agt 2016", "2016-08-17T00:00:00+07:00", false},
		{"1 Ags 2016", "2016-08-01T00:00:00+07:00", false},
		{"25 Des 2019 pukul 10.30 WIB", "2019-12-25T10:30:00+07:00", true},
		{"3 Okt 2018, 7:05 pm", "2018-10-03T19:05:00+07:00", true},
		{"Minggu, 14 Februari 2016 09:15 |", "2016-02-14T09:15:00+07:00", true},
		{"31 Februari 2016", "", false},
		{"Selasa (23/2)", "", false},
		{"pukul 25:70 tanggal 99/99/2016", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			ds := textDates(tt.in, wib)
			if tt.want == "" {
				if len(ds) > 0 {
					t.Fatalf("found %v, want none", ds[0].t)
				}
				return
			}
			if len(ds) == 0 {
				t.Fatalf("no date found, want %s", tt.want)
			}
			if got := ds[0].t.Format(time.RFC3339); got != tt.want || ds[0].hasClock != tt.clock {
				t.Errorf("got %s clock=%v, want %s clock=%v", got, ds[0].hasClock, tt.want, tt.clock)
			}
		})
	}
}

func TestParseMachineDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2015-11-05T14:56:43+07:00", "2015-11-05T14:56:43+07:00"},
		{"2015-11-05 T10:08:58Z", "2015-11-05T10:08:58Z"},
		{"2016-02-23 16:00:20", "2016-02-23T16:00:20+07:00"},
		{"2016-02-23", "2016-02-23T00:00:00+07:00"},
		{"Thu, 05 Nov 2015 15:08:01 +0700", "2015-11-05T15:08:01+07:00"},
		{"Senin, 21 Nov 2022 13:21:00 WIB", "2022-11-21T13:21:00+07:00"},
		{"2022-11-21 13:21 WITA", "2022-11-21T13:21:00+08:00"},
		{"1446710203000", "2015-11-05T14:56:43+07:00"},
		{"bukan tanggal", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f, ok := parseMachineDate(tt.in, wib)
			got := ""
			if ok {
				got = f.t.Format(time.RFC3339)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestURLDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://regional.kompas.com/read/2015/11/04/21040031/Polres", "2015-11-04"},
		{"https://example.id/berita/20151105/banjir", "2015-11-05"},
		{"http://nasional.republika.co.id/berita/nasional/daerah/16/02/15/o2l07x284-marcella", "2016-02-15"},
		{"https://example.id/berita/527615/judul", ""},
		{"::bukan url", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f, ok := urlDate(tt.in, wib)
			got := ""
			if ok {
				got = f.t.Format("2006-01-02")
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStripOutlet(t *testing.T) {
	m := meta{keys: []string{"kompas", "kapanlagicom", "okezone", "republikaonline", "tempo"}}
	tests := []struct{ in, want string }{
		{"Samsul Arif Tak Beban Lawan Arema - Kompas.com", "Samsul Arif Tak Beban Lawan Arema"},
		{"Polres Serahkan Anggota ke Kejaksaan - Kompas.com Regional", "Polres Serahkan Anggota ke Kejaksaan"},
		{"KapanLagi.com: Brandon Salim Makin Dekat", "Brandon Salim Makin Dekat"},
		{"Kapanlagi.com: Musik - Bikin Gaduh Kota, Rumah Penyanyi Ini Digrebek Polisi", "Bikin Gaduh Kota, Rumah Penyanyi Ini Digrebek Polisi"},
		{"Sering Depresi Berat, Hati-Hati Diabetes! - Health :: Okezone Lifestyle", "Sering Depresi Berat, Hati-Hati Diabetes!"},
		{"Marcella Zalianty Promo Pariwisata | Republika Online", "Marcella Zalianty Promo Pariwisata"},
		{"Indonesia can Learn from Finland: Pratikno | National | Tempo.Co :: Indonesian News Portal", "Indonesia can Learn from Finland: Pratikno"},
		{"Kompas Gramedia Buka Kantor Baru di Medan", "Kompas Gramedia Buka Kantor Baru di Medan"},
		{"Jokowi - Prabowo Bertemu di Istana", "Jokowi - Prabowo Bertemu di Istana"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := m.stripOutlet(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTokenF1(t *testing.T) {
	tests := []struct {
		got, want string
		f1        float64
	}{
		{"Halo dunia", "halo, DUNIA!", 1},
		{"", "", 1},
		{"halo", "", 0},
		{"a b c d", "a b", 2 * 0.5 * 1 / 1.5},
		{"kata kata", "kata", 2 * 0.5 * 1 / 1.5},
	}
	for _, tt := range tests {
		t.Run(tt.got+"|"+tt.want, func(t *testing.T) {
			if _, _, f1 := TokenF1(tt.got, tt.want); fmt.Sprintf("%.6f", f1) != fmt.Sprintf("%.6f", tt.f1) {
				t.Errorf("F1 = %v, want %v", f1, tt.f1)
			}
		})
	}
}

func TestDateCorrect(t *testing.T) {
	want := time.Date(2015, 11, 5, 7, 56, 43, 0, time.UTC)
	tests := []struct {
		name  string
		got   time.Time
		clock bool
		ok    bool
	}{
		{"same instant in WIB", time.Date(2015, 11, 5, 14, 56, 43, 0, wib), true, true},
		{"within a minute", time.Date(2015, 11, 5, 14, 56, 0, 0, wib), true, true},
		{"an hour off", time.Date(2015, 11, 5, 15, 56, 0, 0, wib), true, false},
		{"date only, same day in WIB", time.Date(2015, 11, 5, 0, 0, 0, 0, wib), false, true},
		{"date only, wrong day", time.Date(2015, 11, 4, 0, 0, 0, 0, wib), false, false},
		{"zero", time.Time{}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dateCorrect(tt.got, tt.clock, want); got != tt.ok {
				t.Errorf("dateCorrect = %v, want %v", got, tt.ok)
			}
		})
	}
}

func TestEvaluate(t *testing.T) {
	r, err := Evaluate(filepath.Join("testdata", "eval"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Fixtures != 2 || r.Articles != 1 || r.IndexPages != 1 || r.IndexNoArticle != 1 || len(r.Rows) != 2 {
		t.Fatalf("counts: %+v", r)
	}
	if r.BodyF1 < 0.99 || r.TitleExact != 1 || r.DateCorrect != 1 {
		t.Errorf("scores: F1 %.3f title %.3f date %.3f", r.BodyF1, r.TitleExact, r.DateCorrect)
	}
	if _, err := Evaluate(filepath.Join("testdata", "tidak-ada")); err == nil || !strings.Contains(err.Error(), "tidak-ada") {
		t.Errorf("missing directory: err = %v", err)
	}
}

// TestAnpanduFixtures runs Evaluate on the anpandu fixtures in ../shared.
func TestAnpanduFixtures(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data", "news", "html-fixtures-anpandu")
	if _, err := os.Stat(filepath.Join(dir, "expected.json")); err != nil {
		t.Skipf("anpandu fixtures not present at %s (they live in ../shared, outside the repository): %v", dir, err)
	}
	r, err := Evaluate(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("articles %d: body F1 %.3f, title %.3f, date %.3f; index pages refused %d/%d",
		r.Articles, r.BodyF1, r.TitleExact, r.DateCorrect, r.IndexNoArticle, r.IndexPages)
	for _, row := range r.Rows {
		if row.Article && (row.F1 < 0.9 || !row.TitleOK || !row.DateOK) {
			t.Logf("  %s: F1 %.3f title %v (%q) date %v (%s, want %s) %s",
				row.Fixture, row.F1, row.TitleOK, row.Title, row.DateOK, row.Published, row.WantDate, row.Error)
		}
	}
	if r.Articles != 26 {
		t.Errorf("articles = %d, want 26", r.Articles)
	}
	if r.BodyF1 < 0.95 {
		t.Errorf("mean body F1 %.3f < 0.95", r.BodyF1)
	}
	if r.TitleExact < 0.95 {
		t.Errorf("title exact %.3f < 0.95", r.TitleExact)
	}
	if r.DateCorrect < 0.95 {
		t.Errorf("date correct %.3f < 0.95", r.DateCorrect)
	}
	if r.IndexNoArticle < r.IndexPages {
		t.Errorf("only %d of %d index pages gave ErrNoArticle", r.IndexNoArticle, r.IndexPages)
	}
}

// slowFuzz is the longest one Extract call may take while fuzzing.
var slowFuzz = 2 * time.Second

func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b, "")
		}
	}
	f.Add([]byte("<html><body><p>Kamis, 5 November 2015 15:56 WIB</p>"), "text/html; charset=utf-8")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "")
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":1,"datePublished":[]}]}</script>`), "")
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		start := time.Now()
		p, err := Extract("fuzz.html", raw, contentType, "https://example.id/2015/11/05/x")
		if el := time.Since(start); el > slowFuzz {
			os.WriteFile(filepath.Join(os.TempDir(), "slow-extract.html"), raw, 0o644)
			t.Fatalf("Extract took %v on %d bytes", el, len(raw))
		}
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.html") {
				t.Fatalf("error does not name the input: %v", err)
			}
			return
		}
		for _, s := range []string{p.Title, p.Text, p.URL, p.Outlet, p.Lang} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in output: %q", s)
			}
		}
	})
}
