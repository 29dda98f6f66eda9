// Package source reads articles into Documents: plain-text files (one
// article a file, id = file name without extension), JSONL files (one
// article a line: id, text, optional title, url, source, published) and
// standard input (either form, detected from the first byte).
//
// It takes paths and gives a stream of Items, each a Document or an error
// naming the input (file, or file:line) and the problem, so one bad input
// never stops the rest of a batch.
package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/warta-id/warta/article"
	"github.com/warta-id/warta/doc"
)

// DefaultMaxBytes is the largest article accepted (10 MiB of text; no news
// article comes near it).
const DefaultMaxBytes = 10 << 20

// Item is one article read, or the error that prevented reading it.
type Item struct {
	Doc  *doc.Document
	Name string // input name for messages: file, file:line, or "stdin"
	Err  error
	// Load, when set and Doc and Err are nil, makes the Document on a
	// pipeline worker (e.g. extracting an HTML page), so expensive
	// decoding runs in parallel. Its error names the input.
	Load func() (*doc.Document, error)
}

// Reader reads articles.
type Reader struct {
	MaxBytes  int       // per article; DefaultMaxBytes when 0
	Published time.Time // publication date for inputs that lack one (zero: none)
}

func (r *Reader) max() int {
	if r.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return r.MaxBytes
}

// ReadPaths reads each path in order and sends Items to out; it returns
// when all are read. A path of "-" is standard input.
func (r *Reader) ReadPaths(paths []string, stdin io.Reader, out chan<- Item) {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	for _, p := range paths {
		if p == "-" {
			r.readStream("stdin", stdin, out)
			continue
		}
		r.readFile(p, out)
	}
}

func (r *Reader) readFile(p string, out chan<- Item) {
	f, err := os.Open(p)
	if err != nil {
		out <- Item{Name: p, Err: fmt.Errorf("%s: %w", p, unwrapPath(err))}
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		out <- Item{Name: p, Err: fmt.Errorf("%s: %w", p, err)}
		return
	}
	if st.IsDir() {
		out <- Item{Name: p, Err: fmt.Errorf("%s: is a directory", p)}
		return
	}
	if strings.EqualFold(filepath.Ext(p), ".jsonl") || strings.EqualFold(filepath.Ext(p), ".ndjson") {
		r.readJSONL(p, f, out)
		return
	}
	if st.Size() > int64(r.max()) {
		out <- Item{Name: p, Err: fmt.Errorf("article %s: %w (%d bytes, limit %d)", p, article.ErrTooLarge, st.Size(), r.max())}
		return
	}
	raw, err := io.ReadAll(io.LimitReader(f, int64(r.max())+1))
	if err != nil {
		out <- Item{Name: p, Err: fmt.Errorf("%s: read: %w", p, err)}
		return
	}
	id := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
	r.emitText(p, id, raw, out)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (r *Reader) emitText(name, id string, raw []byte, out chan<- Item) {
	if err := article.Check(name, raw, r.max()); err != nil {
		out <- Item{Name: name, Err: err}
		return
	}
	d := &doc.Document{ID: id, Raw: string(raw)}
	r.setPublished(d)
	out <- Item{Name: name, Doc: d}
}

func (r *Reader) setPublished(d *doc.Document) {
	if d.Published.IsZero() && !r.Published.IsZero() {
		d.Published = r.Published
		d.PublishedGuessed = true
	}
}

// readStream reads stdin: JSONL if the first non-space byte is '{', else one
// plain-text article.
func (r *Reader) readStream(name string, in io.Reader, out chan<- Item) {
	br := bufio.NewReaderSize(in, 64<<10)
	for {
		b, err := br.Peek(1)
		if err != nil {
			if err == io.EOF {
				out <- Item{Name: name, Err: fmt.Errorf("article %s: %w", name, article.ErrEmpty)}
			} else {
				out <- Item{Name: name, Err: fmt.Errorf("%s: read: %w", name, err)}
			}
			return
		}
		if b[0] == ' ' || b[0] == '\n' || b[0] == '\r' || b[0] == '\t' {
			br.ReadByte()
			continue
		}
		if b[0] == '{' {
			r.readJSONL(name, br, out)
			return
		}
		break
	}
	raw, err := io.ReadAll(io.LimitReader(br, int64(r.max())+1))
	if err != nil {
		out <- Item{Name: name, Err: fmt.Errorf("%s: read: %w", name, err)}
		return
	}
	if len(raw) > r.max() {
		out <- Item{Name: name, Err: fmt.Errorf("article %s: %w (more than %d bytes)", name, article.ErrTooLarge, r.max())}
		return
	}
	r.emitText(name, "stdin", raw, out)
}

// Record is one JSONL article.
type Record struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"`
	// Fallbacks read when "published"/"url" are absent: "date", and the
	// IndoSum corpus's "id_timestamp_utc" and "source_url".
	Date      string `json:"date,omitempty"`
	Timestamp string `json:"id_timestamp_utc,omitempty"`
	SourceURL string `json:"source_url,omitempty"`
}

