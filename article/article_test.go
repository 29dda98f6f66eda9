package article

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/warta-id/warta/doc"
)

func TestDataLoads(t *testing.T) {
	if err := DataError(); err != nil {
		t.Fatal(err)
	}
	rs := loadRules()
	if len(rs.rules) == 0 || len(rs.inline) == 0 || !rs.initials || len(rs.outlets) == 0 || len(rs.places) == 0 {
		t.Fatalf("data files loaded incompletely: %d rules, %d inline, %d outlets, %d places",
			len(rs.rules), len(rs.inline), len(rs.outlets), len(rs.places))
	}
}

func TestCheck(t *testing.T) {
	bad := append([]byte(strings.Repeat("a", 1234)), 0xff, 'b')
	tests := []struct {
		name    string
		raw     []byte
		max     int
		want    error
		message string
	}{
		{"ok", []byte("Jakarta - Presiden tiba."), 0, nil, ""},
		{"empty", nil, 0, ErrEmpty, "article x: empty input"},
		{"spaces", []byte(" \n\t\u00a0\u200b "), 0, ErrEmpty, ""},
		{"large", []byte("abcdef"), 5, ErrTooLarge, ""},
		{"limit-ok", []byte("abcde"), 5, nil, ""},
		{"utf8", bad, 0, ErrInvalidUTF8, "article x: invalid UTF-8 at byte 1234"},
		{"nul", []byte("abc\x00def"), 0, ErrBinary, ""},
		{"controls", []byte("a\x01\x02\x03\x04b"), 0, ErrBinary, ""},
		{"binary-bad-utf8", []byte{0x89, 'P', 'N', 'G', 0, 0, 1}, 0, ErrBinary, ""},
		{"few-controls", []byte("Teks biasa\x0c dengan form feed dan \x01 satu kontrol saja di sini."), 0, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check("x", tt.raw, tt.max)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("Check = %v, want %v", err, tt.want)
			}
			if tt.message != "" && err.Error() != tt.message {
				t.Fatalf("message %q, want %q", err.Error(), tt.message)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "article x: ") {
				t.Fatalf("message %q does not name the input", err.Error())
			}
		})
	}
}

func TestCheckLargeIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	raw := bytes.Repeat([]byte("Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah. "), 1<<20) // 64 MB
	if err := Check("big", raw, 0); err != nil {
		t.Fatal(err)
	}
}

