package ingest_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// warcResponse builds one gzip member holding a WARC response record for
// an HTML page.
func warcResponse(n int, uri string, page []byte) []byte {
	httpMsg := append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"), page...)
	var rec bytes.Buffer
	rec.WriteString("WARC/1.1\r\nWARC-Type: response\r\n")
	fmt.Fprintf(&rec, "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n", n)
	rec.WriteString("WARC-Date: 2024-06-05T08:00:00Z\r\nWARC-Target-URI: " + uri + "\r\n")
	fmt.Fprintf(&rec, "Content-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n", len(httpMsg))
	rec.Write(httpMsg)
	rec.WriteString("\r\n\r\n")
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	w.Write(rec.Bytes())
	w.Close()
	return out.Bytes()
}

// pageAbout is an invented Indonesian news page.
func pageAbout(title, body string) []byte {
	return []byte(`<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>` + title + `</title>` +
		`<meta property="article:published_time" content="2024-06-05T09:00:00+07:00"></head><body><article><h1>` + title + `</h1>` +
		`<p>` + body + `</p><p>Pemerintah Indonesia menyatakan akan terus memantau perkembangan situasi tersebut bersama negara-negara tetangga di kawasan.</p>` +
		`<p>Para pengamat menilai langkah itu penting untuk menjaga stabilitas kawasan dalam beberapa bulan mendatang.</p></article></body></html>`)
}

// TestBadInputsAreReported mixes a good WARC, a truncated WARC, a page with
// a wrong charset and broken markup, an oversized page, and feeds that fail
// in every way with good inputs: each problem is reported with its input and
// reason, the good inputs are stored, and nothing half-written is left.
func TestBadInputsAreReported(t *testing.T) {
	dir := t.TempDir()
	good := append(warcResponse(1, "https://contoh.example/berita/banjir",
		pageAbout("Banjir Rendam Tiga Kecamatan di Bekasi", "Hujan deras sejak Selasa malam membuat Sungai Cikeas meluap dan merendam ratusan rumah warga di tiga kecamatan di Bekasi, Jawa Barat.")),
		warcResponse(2, "https://contoh.example/berita/demo",
			pageAbout("Buruh Berunjuk Rasa Tolak Kenaikan Iuran", "Ribuan buruh berunjuk rasa di depan Istana Merdeka, Jakarta, pada Rabu (5/6) menolak kenaikan iuran tabungan perumahan rakyat."))...)
	os.WriteFile(filepath.Join(dir, "a-baik.warc.gz"), good, 0o644)
	third := warcResponse(3, "https://contoh.example/berita/pasar",
		pageAbout("Harga Cabai Naik Jelang Idul Adha", "Pedagang di Pasar Induk Kramat Jati mengatakan harga cabai rawit naik dua kali lipat dalam sepekan terakhir."))
	os.WriteFile(filepath.Join(dir, "b-terpotong.warc.gz"), append(append([]byte{}, third...), good[:len(good)/2+7]...), 0o644)
	// Latin-1 bytes declared as UTF-8, unclosed tags.
	broken := []byte("<html><head><meta charset=\"utf-8\"><title>Gempa Guncang Sulawesi Tengah</title><body><article><p>Gempa berkekuatan 5,8 mengguncang Palu, Sulawesi Tengah, pada Kamis pagi dan membuat warga berhamburan ke luar rumah \xe9\xe8 <p>Badan Meteorologi menyatakan gempa itu tidak berpotensi tsunami. <div><p>Pemerintah daerah mendirikan tenda darurat bagi warga yang rumahnya rusak")
	os.WriteFile(filepath.Join(dir, "c-rusak.html"), broken, 0o644)
	huge := bytes.Repeat([]byte("<p>kata kata kata kata kata kata kata kata</p>\n"), 60<<20/48)
	os.WriteFile(filepath.Join(dir, "d-raksasa.html"), huge, 0o644)

	slow := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/hilang.xml":
			http.NotFound(w, r)
		case "/error.xml":
			http.Error(w, "boom", http.StatusInternalServerError)
		case "/sampah.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte("<rss><channel><item><title>tidak selesai"))
		case "/lambat.xml":
			select {
			case <-slow:
			case <-time.After(10 * time.Second):
			}
		}
	}))
	defer srv.Close()
	defer close(slow) // runs before srv.Close

	s := openStore(t, filepath.Join(t.TempDir(), "w.db"))
	sum := run(t, s, 2, dir, srv.URL+"/hilang.xml", srv.URL+"/error.xml", srv.URL+"/sampah.xml", srv.URL+"/lambat.xml")
	if sum.Ingested != 4 { // the two WARC pages, the page before the cut, the broken page
		t.Errorf("ingested %d, want 4: %s", sum.Ingested, sum)
	}
	wantFailed := map[string]int{"broken-warc": 1, "http-404": 1, "fetch": 2, "broken-feed": 1}
	for reason, n := range wantFailed {
		if sum.Failed[reason] != n {
			t.Errorf("failed[%s] = %d, want %d (%v)", reason, sum.Failed[reason], n, sum.Failed)
		}
	}
	if sum.Skipped["too-large"] != 1 {
		t.Errorf("the 60 MB page was not skipped as too large: %v", sum.Skipped)
	}
	var detail string
	s.DB().QueryRow("SELECT detail FROM rejects WHERE reason = 'broken-warc'").Scan(&detail)
	if !strings.Contains(detail, "b-terpotong.warc.gz") || !strings.Contains(detail, "offset") {
		t.Errorf("broken WARC reject detail %q does not name the file and offset", detail)
	}
	var text string
	s.DB().QueryRow("SELECT text FROM articles WHERE title LIKE 'Gempa%'").Scan(&text)
	if !strings.Contains(text, "tsunami") || !utf8.ValidString(text) {
		t.Errorf("broken page's text not recovered: %q", text)
	}
	// Transient failures (500, timeouts) are not recorded: the next run tries again.
	var n int
	s.DB().QueryRow("SELECT count(*) FROM rejects WHERE input LIKE '%error.xml' OR input LIKE '%lambat.xml'").Scan(&n)
	if n != 0 {
		t.Errorf("transient feed failures were recorded as rejects")
	}
}