// ErrTruncated marks a JSONL file whose last line is cut off.
var ErrTruncated = errors.New("truncated JSON line (file ends mid-record)")

func (r *Reader) readJSONL(name string, in io.Reader, out chan<- Item) {
	br := bufio.NewReaderSize(in, 256<<10)
	lineNo := 0
	any := false
	for {
		line, tooLong, err := readLine(br, r.max()+4096)
		if len(line) == 0 && err == io.EOF && !tooLong {
			break
		}
		lineNo++
		where := fmt.Sprintf("%s:%d", name, lineNo)
		if tooLong {
			out <- Item{Name: where, Err: fmt.Errorf("%s: %w (line longer than %d bytes)", where, article.ErrTooLarge, r.max()+4096)}
			if err != nil {
				break
			}
			continue
		}
		atEOF := err == io.EOF
		if err != nil && err != io.EOF {
			out <- Item{Name: where, Err: fmt.Errorf("%s: read: %w", where, err)}
			return
		}
		trimmed := bytes.TrimSpace(line)
		if len(trimmed) == 0 {
			if atEOF {
				break
			}
			continue
		}
		any = true
		out <- r.decode(where, trimmed, atEOF && !bytes.HasSuffix(line, []byte("\n")))
		if atEOF {
			break
		}
	}
	if !any {
		out <- Item{Name: name, Err: fmt.Errorf("%s: %w (no JSON records)", name, article.ErrEmpty)}
	}
}

// readLine reads one line up to max bytes; longer lines are consumed and
// reported with tooLong.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > max {
			tooLong = true
			buf = nil
		} else if !tooLong {
			buf = append(buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLong {
			return nil, true, err
		}
		return buf, false, err
	}
}

func (r *Reader) decode(where string, line []byte, lastUnterminated bool) Item {
	if !utf8.Valid(line) {
		off := 0
		for off < len(line) {
			c, size := utf8.DecodeRune(line[off:])
			if c == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return Item{Name: where, Err: fmt.Errorf("%s: %w at byte %d of the line", where, article.ErrInvalidUTF8, off)}
	}
	var rec Record
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&rec); err != nil {
		if lastUnterminated && (errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end")) {
			return Item{Name: where, Err: fmt.Errorf("%s: %w", where, ErrTruncated)}
		}
		return Item{Name: where, Err: fmt.Errorf("%s: invalid JSON: %w", where, err)}
	}
	if dec.More() {
		return Item{Name: where, Err: fmt.Errorf("%s: invalid JSON: more than one value on the line", where)}
	}
	if rec.ID == "" {
		return Item{Name: where, Err: fmt.Errorf("%s: record has no \"id\"", where)}
	}
	label := fmt.Sprintf("%s (id %s)", where, rec.ID)
	if err := article.Check(label, []byte(rec.Text), r.max()); err != nil {
		return Item{Name: where, Err: err}
	}
	d := &doc.Document{ID: rec.ID, Raw: rec.Text, Title: rec.Title, URL: rec.URL, Source: rec.Source}
	if d.URL == "" {
		d.URL = rec.SourceURL
	}
	if rec.Published == "" {
		rec.Published = rec.Date
	}
	if rec.Published == "" {
		rec.Published = rec.Timestamp
	}
	if rec.Published != "" {
		t, err := ParseDate(rec.Published)
		if err != nil {
			return Item{Name: where, Err: fmt.Errorf("%s: \"published\": %w", label, err)}
		}
		d.Published = t
	}
	r.setPublished(d)
	return Item{Name: where, Doc: d}
}

// ParseDate parses a publication date: RFC 3339, "2006-01-02 15:04:05",
// or "2006-01-02".
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05-07:00", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot parse date %q (want YYYY-MM-DD or RFC 3339)", s)
}
