// Package warc reads archived web pages out of WARC files.
//
// It takes a WARC stream — plain (.warc) or gzip-compressed one member per
// record (.warc.gz) — and gives one Record per HTTP response with status 200
// and an HTML or plain-text payload: target URI, capture date, record ID, the
// payload's Content-Type and its body with chunked transfer coding and gzip,
// deflate or zstd content coding removed. Everything else (warcinfo, request,
// metadata and revisit records, other statuses, images, undecodable payloads)
// is counted by reason in Stats so a crawl can be audited.
//
// Parsing of the WARC framing is done by github.com/nlnwa/gowarc/v3 with
// lenient policies; the HTTP message inside a record is parsed here, because
// crawlers store it as it came off the wire (chunked, compressed, sometimes
// with sloppy headers).
package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	gowarc "github.com/nlnwa/gowarc/v3"
)

// Record is one HTTP response found in a WARC file.
type Record struct {
	ID          string    // WARC-Record-ID, without the angle brackets
	URI         string    // WARC-Target-URI
	Date        time.Time // WARC-Date (zero when missing or malformed)
	Status      int       // HTTP status
	ContentType string    // HTTP Content-Type header of the payload
	Body        []byte    // HTTP payload: de-chunked and decoded (Content-Encoding gzip, deflate, zstd)
	Offset      int64     // byte offset of the record in the file (compressed offset for .warc.gz)
}

// Stats counts what Read saw.
type Stats struct {
	Records   int            // all WARC records seen
	Responses int            // response records handed to fn
	Skipped   map[string]int // reason → count
}

// Reasons a record is skipped (keys of Stats.Skipped). Non-response records
// are counted under their WARC-Type ("warcinfo", "request", "metadata",
// "revisit", "resource", "conversion", "continuation"); "http-status-N" counts
// responses with status N other than 200.
const (
	ReasonNonResponse   = "non-response"            // a record of an unknown WARC-Type
	ReasonNotHTTP       = "not-http"                // a response record whose block is not an HTTP message
	ReasonBadHTTPHeader = "bad-http-header"         // status line or header fields unreadable
	ReasonNotHTML       = "not-html"                // Content-Type is neither HTML nor plain text
	ReasonBadChunking   = "bad-chunking"            // chunked transfer coding broken mid-stream
	ReasonBadEncoding   = "bad-encoding"            // gzip/deflate/zstd payload does not decode
	ReasonBrotli        = "unsupported-encoding-br" // no brotli decoder among the module's dependencies
	ReasonUnknownCoding = "unsupported-encoding"    // any other Content-Encoding
	ReasonTooLarge      = "too-large"               // payload (raw or decoded) over MaxBody
	ReasonBadRecord     = "bad-record"              // record framing wrong (short block in a gzip member, unreadable payload)
)

// MaxBody is the largest payload, before and after decoding, that Read hands
// on; larger payloads are skipped with reason "too-large".
var MaxBody int64 = 50 << 20

// Read calls fn for every HTTP response record with status 200 and an
// HTML/text payload, in file order. name is used only in error messages.
//
// It returns Stats and, for a fatal problem (truncated gzip member, garbage
// between or after records, a truncated uncompressed record), an error naming
// the input and the offset — after fn has seen every good record before it.
// A per-record problem (bad HTTP header, bad chunking, undecodable payload) is
// counted in Stats.Skipped and reading continues. fn returning an error stops
// reading and Read returns that error unwrapped.
//
// HTML/text means a Content-Type of text/html, application/xhtml+xml or
// text/plain, or no Content-Type and a body that sniffs as HTML.
func Read(name string, r io.Reader, fn func(Record) error) (Stats, error) {
	st := Stats{Skipped: map[string]int{}}
	if r == nil {
		return st, fmt.Errorf("warc %s: nil reader", name)
	}
	br := bufio.NewReaderSize(r, 64<<10)
	magic, _ := br.Peek(2)
	gzipped := len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b

	wr, err := gowarc.NewWarcFileReaderFromStream(br, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrWarn),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
	)
	if err != nil {
		return st, fmt.Errorf("warc %s: %w", name, err)
	}
	defer wr.Close()

	var pos int64 // where the next record should start
	for {
		rec, err := next(wr)
		if err == io.EOF {
			return st, nil
		}
		if err != nil {
			rec.Close()
			return st, fmt.Errorf("warc %s: record at offset %d: %w", name, pos, err)
		}
		pos = rec.Offset + rec.Size
		st.Records++
		out, reason, fatal := convert(rec, gzipped)
		rec.Close()
		if fatal != nil {
			return st, fmt.Errorf("warc %s: record at offset %d: %w", name, rec.Offset, fatal)
		}
		if reason != "" {
			st.Skipped[reason]++
			continue
		}
		st.Responses++
		if err := fn(out); err != nil {
			return st, err
		}
	}
}

