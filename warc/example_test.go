package warc_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/warta-id/warta/warc"
)

func ExampleRead() {
	page := "<html><body><p>Pemerintah kota membuka pendaftaran sekolah secara daring.</p></body></html>"
	http := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
	var rec strings.Builder
	rec.WriteString("WARC/1.1\r\nWARC-Type: response\r\n")
	rec.WriteString("WARC-Record-ID: <urn:uuid:3f1c7a52-9d40-4c1e-8a7b-0c4b2f6d9e11>\r\n")
	rec.WriteString("WARC-Date: 2024-07-01T09:30:00Z\r\n")
	rec.WriteString("WARC-Target-URI: https://kabar.example/sekolah\r\n")
	rec.WriteString("Content-Type: application/http;msgtype=response\r\n")
	fmt.Fprintf(&rec, "Content-Length: %d\r\n\r\n%s\r\n\r\n", len(http), http)

	st, err := warc.Read("contoh.warc", bytes.NewReader([]byte(rec.String())), func(r warc.Record) error {
		fmt.Println(r.URI, r.Status, r.Date.Format("2006-01-02"), len(r.Body), "bytes")
		return nil
	})
	fmt.Println(st.Records, st.Responses, err)
	// Output:
	// https://kabar.example/sekolah 200 2024-07-01 91 bytes
	// 1 1 <nil>
}