func TestDateline(t *testing.T) {
	tests := []struct {
		raw, loc, outlet, rawDL, text string
	}{
		{"Caracas, Purna Warta – Menteri Luar Negeri Iran tiba di Venezuela.", "Caracas", "Purna Warta", "Caracas, Purna Warta", "Menteri Luar Negeri Iran tiba di Venezuela."},
		{"Jakarta (ANTARA News) - Polisi menilang 200 pengendara.", "Jakarta", "ANTARA News", "Jakarta (ANTARA News)", "Polisi menilang 200 pengendara."},
		{"Sukabumi, Jawa Barat (ANTARA News) - Warga mengungsi.", "Sukabumi, Jawa Barat", "ANTARA News", "Sukabumi, Jawa Barat (ANTARA News)", "Warga mengungsi."},
		{"Jakarta, CNN Indonesia -- Kepolisian bekerja sama dengan kampus.", "Jakarta", "CNN Indonesia", "Jakarta, CNN Indonesia", "Kepolisian bekerja sama dengan kampus."},
		{"Merdeka.com - Busana adat itu dipuji.", "", "Merdeka.com", "Merdeka.com", "Busana adat itu dipuji."},
		{"Merdeka.com - Kapanlagi.com - Harga tiket tol naik.", "", "Merdeka.com", "Merdeka.com - Kapanlagi.com", "Harga tiket tol naik."},
		{"Suara.com - Mobil baru laris.", "", "Suara.com", "Suara.com", "Mobil baru laris."},
		{"JAKARTA (Pos Kota) – Seorang pemuda dianiaya.", "Jakarta", "Pos Kota", "JAKARTA (Pos Kota)", "Seorang pemuda dianiaya."},
		{"KEBAYORAN BARU (Pos Kota) – Pria itu ditangkap.", "Kebayoran Baru", "Pos Kota", "KEBAYORAN BARU (Pos Kota)", "Pria itu ditangkap."},
		{"Rimanews - Bentrokan terjadi di perbatasan.", "", "Rimanews", "Rimanews", "Bentrokan terjadi di perbatasan."},
		{"KOMPAS.com - Perusahaan teknologi membuka lowongan.", "", "KOMPAS.com", "KOMPAS.com", "Perusahaan teknologi membuka lowongan."},
		{"BAGHDAD, KOMPAS.com - Wakil Presiden Irak melarikan diri.", "Baghdad", "KOMPAS.com", "BAGHDAD, KOMPAS.com", "Wakil Presiden Irak melarikan diri."},
		{"Liputan6.com, Jakarta: Harga cabai melonjak.", "Jakarta", "Liputan6.com", "Liputan6.com, Jakarta", "Harga cabai melonjak."},
		{"TEMPO.CO, Jakarta - Balai POM merilis hasil uji.", "Jakarta", "TEMPO.CO", "TEMPO.CO, Jakarta", "Balai POM merilis hasil uji."},
		{"Jakarta, Kompas - Pemerintah menaikkan harga BBM.", "Jakarta", "Kompas", "Jakarta, Kompas", "Pemerintah menaikkan harga BBM."},
		{"Jakarta - Warga antre sembako.", "Jakarta", "", "Jakarta", "Warga antre sembako."},
		{"detikNews - Presiden bertolak ke Tokyo.", "", "detikNews", "detikNews", "Presiden bertolak ke Tokyo."},
		{"Jakarta, detikcom - Sidang ditunda.", "Jakarta", "detikcom", "Jakarta, detikcom", "Sidang ditunda."},
		{"Jakarta, Di jejaring sosial beredar kabar bohong.", "Jakarta", "", "Jakarta", "Di jejaring sosial beredar kabar bohong."},
		{"JUARA.NET, KUALA LUMPUR - Timnas kalah.", "Kuala Lumpur", "JUARA.NET", "JUARA.NET, KUALA LUMPUR", "Timnas kalah."},
		{"JAKARTA -Wakil Presiden setuju.", "Jakarta", "", "JAKARTA", "Wakil Presiden setuju."},
		{"ITALIA– AS Roma menang.", "Italia", "", "ITALIA", "AS Roma menang."},
		{"Jakarta-Warganet masih bingung.", "Jakarta", "", "Jakarta", "Warganet masih bingung."},
		{"tirto.id - Kolese itu berulang tahun.", "", "tirto.id", "tirto.id", "Kolese itu berulang tahun."},
		{"Jakarta, Warta Dunia – Menlu bertemu mitranya.", "Jakarta", "Warta Dunia", "Jakarta, Warta Dunia", "Menlu bertemu mitranya."},
		{"Kupang, Harian Timor -- Banjir melanda.", "Kupang", "Harian Timor", "Kupang, Harian Timor", "Banjir melanda."},
		{"Madrid (ANTARA Bews) - Klub itu menang.", "Madrid", "ANTARA Bews", "Madrid (ANTARA Bews)", "Klub itu menang."},
		{"Jakarta (ANTARA News) -\nParagraf pertama di baris baru.", "Jakarta", "ANTARA News", "Jakarta (ANTARA News)", "Paragraf pertama di baris baru."},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			d := &doc.Document{Raw: tt.raw}
			Clean(d)
			if d.Dateline == nil {
				t.Fatalf("no dateline; text %q", d.Text)
			}
			got := *d.Dateline
			want := doc.Dateline{Location: tt.loc, Outlet: tt.outlet, Raw: tt.rawDL}
			if got != want {
				t.Errorf("dateline %+v, want %+v", got, want)
			}
			if d.Text != tt.text {
				t.Errorf("text %q, want %q", d.Text, tt.text)
			}
		})
	}
}