// next reads one record, turning a panic inside the WARC parser into an error
// so that no input can crash the caller.
func next(wr *gowarc.WarcFileReader) (rec gowarc.Record, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("WARC parser failed: %v", p)
		}
	}()
	rec, err = wr.Next()
	if err != nil && err != io.EOF && errors.Is(err, io.EOF) {
		err = fmt.Errorf("truncated: %w", io.ErrUnexpectedEOF)
	}
	return rec, err
}

// convert turns one WARC record into a Record, or says why it is skipped, or
// returns a fatal error when the file cannot be trusted past this record.
func convert(rec gowarc.Record, gzipped bool) (out Record, reason string, fatal error) {
	defer func() {
		if p := recover(); p != nil {
			out, reason, fatal = Record{}, ReasonBadRecord, nil
		}
	}()
	wrec := rec.WarcRecord
	if wrec == nil {
		return out, ReasonBadRecord, nil
	}
	for _, v := range rec.Validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) && cl.Actual < cl.Expected {
			if !gzipped {
				return out, "", fmt.Errorf("truncated: Content-Length %d but only %d bytes", cl.Expected, cl.Actual)
			}
			return out, ReasonBadRecord, nil
		}
	}
	if t := wrec.Type(); t != gowarc.Response {
		if s := t.String(); s != "unknown" {
			return out, s, nil
		}
		return out, ReasonNonResponse, nil
	}
	hb, ok := wrec.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return out, ReasonNotHTTP, nil
	}
	status, hdr, ok := parseHTTPHeader(hb.ProtocolHeaderBytes())
	if !ok {
		return out, ReasonBadHTTPHeader, nil
	}
	if status != http.StatusOK {
		return out, "http-status-" + strconv.Itoa(status), nil
	}
	ctype := hdr.Get("Content-Type")
	if ctype != "" && !htmlOrText(ctype) {
		return out, ReasonNotHTML, nil
	}
	pr, err := hb.PayloadBytes()
	if err != nil {
		return out, ReasonBadRecord, nil
	}
	raw, err := io.ReadAll(io.LimitReader(pr, MaxBody+1))
	if err != nil {
		return out, ReasonBadRecord, nil
	}
	if int64(len(raw)) > MaxBody {
		return out, ReasonTooLarge, nil
	}
	body, reason := decodeBody(raw, hdr)
	if reason != "" {
		return out, reason, nil
	}
	if ctype == "" && !strings.HasPrefix(http.DetectContentType(body), "text/html") {
		return out, ReasonNotHTML, nil
	}
	date, _ := wrec.Date()
	return Record{
		ID:          wrec.RecordId(),
		URI:         strings.Trim(wrec.WarcHeader().Get(gowarc.WarcTargetURI), "<> "),
		Date:        date,
		Status:      status,
		ContentType: ctype,
		Body:        body,
		Offset:      rec.Offset,
	}, "", nil
}

// parseHTTPHeader reads an HTTP/1.x status line and header fields. It is more
// forgiving than net/http (bare LF line ends, Content-Length together with
// Transfer-Encoding) and keeps Transfer-Encoding, which net/http removes.
func parseHTTPHeader(b []byte) (status int, hdr textproto.MIMEHeader, ok bool) {
	line, rest, _ := bytes.Cut(b, []byte("\n"))
	line = bytes.TrimRight(line, "\r")
	proto, after, found := bytes.Cut(line, []byte(" "))
	if !found || !bytes.HasPrefix(proto, []byte("HTTP/")) {
		return 0, nil, false
	}
	code, _, _ := bytes.Cut(bytes.TrimLeft(after, " "), []byte(" "))
	if len(code) != 3 {
		return 0, nil, false
	}
	status, err := strconv.Atoi(string(code))
	if err != nil || status < 100 {
		return 0, nil, false
	}
	if len(bytes.TrimSpace(rest)) == 0 {
		return status, textproto.MIMEHeader{}, true
	}
	// textproto wants a blank line at the end; make sure there is one.
	rest = append(bytes.TrimRight(rest, "\r\n"), "\r\n\r\n"...)
	hdr, err = textproto.NewReader(bufio.NewReader(bytes.NewReader(rest))).ReadMIMEHeader()
	if err != nil {
		return 0, nil, false
	}
	return status, hdr, true
}

