package feed

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	wib := time.FixedZone("", 7*3600)
	tests := []struct {
		file string
		name string // name passed to Parse
		want Feed
	}{
		{
			file: "rss2.xml",
			name: "https://kabar-nusantara.example.id/rss/nasional.xml",
			want: Feed{
				Title: "Kabar Nusantara - Nasional",
				Link:  "https://kabar-nusantara.example.id/",
				Items: []Item{
					{
						GUID:      "kn-20221121-001",
						Link:      "https://kabar-nusantara.example.id/nasional/2022/11/21/jembatan-kapuas",
						Title:     "Gubernur Resmikan Jembatan Baru di Tepi Sungai Kapuas",
						Published: time.Date(2022, 11, 21, 13, 21, 0, 0, wib),
						Summary:   "Jembatan sepanjang 300 meter itu diresmikan pada Senin siang.",
					},
					{
						GUID:      "https://kabar-nusantara.example.id/daerah/anggaran-pendidikan",
						Link:      "https://kabar-nusantara.example.id/daerah/anggaran-pendidikan",
						Title:     "DPRD Bahas Anggaran Pendidikan & Kesehatan",
						Published: time.Date(2015, 11, 5, 15, 56, 43, 0, wib),
						Summary:   "Rapat paripurna berlangsung hingga malam.",
					},
					{
						GUID:      "https://kabar-nusantara.example.id/ekonomi/kopi-gayo-panen",
						Link:      "https://kabar-nusantara.example.id/ekonomi/kopi-gayo-panen",
						Title:     "Petani Kopi Gayo Panen Raya",
						Published: time.Date(2022, 11, 21, 6, 21, 0, 0, time.UTC),
					},
					{
						GUID:      "https://kabar-nusantara.example.id/budaya/festival-makassar",
						Link:      "https://kabar-nusantara.example.id/budaya/festival-makassar",
						Title:     "Festival Budaya Digelar di Makassar",
						Published: time.Date(2022, 11, 21, 13, 21, 0, 0, time.FixedZone("", 8*3600)),
					},
					{
						GUID:  "https://kabar-nusantara.example.id/lain/tanpa-tanggal",
						Link:  "https://kabar-nusantara.example.id/lain/tanpa-tanggal",
						Title: "Tanggal Tidak Terbaca",
					},
				},
			},
		},
		{
			file: "rss1.xml",
			name: "rss1.xml",
			want: Feed{
				Title: "Warta Timur",
				Link:  "https://warta-timur.example.id/",
				Items: []Item{
					{
						GUID:      "https://warta-timur.example.id/papua/pasar-mama-mama",
						Link:      "https://warta-timur.example.id/papua/pasar-mama-mama",
						Title:     "Pasar Mama-Mama Papua Ramai Jelang Natal",
						Published: time.Date(2022, 12, 20, 9, 30, 0, 0, time.FixedZone("", 9*3600)),
						Summary:   "Pedagang sayur mengaku omzet naik dua kali lipat.",
					},
					{
						GUID:      "https://warta-timur.example.id/maluku/kapal-ikan",
						Link:      "https://warta-timur.example.id/maluku/kapal-ikan",
						Title:     "Nelayan Ambon Terima Bantuan Kapal",
						Published: time.Date(2022, 12, 20, 8, 0, 0, 0, time.FixedZone("", 9*3600)),
					},
				},
			},
		},
		{
			file: "atom.xml",
			name: "atom.xml",
			want: Feed{
				Title: "Suara Pesisir",
				Link:  "https://suara-pesisir.example.id/",
				Items: []Item{
					{
						GUID:      "tag:suara-pesisir.example.id,2023:1001",
						Link:      "https://suara-pesisir.example.id/jateng/banjir-rob-pantura",
						Title:     "Banjir Rob Genangi Pantura Semarang",
						Published: time.Date(2023, 1, 4, 8, 15, 0, 0, wib),
						Summary:   "Air laut pasang merendam permukiman warga.",
					},
					{
						GUID:      "tag:suara-pesisir.example.id,2023:1002",
						Link:      "https://suara-pesisir.example.id/jateng/pelabuhan-beroperasi",
						Title:     "Pelabuhan Tanjung Emas Kembali Beroperasi",
						Published: time.Date(2023, 1, 4, 11, 45, 0, 0, wib),
						Summary:   "Aktivitas bongkar muat berjalan normal.",
					},
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(tt.name, raw)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got.Title != tt.want.Title || got.Link != tt.want.Link {
				t.Errorf("feed = %q %q, want %q %q", got.Title, got.Link, tt.want.Title, tt.want.Link)
			}
			if len(got.Items) != len(tt.want.Items) {
				t.Fatalf("got %d items, want %d: %+v", len(got.Items), len(tt.want.Items), got.Items)
			}
			for i, g := range got.Items {
				w := tt.want.Items[i]
				if g.GUID != w.GUID || g.Link != w.Link || g.Title != w.Title || g.Summary != w.Summary {
					t.Errorf("item %d =\n %+v\nwant\n %+v", i, g, w)
				}
				if !g.Published.Equal(w.Published) {
					t.Errorf("item %d published %v, want %v", i, g.Published, w.Published)
				}
				_, gotOff := g.Published.Zone()
				_, wantOff := w.Published.Zone()
				if gotOff != wantOff {
					t.Errorf("item %d published offset %ds, want %ds", i, gotOff, wantOff)
				}
			}
		})
	}
}

