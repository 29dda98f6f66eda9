package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/warta-id/warta/extract"
)

// extractedPage is one line of "warta extract" output.
type extractedPage struct {
	File      string `json:"file"`
	Title     string `json:"title"`
	Published string `json:"published"` // RFC 3339, "" when unknown
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Lang      string `json:"lang"`
	Text      string `json:"text"`
}

// cmdExtract implements "warta extract [--url URL] [--content-type CT] FILE.html ...":
// one JSON object a line for each page. A page that cannot be read or has
// no article is reported on stderr; the others are still printed, and the
// exit status is 1.
func cmdExtract(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pageURL := fs.String("url", "", "URL the page(s) came from (used when a page names no canonical URL)")
	contentType := fs.String("content-type", "", `HTTP Content-Type the page(s) were served with, e.g. "text/html; charset=windows-1252"`)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: warta extract [--url URL] [--content-type CT] FILE.html ...\n\nPrints the article found in each saved HTML page as one JSON object a line.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	status := 0
	for _, name := range fs.Args() {
		raw, err := readLimited(name, int64(extract.MaxBytes))
		if err != nil {
			fmt.Fprintf(stderr, "warta extract: %v\n", err)
			status = 1
			continue
		}
		p, err := extract.Extract(name, raw, *contentType, *pageURL)
		if err != nil {
			fmt.Fprintf(stderr, "warta extract: %v\n", err)
			status = 1
			continue
		}
		out := extractedPage{File: name, Title: p.Title, URL: p.URL, Outlet: p.Outlet, Lang: p.Lang, Text: p.Text}
		if !p.Published.IsZero() {
			out.Published = p.Published.Format(time.RFC3339)
		}
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "warta extract: %s: %v\n", name, err)
			return 1
		}
	}
	return status
}

// readLimited reads a file, refusing one larger than limit bytes without
// reading it all.
func readLimited(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", name)
	}
	raw, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(raw)) > limit {
		return nil, fmt.Errorf("extract %s: %w (more than %d bytes)", name, extract.ErrTooLarge, limit)
	}
	return raw, nil
}

// cmdEvalExtract implements "warta eval extract --fixtures DIR": Extract's
// scores on a directory of saved pages with expected.json, as indented JSON.
func cmdEvalExtract(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("fixtures", "", "directory with expected.json and the pages under html/")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *dir == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: warta eval extract --fixtures DIR")
		return 2
	}
	rep, err := extract.Evaluate(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval extract: %v\n", err)
		return 1
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		fmt.Fprintf(stderr, "warta eval extract: %v\n", err)
		return 1
	}
	return 0
}