func TestNoDateline(t *testing.T) {
	for _, raw := range []string{
		"Presiden Joko Widodo - yang baru tiba dari Bali - langsung memimpin rapat.",
		"Presiden Joko Widodo (Jokowi) - didampingi menteri - meninjau banjir.",
		"Baru - baru ini, rapper asal California meluncurkan album.",
		"GO - JEK menambah fitur baru bagi pengguna.",
		"Prabowo - Hatta resmi mendaftar ke KPU.",
		"Kim Jong-un - pemimpin Korea Utara - menonton uji rudal.",
		"Menurut polisi, pelaku - yang berusia 24 tahun - sudah ditahan.",
		"Jakarta, Bandung dan Surabaya dilanda banjir.",
		"Jakarta, kota terbesar di Indonesia, tenggelam perlahan.",
		"OPINI: Demokrasi kita sedang diuji.",
		"Catatan: harga dapat berubah sewaktu-waktu.",
		"Hartati di Periksa - Usai diperiksa KPK, ia pulang.",
		"Polisi menangkap dua orang. Salah satunya - seorang pelajar - dilepas.",
	} {
		t.Run(raw, func(t *testing.T) {
			d := &doc.Document{Raw: raw}
			Clean(d)
			if d.Dateline != nil {
				t.Errorf("unexpected dateline %+v", *d.Dateline)
			}
			if want := joinSpacedHyphens(raw); d.Text != want {
				t.Errorf("text changed: %q, want %q", d.Text, want)
			}
		})
	}
}

func TestLeadingDash(t *testing.T) {
	d := &doc.Document{Raw: "- Pembalap Prancis itu masih lapar gelar."}
	Clean(d)
	if d.Dateline != nil || d.Text != "Pembalap Prancis itu masih lapar gelar." {
		t.Fatalf("got %+v %q", d.Dateline, d.Text)
	}
}

func TestNormalize(t *testing.T) {
	raw := "  Baris\u00a0 satu\tdengan   spasi.\r\nBaris\u200b dua\u00ad.\rBaris\x07 tiga.\n\n\n  \nBaris empat. \ufeff"
	d := &doc.Document{Raw: raw}
	Clean(d)
	want := "Baris satu dengan spasi.\nBaris dua.\nBaris tiga.\nBaris empat."
	if d.Text != want {
		t.Fatalf("text %q, want %q", d.Text, want)
	}
	d = &doc.Document{Raw: "Teks \xff\xfe rusak."}
	Clean(d)
	if !utf8.ValidString(d.Text) || d.Text != "Teks rusak." {
		t.Fatalf("text %q", d.Text)
	}
}