// A relative item link with no usable feed link is resolved against the
// feed's URL when Parse is given one as its name.
func TestParseResolvesAgainstFeedURL(t *testing.T) {
	raw := `<rss version="2.0"><channel><title>Lokal</title>
<item><title>Harga Cabai Turun</title><link>../pasar/cabai</link></item></channel></rss>`
	tests := []struct{ name, want string }{
		{"https://lokal.example.id/rss/ekonomi.xml", "https://lokal.example.id/pasar/cabai"},
		{"lokal.xml", "../pasar/cabai"}, // nothing to resolve against: left as given
	}
	for _, tt := range tests {
		f, err := Parse(tt.name, []byte(raw))
		if err != nil {
			t.Fatalf("Parse(%s): %v", tt.name, err)
		}
		if len(f.Items) != 1 || f.Items[0].Link != tt.want {
			t.Errorf("Parse(%s) items = %+v, want link %q", tt.name, f.Items, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		label   string
		raw     string
		want    string // in the error message
		notFeed bool   // errors.Is(err, ErrNotFeed)
	}{
		{"empty", "", "empty document", true},
		{"blank", " \n\t ", "empty document", true},
		{"bom only", "\ufeff", "empty document", true},
		{"html", "<!DOCTYPE html><html><head><title>Beranda</title></head><body>Halo</body></html>", "HTML page", true},
		{"html no doctype", "<html lang=\"id\"><body><p>Berita</p></body></html>", "HTML page", true},
		{"html after xml decl", "<?xml version=\"1.0\"?>\n<!-- cache -->\n<html><body/></html>", "HTML page", true},
		{"plain text", "Maaf, halaman tidak ditemukan", "not XML", true},
		{"garbage xml", "<<<>>>&&&;;", "root element", true},
		{"other xml", "<?xml version=\"1.0\"?><sitemapindex><sitemap/></sitemapindex>", "root element", true},
		{"truncated", `<?xml version="1.0"?><rss version="2.0"><channel><title>Kabar</title><item><title>Sidang Kabin`, "malformed feed", false},
		{"truncated atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>Suara</title><entry><id>1</id>`, "malformed feed", false},
		{"binary", "\x00\x01\x02\x03", "not XML", true},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			f, err := Parse("https://contoh.example.id/rss", []byte(tt.raw))
			if err == nil {
				t.Fatalf("Parse succeeded with %+v, want error", f)
			}
			msg := err.Error()
			if !strings.Contains(msg, "https://contoh.example.id/rss") || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q should name the feed and contain %q", msg, tt.want)
			}
			if errors.Is(err, ErrNotFeed) != tt.notFeed {
				t.Errorf("errors.Is(%v, ErrNotFeed) = %v, want %v", err, !tt.notFeed, tt.notFeed)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.xml"))
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	for _, s := range []string{
		"", "<rss/>", "<feed/>", "<rdf:RDF/>", "<html></html>", `{"items":[{}]}`,
		`<rss><channel><item><link>/a</link><pubDate>Senin, 21 Nov 2022 13:21:00 WIB</pubDate></item></channel></rss>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		start := time.Now()
		got, err := Parse("fuzz.xml", raw)
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("Parse took %v on %d bytes", d, len(raw))
		}
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.xml") {
				t.Fatalf("error %q does not name the input", err)
			}
			return
		}
		for _, it := range got.Items {
			if it.GUID == "" && it.Link != "" {
				t.Fatalf("item %+v has a link but no GUID", it)
			}
		}
	})
}
