package source

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/warta-id/warta/article"
)

func readAll(r *Reader, name, input string) []Item {
	out := make(chan Item, 64)
	go func() {
		r.readStream(name, strings.NewReader(input), out)
		close(out)
	}()
	var items []Item
	for it := range out {
		items = append(items, it)
	}
	return items
}

func TestReadJSONL(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		docs    int
		errs    []string
		errKind error
	}{
		{"one record", `{"id":"a","text":"Presiden bertemu Menlu."}` + "\n", 1, nil, nil},
		{"no final newline", `{"id":"a","text":"Presiden bertemu Menlu."}`, 1, nil, nil},
		{"blank lines", "\n" + `{"id":"a","text":"Teks."}` + "\n\n" + `{"id":"b","text":"Teks lain."}` + "\n", 2, nil, nil},
		{"truncated last", `{"id":"a","text":"Teks."}` + "\n" + `{"id":"b","text":"Tek`, 1, []string{"in:2: truncated JSON line"}, ErrTruncated},
		{"bad middle line keeps the rest", `{"id":"a","text":"A."}` + "\n" + `{oops}` + "\n" + `{"id":"c","text":"C."}` + "\n", 2, []string{"in:2: invalid JSON"}, nil},
		{"missing id", `{"text":"Teks."}` + "\n", 0, []string{`in:1: record has no "id"`}, nil},
		{"empty text", `{"id":"a","text":"   "}` + "\n", 0, []string{"in:1 (id a): empty input"}, article.ErrEmpty},
		{"bad published", `{"id":"a","text":"Teks.","published":"kemarin"}` + "\n", 0, []string{`"published": cannot parse date`}, nil},
		{"two values on a line", `{"id":"a","text":"A."} {"id":"b","text":"B."}` + "\n", 0, []string{"more than one value"}, nil},
		{"invalid UTF-8", "{\"id\":\"a\",\"text\":\"\xff\"}\n", 0, []string{"in:1: invalid UTF-8"}, article.ErrInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := readAll(&Reader{}, "in", tt.input)
			docs := 0
			var errs []string
			for _, it := range items {
				if it.Err != nil {
					errs = append(errs, it.Err.Error())
					if tt.errKind != nil && !errors.Is(it.Err, tt.errKind) {
						t.Errorf("error %v does not wrap %v", it.Err, tt.errKind)
					}
				} else {
					docs++
				}
			}
			if docs != tt.docs {
				t.Errorf("docs = %d, want %d (errors %v)", docs, tt.docs, errs)
			}
			if len(errs) != len(tt.errs) {
				t.Fatalf("errors = %q, want %d matching %q", errs, len(tt.errs), tt.errs)
			}
			for i, want := range tt.errs {
				if !strings.Contains(errs[i], want) {
					t.Errorf("error %q lacks %q", errs[i], want)
				}
			}
		})
	}
}

func TestPublishedFallbacks(t *testing.T) {
	r := &Reader{Published: time.Date(2023, 1, 5, 0, 0, 0, 0, time.UTC)}
	items := readAll(r, "in", `{"id":"a","text":"A.","id_timestamp_utc":"2017-01-16T07:20:55+00:00","source_url":"http://x/y"}`+"\n"+`{"id":"b","text":"B."}`+"\n")
	if len(items) != 2 || items[0].Doc == nil || items[1].Doc == nil {
		t.Fatalf("items = %+v", items)
	}
	a, b := items[0].Doc, items[1].Doc
	if a.Published.Format("2006-01-02") != "2017-01-16" || a.PublishedGuessed || a.URL != "http://x/y" {
		t.Errorf("record a: published %v guessed %v url %q", a.Published, a.PublishedGuessed, a.URL)
	}
	if b.Published.Format("2006-01-02") != "2023-01-05" || !b.PublishedGuessed {
		t.Errorf("record b should take --published: %v %v", b.Published, b.PublishedGuessed)
	}
}

func TestPlainStdin(t *testing.T) {
	items := readAll(&Reader{}, "stdin", "  \nJakarta - Presiden bertemu Menlu.\n")
	if len(items) != 1 || items[0].Doc == nil || items[0].Doc.ID != "stdin" {
		t.Fatalf("items = %+v", items)
	}
	items = readAll(&Reader{}, "stdin", "")
	if len(items) != 1 || !errors.Is(items[0].Err, article.ErrEmpty) {
		t.Fatalf("empty stdin: %+v", items)
	}
}

func TestLongLine(t *testing.T) {
	long := `{"id":"a","text":"` + strings.Repeat("kata ", 3000) + `"}` + "\n" + `{"id":"b","text":"B."}` + "\n"
	items := readAll(&Reader{MaxBytes: 1000}, "in", long)
	if len(items) != 2 || !errors.Is(items[0].Err, article.ErrTooLarge) || items[1].Doc == nil {
		t.Fatalf("items = %+v", items)
	}
}

// FuzzReadJSONL checks that any input yields documents or errors that name
// the input, never a panic, and that every document holds valid UTF-8.
func FuzzReadJSONL(f *testing.F) {
	f.Add(`{"id":"a","text":"Presiden bertemu Menlu."}` + "\n")
	f.Add(`{"id":"a","text":"A."}` + "\n" + `{"id":"b","text":"B`)
	f.Add("{\"id\":\"a\",\"text\":\"\xff\"}\n")
	f.Add(`{"id":"a","text":"A.","published":"2023-01-05"}`)
	f.Add("{\n}\n{}")
	f.Fuzz(func(t *testing.T, input string) {
		items := readAll(&Reader{MaxBytes: 1 << 16}, "fuzz", input)
		for _, it := range items {
			if it.Err != nil {
				if !strings.Contains(it.Err.Error(), "fuzz") {
					t.Fatalf("error does not name the input: %v", it.Err)
				}
				continue
			}
			if it.Doc == nil || it.Doc.ID == "" || !utf8.ValidString(it.Doc.Raw) {
				t.Fatalf("bad document: %+v", it.Doc)
			}
		}
	})
}