func TestBoilerplate(t *testing.T) {
	const body = "Polisi menangkap dua tersangka di Bekasi."
	tests := []struct {
		name    string
		raw     string
		text    string
		removed []doc.Removed
	}{
		{"baca-juga-line", body + "\nBaca juga: Polisi Buru Pelaku Lain\nParagraf kedua.", body + "\nParagraf kedua.",
			[]doc.Removed{rm("Baca juga: Polisi Buru Pelaku Lain", "baca-juga")}},
		{"baca-juga-space-colon", body + "\nBaca Juga : Banjir Rendam Bekasi", body,
			[]doc.Removed{rm("Baca Juga : Banjir Rendam Bekasi", "baca-juga")}},
		{"baca-juga-caps", body + "\nBACA JUGA: Harga Cabai Naik", body,
			[]doc.Removed{rm("BACA JUGA: Harga Cabai Naik", "baca-juga")}},
		{"baca-juga-bare-then-headlines", body + "\nBaca juga:\nHarga Cabai Naik Lagi\nCabai Rawit Langka di Pasar?\nParagraf kedua tetap ada.",
			body + "\nParagraf kedua tetap ada.",
			[]doc.Removed{rm("Baca juga:", "baca-juga"), rm("Harga Cabai Naik Lagi", "baca-juga"), rm("Cabai Rawit Langka di Pasar?", "baca-juga")}},
		{"baca-juga-bare-then-text", body + "\nBaca juga\nPolisi juga menyita dua sepeda motor dari lokasi.",
			body + "\nPolisi juga menyita dua sepeda motor dari lokasi.",
			[]doc.Removed{rm("Baca juga", "baca-juga")}},
		{"berita-terkait", body + "\nBerita Terkait\nParagraf kedua.", body + "\nParagraf kedua.",
			[]doc.Removed{rm("Berita Terkait", "berita-terkait")}},
		{"simak-juga", body + "\nSIMAK JUGA - Persib Menang Lagi", body,
			[]doc.Removed{rm("SIMAK JUGA - Persib Menang Lagi", "simak-juga")}},
		{"simak-video", body + "\nSimak video pilihan berikut ini:", body,
			[]doc.Removed{rm("Simak video pilihan berikut ini:", "video")}},
		{"lihat-juga", body + "\nLihat juga: Video Penangkapan", body,
			[]doc.Removed{rm("Lihat juga: Video Penangkapan", "lihat-juga")}},
		{"baca-selengkapnya", body + "\nBaca selengkapnya di situs kami", body,
			[]doc.Removed{rm("Baca selengkapnya di situs kami", "baca-juga")}},
		{"advertisement", body + "\nADVERTISEMENT\nSCROLL TO CONTINUE WITH CONTENT\nParagraf kedua.", body + "\nParagraf kedua.",
			[]doc.Removed{rm("ADVERTISEMENT", "advertisement"), rm("SCROLL TO CONTINUE WITH CONTENT", "advertisement")}},
		{"gambas", body + "\n[Gambas:Video CNN]", body, []doc.Removed{rm("[Gambas:Video CNN]", "video")}},
		{"foto", body + "\nFoto: Dok. Polres Bekasi\nFOTO: ANTARA\n(Foto: Istimewa)", body,
			[]doc.Removed{rm("Foto: Dok. Polres Bekasi", "caption"), rm("FOTO: ANTARA", "caption"), rm("(Foto: Istimewa)", "caption")}},
		{"caption-credit", "Tersangka saat digiring petugas (Foto: Reuters)\n" + body, body,
			[]doc.Removed{rm("Tersangka saat digiring petugas (Foto: Reuters)", "caption")}},
		{"antara-foto", body + "\n(ANTARA FOTO/Budi Santoso)", body,
			[]doc.Removed{rm("(ANTARA FOTO/Budi Santoso)", "caption")}},
		{"ilustrasi", "Ilustrasi borgol polisi.\n" + body, body,
			[]doc.Removed{rm("Ilustrasi borgol polisi.", "caption")}},
		{"copyright-c", body + "\nPelatih itu tersenyum. (c) AFP", body,
			[]doc.Removed{rm("Pelatih itu tersenyum. (c) AFP", "caption")}},
		{"credits", body + "\nEditor: Budi\nPewarta: Siti\nReporter : Andi\nPenulis: Rina\nSumber: Antara", body,
			[]doc.Removed{rm("Editor: Budi", "credit"), rm("Pewarta: Siti", "credit"), rm("Reporter : Andi", "credit"), rm("Penulis: Rina", "credit"), rm("Sumber: Antara", "credit")}},
		{"signoff-line", body + "\n(ant)", body, []doc.Removed{rm("(ant)", "sign-off")}},
		{"signoff-line-two", body + "\n(ant/red)", body, []doc.Removed{rm("(ant/red)", "sign-off")}},
		{"signoff-trailing", body + " (red)", "Polisi menangkap dua tersangka di Bekasi.", []doc.Removed{rm("(red)", "sign-off")}},
		{"signoff-trailing-mdk", "Paragraf satu.\n\"Kami serius,\" katanya. (mdk/xyz)", "Paragraf satu.\n\"Kami serius,\" katanya.", []doc.Removed{rm("(mdk/xyz)", "sign-off")}},
		{"signoff-kid-star", body + " (*/lpk)", body, []doc.Removed{rm("(*/lpk)", "sign-off")}},
		{"signoff-antara", body + " [Antara]", body, []doc.Removed{rm("[Antara]", "sign-off")}},
		{"signoff-kid", body + "\n(kid)", body, []doc.Removed{rm("(kid)", "sign-off")}},
		{"marker", "Baca_Juga Polisi juga menyita barang bukti.", "Polisi juga menyita barang bukti.",
			[]doc.Removed{rm("Baca_Juga", "baca-juga")}},
		{"inline-end", "Menteri itu tiba Kamis (30/3). Baca juga: Apple Investasi Rp 586 Miliar di Indonesia", "Menteri itu tiba Kamis (30/3).",
			[]doc.Removed{rm("Baca juga: Apple Investasi Rp 586 Miliar di Indonesia", "baca-juga")}},
		{"inline-middle", "Ia membantah kabar itu. Baca juga: Pemerintah Bahas Gaji PNS Sri mengakui banyak kabar beredar.",
			"Ia membantah kabar itu. Sri mengakui banyak kabar beredar.",
			[]doc.Removed{rm("Baca juga: Pemerintah Bahas Gaji PNS", "baca-juga")}},
		{"inline-paren", "Facebook akan diblokir. (Baca juga: Ini Surat Balasan Facebook) Menteri membantah.",
			"Facebook akan diblokir. Menteri membantah.",
			[]doc.Removed{rm("(Baca juga: Ini Surat Balasan Facebook)", "baca-juga")}},
		{"inline-bracket-line", body + "\n[Baca Juga: Polisi Buru Pelaku Lain]", body,
			[]doc.Removed{rm("[Baca Juga: Polisi Buru Pelaku Lain]", "baca-juga")}},
		{"not-boilerplate", "Foto bugil itu beredar luas. Sumber polisi mengatakan pelaku ditangkap. Jangan hanya membaca judul, tapi baca juga isinya.",
			"Foto bugil itu beredar luas. Sumber polisi mengatakan pelaku ditangkap. Jangan hanya membaca judul, tapi baca juga isinya.", nil},
		{"not-signoff-midtext", "Pasal (a) dihapus dan pasal (b) diubah oleh DPR hari ini.", "Pasal (a) dihapus dan pasal (b) diubah oleh DPR hari ini.", nil},
		{"only-boilerplate", "Baca juga:\nADVERTISEMENT\n(ant)", "", []doc.Removed{rm("Baca juga:", "baca-juga"), rm("ADVERTISEMENT", "advertisement"), rm("(ant)", "sign-off")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &doc.Document{Raw: tt.raw}
			Clean(d)
			if d.Text != tt.text {
				t.Errorf("text\n got %q\nwant %q", d.Text, tt.text)
			}
			if !reflect.DeepEqual(d.Removed, tt.removed) {
				t.Errorf("removed\n got %q\nwant %q", d.Removed, tt.removed)
			}
		})
	}
}