// htmlOrText reports whether a Content-Type names HTML or plain text.
func htmlOrText(ctype string) bool {
	mt, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		mt, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(ctype)), ";")
		mt = strings.TrimSpace(mt)
	}
	switch mt {
	case "text/html", "application/xhtml+xml", "text/plain":
		return true
	}
	return false
}

// decodeBody removes chunked transfer coding and content codings. It returns
// a skip reason when the payload cannot be decoded.
func decodeBody(raw []byte, hdr textproto.MIMEHeader) ([]byte, string) {
	body := raw
	if hasToken(hdr.Values("Transfer-Encoding"), "chunked") && looksChunked(raw) {
		b, reason := dechunk(raw)
		if reason != "" {
			return nil, reason
		}
		body = b
	}
	codings := tokens(hdr.Values("Content-Encoding"))
	for i := len(codings) - 1; i >= 0; i-- {
		var (
			rd  io.Reader
			err error
		)
		switch codings[i] {
		case "identity", "":
			continue
		case "gzip", "x-gzip":
			if len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
				// Some crawlers store the payload decoded but keep the
				// header; there is no gzip stream to undo.
				continue
			}
			rd, err = gzip.NewReader(bytes.NewReader(body))
		case "deflate":
			// RFC 9110 says zlib-wrapped; some servers send raw deflate.
			if zr, zerr := zlib.NewReader(bytes.NewReader(body)); zerr == nil {
				rd = zr
			} else {
				rd = flate.NewReader(bytes.NewReader(body))
			}
		case "zstd":
			d, zerr := zstd.NewReader(bytes.NewReader(body), zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(uint64(MaxBody)+1<<20))
			if zerr != nil {
				return nil, ReasonBadEncoding
			}
			b, rerr := io.ReadAll(io.LimitReader(d, MaxBody+1))
			d.Close()
			if rerr != nil {
				return nil, ReasonBadEncoding
			}
			if int64(len(b)) > MaxBody {
				return nil, ReasonTooLarge
			}
			body = b
			continue
		case "br":
			return nil, ReasonBrotli
		default:
			return nil, ReasonUnknownCoding
		}
		if err != nil {
			return nil, ReasonBadEncoding
		}
		b, rerr := io.ReadAll(io.LimitReader(rd, MaxBody+1))
		if rerr != nil {
			return nil, ReasonBadEncoding
		}
		if int64(len(b)) > MaxBody {
			return nil, ReasonTooLarge
		}
		body = b
	}
	return body, ""
}

// dechunk removes chunked transfer coding (RFC 9112 §7.1). It accepts bare
// LF line ends and ignores chunk extensions and trailer fields.
func dechunk(raw []byte) ([]byte, string) {
	var out []byte
	for {
		line, rest, ok := bytes.Cut(raw, []byte("\n"))
		if !ok {
			return nil, ReasonBadChunking
		}
		line, _, _ = bytes.Cut(line, []byte(";"))
		line = bytes.TrimSpace(line)
		if len(line) == 0 || len(line) > 15 {
			return nil, ReasonBadChunking
		}
		n, err := strconv.ParseInt(string(line), 16, 64)
		if err != nil || n < 0 {
			return nil, ReasonBadChunking
		}
		if n == 0 {
			return out, "" // trailer fields, if any, are ignored
		}
		if n > int64(len(rest)) {
			return nil, ReasonBadChunking
		}
		if int64(len(out))+n > MaxBody {
			return nil, ReasonTooLarge
		}
		out = append(out, rest[:n]...)
		raw = rest[n:]
		switch {
		case bytes.HasPrefix(raw, []byte("\r\n")):
			raw = raw[2:]
		case bytes.HasPrefix(raw, []byte("\n")):
			raw = raw[1:]
		default:
			return nil, ReasonBadChunking
		}
	}
}

// looksChunked reports whether raw starts with a chunk-size line. Some
// crawlers store the payload de-chunked but keep "Transfer-Encoding: chunked".
func looksChunked(raw []byte) bool {
	i := 0
	for i < len(raw) && i < 16 && isHex(raw[i]) {
		i++
	}
	if i == 0 || i >= len(raw) {
		return false
	}
	switch raw[i] {
	case '\r', '\n', ';', ' ', '\t':
		return true
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// tokens splits comma-separated header values into lower-case tokens.
func tokens(values []string) []string {
	var out []string
	for _, v := range values {
		for _, t := range strings.Split(v, ",") {
			if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

func hasToken(values []string, want string) bool {
	for _, t := range tokens(values) {
		if t == want {
			return true
		}
	}
	return false
}
