package warc

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
)

// Invented Indonesian pages used as payloads.
const (
	pageBanjir = `<!DOCTYPE html><html lang="id"><head><title>Banjir Rendam Tiga Kecamatan</title></head>` +
		`<body><article><p>Hujan deras sejak Selasa malam membuat sungai meluap dan merendam ratusan rumah ` +
		`warga di tiga kecamatan. Badan Penanggulangan Bencana Daerah mendirikan dapur umum di balai desa.</p>` +
		`</article></body></html>`
	pagePasar = `<html><head><title>Harga Cabai Naik Jelang Lebaran</title></head><body><p>Pedagang di pasar ` +
		`tradisional mengatakan harga cabai rawit naik dua kali lipat dalam sepekan terakhir.</p></body></html>`
	pageSekolah = `<html><body><h1>Sekolah Baru Diresmikan</h1><p>Bupati meresmikan gedung sekolah dasar yang ` +
		`dibangun dengan dana desa. Murid-murid tidak lagi belajar di tenda.</p></body></html>`
)

// httpResponse builds an HTTP/1.1 response message with the given extra
// header lines and body.
func httpResponse(status string, headers []string, body []byte) []byte {
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 " + status + "\r\n")
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// warcRecord builds one WARC/1.1 record by hand.
func warcRecord(typ, id, uri, ctype string, block []byte) []byte {
	var b bytes.Buffer
	b.WriteString("WARC/1.1\r\n")
	b.WriteString("WARC-Type: " + typ + "\r\n")
	b.WriteString("WARC-Record-ID: <urn:uuid:" + id + ">\r\n")
	b.WriteString("WARC-Date: 2024-03-07T08:15:00Z\r\n")
	if uri != "" {
		b.WriteString("WARC-Target-URI: " + uri + "\r\n")
	}
	b.WriteString("Content-Type: " + ctype + "\r\n")
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func response(id, uri string, http []byte) []byte {
	return warcRecord("response", id, uri, "application/http;msgtype=response", http)
}

func gz(b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

func zlibBytes(b []byte) []byte {
	var out bytes.Buffer
	w := zlib.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

func chunked(b []byte, size int) []byte {
	var out bytes.Buffer
	for len(b) > 0 {
		n := min(size, len(b))
		fmt.Fprintf(&out, "%x\r\n", n)
		out.Write(b[:n])
		out.WriteString("\r\n")
		b = b[n:]
	}
	out.WriteString("0\r\n\r\n")
	return out.Bytes()
}

const htmlType = "Content-Type: text/html; charset=utf-8"

// mixedRecords is a small crawl: warcinfo, request, response, metadata and
// responses that must be skipped for various reasons.
func mixedRecords() [][]byte {
	return [][]byte{
		warcRecord("warcinfo", "00000000-0000-0000-0000-000000000001", "", "application/warc-fields",
			[]byte("software: warta-test\r\nformat: WARC File Format 1.1\r\n")),
		warcRecord("request", "00000000-0000-0000-0000-000000000002", "https://berita.example/banjir",
			"application/http;msgtype=request", []byte("GET /banjir HTTP/1.1\r\nHost: berita.example\r\n\r\n")),
		response("00000000-0000-0000-0000-000000000003", "https://berita.example/banjir",
			httpResponse("200 OK", []string{htmlType}, []byte(pageBanjir))),
		warcRecord("metadata", "00000000-0000-0000-0000-000000000004", "https://berita.example/banjir",
			"application/warc-fields", []byte("outlink: https://berita.example/pasar\r\n")),
		response("00000000-0000-0000-0000-000000000005", "https://berita.example/hilang",
			httpResponse("404 Not Found", []string{htmlType}, []byte("<html>tidak ditemukan</html>"))),
		response("00000000-0000-0000-0000-000000000006", "https://berita.example/logo.png",
			httpResponse("200 OK", []string{"Content-Type: image/png"}, []byte("\x89PNG\r\n\x1a\n"))),
		response("00000000-0000-0000-0000-000000000007", "https://berita.example/pasar",
			httpResponse("200 OK", []string{htmlType, "Transfer-Encoding: chunked"}, chunked([]byte(pagePasar), 37))),
		response("00000000-0000-0000-0000-000000000008", "https://berita.example/sekolah",
			httpResponse("200 OK", []string{htmlType, "Content-Encoding: gzip"}, gz([]byte(pageSekolah)))),
		response("00000000-0000-0000-0000-000000000009", "https://berita.example/rusak",
			httpResponse("200 OK", []string{htmlType, "Transfer-Encoding: chunked"}, []byte("10\r\nterlalu pendek"))),
		response("00000000-0000-0000-0000-00000000000a", "https://berita.example/pindah",
			httpResponse("301 Moved Permanently", []string{"Location: https://berita.example/"}, nil)),
	}
}

var mixedWant = []Record{
	{ID: "urn:uuid:00000000-0000-0000-0000-000000000003", URI: "https://berita.example/banjir", Status: 200,
		ContentType: "text/html; charset=utf-8", Body: []byte(pageBanjir)},
	{ID: "urn:uuid:00000000-0000-0000-0000-000000000007", URI: "https://berita.example/pasar", Status: 200,
		ContentType: "text/html; charset=utf-8", Body: []byte(pagePasar)},
	{ID: "urn:uuid:00000000-0000-0000-0000-000000000008", URI: "https://berita.example/sekolah", Status: 200,
		ContentType: "text/html; charset=utf-8", Body: []byte(pageSekolah)},
}

var mixedSkipped = map[string]int{
	"warcinfo": 1, "request": 1, "metadata": 1, "http-status-404": 1, "http-status-301": 1,
	ReasonNotHTML: 1, ReasonBadChunking: 1,
}

func join(recs [][]byte, compress bool) ([]byte, []int64) {
	var out []byte
	var offs []int64
	for _, r := range recs {
		offs = append(offs, int64(len(out)))
		if compress {
			r = gz(r)
		}
		out = append(out, r...)
	}
	return out, offs
}

func readAll(t *testing.T, name string, data []byte) ([]Record, Stats, error) {
	t.Helper()
	var got []Record
	st, err := Read(name, bytes.NewReader(data), func(r Record) error {
		got = append(got, r)
		return nil
	})
	return got, st, err
}

func TestReadMixed(t *testing.T) {
	for _, compress := range []bool{false, true} {
		name := "crawl.warc"
		if compress {
			name += ".gz"
		}
		t.Run(name, func(t *testing.T) {
			data, offs := join(mixedRecords(), compress)
			got, st, err := readAll(t, name, data)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if st.Records != len(offs) || st.Responses != len(mixedWant) {
				t.Errorf("Records=%d Responses=%d, want %d and %d", st.Records, st.Responses, len(offs), len(mixedWant))
			}
			if !reflect.DeepEqual(st.Skipped, mixedSkipped) {
				t.Errorf("Skipped = %v, want %v", st.Skipped, mixedSkipped)
			}
			wantOffs := []int64{offs[2], offs[6], offs[7]}
			if len(got) != len(mixedWant) {
				t.Fatalf("got %d records, want %d", len(got), len(mixedWant))
			}
			for i, w := range mixedWant {
				g := got[i]
				if g.ID != w.ID || g.URI != w.URI || g.Status != w.Status || g.ContentType != w.ContentType {
					t.Errorf("record %d = %+v", i, g)
				}
				if !bytes.Equal(g.Body, w.Body) {
					t.Errorf("record %d body = %q, want %q", i, g.Body, w.Body)
				}
				if g.Offset != wantOffs[i] {
					t.Errorf("record %d offset = %d, want %d", i, g.Offset, wantOffs[i])
				}
				if g.Date.Format("2006-01-02T15:04") != "2024-03-07T08:15" {
					t.Errorf("record %d date = %v", i, g.Date)
				}
			}
		})
	}
}

func TestReadEncodings(t *testing.T) {
	page := []byte(pageSekolah)
	tests := []struct {
		name    string
		headers []string
		body    []byte
		want    []byte // nil: skipped
		reason  string
	}{
		{"plain", []string{htmlType}, page, page, ""},
		{"text/plain", []string{"Content-Type: text/plain"}, page, page, ""},
		{"xhtml", []string{"Content-Type: application/xhtml+xml"}, page, page, ""},
		{"no content type, html body", nil, page, page, ""},
		{"no content type, binary body", nil, []byte{0, 1, 2, 3}, nil, ReasonNotHTML},
		{"gzip", []string{htmlType, "Content-Encoding: gzip"}, gz(page), page, ""},
		{"gzip already decoded by crawler", []string{htmlType, "Content-Encoding: gzip"}, page, page, ""},
		{"deflate zlib", []string{htmlType, "Content-Encoding: deflate"}, zlibBytes(page), page, ""},
		{"chunked then gzip", []string{htmlType, "Transfer-Encoding: chunked", "Content-Encoding: gzip"},
			chunked(gz(page), 20), page, ""},
		{"chunked header but stored de-chunked", []string{htmlType, "Transfer-Encoding: chunked"}, page, page, ""},
		{"chunked with bare LF", []string{htmlType, "Transfer-Encoding: chunked"},
			[]byte("5\nhalo \n5\ndunia\n0\n\n"), []byte("halo dunia"), ""},
		{"broken gzip", []string{htmlType, "Content-Encoding: gzip"}, append([]byte{0x1f, 0x8b}, "sampah"...), nil, ReasonBadEncoding},
		{"brotli", []string{htmlType, "Content-Encoding: br"}, []byte("\x0b\x02\x80"), nil, ReasonBrotli},
		{"unknown coding", []string{htmlType, "Content-Encoding: compress"}, []byte("x"), nil, ReasonUnknownCoding},
		{"json", []string{"Content-Type: application/json"}, []byte(`{"a":1}`), nil, ReasonNotHTML},
		{"500", nil, page, nil, "http-status-500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status := "200 OK"
			if strings.HasPrefix(tt.reason, "http-status-") {
				status = strings.TrimPrefix(tt.reason, "http-status-") + " Server Error"
			}
			rec := response("00000000-0000-0000-0000-0000000000ff", "https://berita.example/x",
				httpResponse(status, tt.headers, tt.body))
			got, st, err := readAll(t, "enc.warc", rec)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if tt.want == nil {
				if len(got) != 0 || st.Skipped[tt.reason] != 1 {
					t.Errorf("got %d records, Skipped=%v; want skip %q", len(got), st.Skipped, tt.reason)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("got %d records, Skipped=%v; want 1", len(got), st.Skipped)
			}
			if !bytes.Equal(got[0].Body, tt.want) {
				t.Errorf("body = %q, want %q", got[0].Body, tt.want)
			}
		})
	}
}

func TestReadBadHTTPHeader(t *testing.T) {
	tests := []struct {
		name  string
		block string
	}{
		{"no status code", "HTTP/1.1 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>"},
		{"bad status code", "HTTP/1.1 2x0 OK\r\n\r\n<p>x</p>"},
		{"bad header line", "HTTP/1.1 200 OK\r\n Content-Type: text/html\r\n\r\n<p>x</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := append(response("00000000-0000-0000-0000-000000000010", "https://berita.example/a", []byte(tt.block)),
				response("00000000-0000-0000-0000-000000000011", "https://berita.example/b",
					httpResponse("200 OK", []string{htmlType}, []byte(pagePasar)))...)
			got, st, err := readAll(t, "bad.warc", data)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if len(got) != 1 || st.Skipped[ReasonBadHTTPHeader]+st.Skipped[ReasonNotHTTP] != 1 {
				t.Errorf("got %d records, Skipped=%v; want the second record and one bad header", len(got), st.Skipped)
			}
		})
	}
}

func TestReadTooLarge(t *testing.T) {
	old := MaxBody
	MaxBody = 100
	defer func() { MaxBody = old }()
	big := bytes.Repeat([]byte("<p>berita panjang</p>"), 10)
	tests := []struct {
		name    string
		headers []string
		body    []byte
	}{
		{"raw", []string{htmlType}, big},
		{"decoded", []string{htmlType, "Content-Encoding: gzip"}, gz(big)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := response("00000000-0000-0000-0000-000000000020", "https://berita.example/besar",
				httpResponse("200 OK", tt.headers, tt.body))
			got, st, err := readAll(t, "big.warc", data)
			if err != nil || len(got) != 0 || st.Skipped[ReasonTooLarge] != 1 {
				t.Errorf("got %d records, Skipped=%v, err=%v; want one too-large", len(got), st.Skipped, err)
			}
		})
	}
}

func TestReadFatal(t *testing.T) {
	recs := mixedRecords()[:3] // warcinfo, request, good response
	last := response("00000000-0000-0000-0000-000000000030", "https://berita.example/terpotong",
		httpResponse("200 OK", []string{htmlType}, []byte(pagePasar)))
	gzData, gzOffs := join(append(recs, last), true)
	plainData, plainOffs := join(append(recs, last), false)
	rng := rand.New(rand.NewSource(7))
	random := make([]byte, 4096)
	rng.Read(random)

	tests := []struct {
		name      string
		data      []byte
		responses int
		errOffset int64 // -1: no error expected
	}{
		{"empty.warc", nil, 0, -1},
		{"truncated.warc.gz", gzData[:len(gzData)-25], 1, gzOffs[3]},
		{"truncated-header.warc.gz", gzData[:gzOffs[3]+5], 1, gzOffs[3]},
		{"truncated.warc", plainData[:len(plainData)-60], 1, plainOffs[3]},
		{"garbage-after.warc.gz", append(append([]byte{}, gzData...), "ini bukan WARC sama sekali"...), 2, int64(len(gzData))},
		{"chunk-size-garbage.warc", response("00000000-0000-0000-0000-000000000031", "https://berita.example/c",
			httpResponse("200 OK", []string{htmlType, "Transfer-Encoding: chunked"}, []byte("5\r\nhalo!XX0\r\n\r\n"))), 0, -1},
		{"random.warc", random, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, st, err := readAll(t, tt.name, tt.data)
			if len(got) != tt.responses || st.Responses != tt.responses {
				t.Errorf("got %d records (Responses=%d), want %d; Skipped=%v", len(got), st.Responses, tt.responses, st.Skipped)
			}
			if tt.errOffset < 0 {
				if err != nil {
					t.Errorf("err = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("err = nil, want an error naming %s", tt.name)
			}
			want := fmt.Sprintf("warc %s: record at offset %d:", tt.name, tt.errOffset)
			if tt.name == "random.warc" {
				want = fmt.Sprintf("warc %s: record at offset", tt.name)
			}
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("err = %q, want prefix %q", err, want)
			}
		})
	}
}

func TestReadCallbackError(t *testing.T) {
	data, _ := join(mixedRecords(), true)
	stop := errors.New("cukup")
	n := 0
	st, err := Read("crawl.warc.gz", bytes.NewReader(data), func(Record) error {
		n++
		return stop
	})
	if err != stop || n != 1 || st.Responses != 1 {
		t.Errorf("err=%v n=%d Responses=%d, want the callback's error after one record", err, n, st.Responses)
	}
}

// TestReadSharedFixtures reads every .warc / .warc.gz under shared/data, if any
// are there, and only checks that reading does not fail badly.
func TestReadSharedFixtures(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("shared data not found at %s (it sits next to the repository on the dev machine)", root)
	}
	var files []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".warc") || strings.HasSuffix(p, ".warc.gz")) {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skipf("no WARC files under %s", root)
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		st, err := Read(f, fh, func(Record) error { return nil })
		fh.Close()
		t.Logf("%s: %+v err=%v", f, st, err)
	}
}

func FuzzRead(f *testing.F) {
	plain, _ := join(mixedRecords(), false)
	comp, _ := join(mixedRecords(), true)
	f.Add(plain)
	f.Add(comp)
	f.Add(comp[:len(comp)/2])
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		st, err := Read("fuzz.warc", bytes.NewReader(data), func(r Record) error {
			n++
			if r.Status != 200 {
				t.Errorf("delivered status %d", r.Status)
			}
			return nil
		})
		if n != st.Responses {
			t.Errorf("fn called %d times, Responses=%d", n, st.Responses)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "warc fuzz.warc:") {
			t.Errorf("error does not name the input: %v", err)
		}
	})
}