func rm(line, reason string) doc.Removed { return doc.Removed{Line: line, Reason: reason} }

func TestCleanIdempotentOnCleanText(t *testing.T) {
	d := &doc.Document{Raw: "Jakarta (ANTARA News) - Paragraf satu.\n\nParagraf dua. (ant)"}
	Clean(d)
	d2 := &doc.Document{Raw: d.Text}
	Clean(d2)
	if d2.Text != d.Text || d2.Dateline != nil || len(d2.Removed) != 0 {
		t.Fatalf("second pass changed text: %q -> %q (%v)", d.Text, d2.Text, d2.Removed)
	}
}

func TestCleanNil(t *testing.T) {
	Clean(nil)
	d := &doc.Document{}
	Clean(d)
	if d.Text != "" || d.Dateline != nil {
		t.Fatal("empty input should give empty output")
	}
}

func TestJoinSpacedHyphens(t *testing.T) {
	tests := []struct{ in, want string }{
		{"negara - negara Barat", "negara-negara Barat"},
		{"rezim Kim Jong - un terus", "rezim Kim Jong-un terus"},
		{"kasus e - KTP di", "kasus e-KTP di"},
		{"Ujung - ujungnya sejumlah", "Ujung-ujungnya sejumlah"},
		{"Presiden - yang baru terpilih - mengatakan", "Presiden - yang baru terpilih - mengatakan"},
		{"Jakarta - Presiden", "Jakarta - Presiden"},
		{"tanpa tanda", "tanpa tanda"},
	}
	for _, tt := range tests {
		if got := joinSpacedHyphens(tt.in); got != tt.want {
			t.Errorf("joinSpacedHyphens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
