package ingest

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progress reports how an ingest is going: on a terminal, one line redrawn
// at most every 200 ms (articles/s and, when the input size is known, an
// ETA); otherwise a plain log line every 10 s.
type progress struct {
	w        io.Writer
	terminal bool
	total    int64 // input bytes when known (0 otherwise)
	bytes    int64
	start    time.Time
	last     time.Time
	drawn    bool
}

func newProgress(w io.Writer, terminal bool, total int64) *progress {
	now := time.Now()
	return &progress{w: w, terminal: terminal, total: total, start: now, last: now}
}

func (p *progress) read(n int64) { p.bytes += n }

func (p *progress) update(s Summary) {
	now := time.Now()
	every := 10 * time.Second
	if p.terminal {
		every = 200 * time.Millisecond
	}
	if now.Sub(p.last) < every {
		return
	}
	p.last = now
	line := p.line(s, now)
	if p.terminal {
		fmt.Fprintf(p.w, "\r%-100s", line)
		p.drawn = true
	} else {
		fmt.Fprintln(p.w, "ingest: "+line)
	}
}

func (p *progress) line(s Summary, now time.Time) string {
	el := now.Sub(p.start).Seconds()
	rate := float64(s.Read) / el
	line := fmt.Sprintf("%d read, %d new, %d events, %.0f articles/s", s.Read, s.Ingested, s.Events, rate)
	if p.total > 0 && p.bytes > 0 && p.bytes <= p.total {
		frac := float64(p.bytes) / float64(p.total)
		eta := time.Duration(el/frac*(1-frac)) * time.Second
		line += fmt.Sprintf(", %3.0f%% %s", 100*frac, bar(frac, 20)) + ", ETA " + eta.Round(time.Second).String()
	}
	return line
}

func bar(frac float64, width int) string {
	n := int(frac * float64(width))
	return "[" + strings.Repeat("#", n) + strings.Repeat(".", width-n) + "]"
}

// logf prints a message about one input, keeping the progress line intact.
func (p *progress) logf(format string, args ...any) {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
	fmt.Fprintf(p.w, "ingest: "+format+"\n", args...)
}

func (p *progress) done(s Summary) {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// totalBytes sums the sizes of the plain files among sources (0 when any
// source is a URL, stdin or a directory: then no ETA is shown).
func totalBytes(sources []string) int64 {
	var n int64
	for _, s := range sources {
		if isURL(s) || s == "-" {
			return 0
		}
		fi, err := os.Stat(s)
		if err != nil || !fi.Mode().IsRegular() || strings.HasSuffix(s, ".gz") {
			return 0
		}
		n += fi.Size()
	}
	return n
}
