package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestCodeParseFlag checks `warta code --parse`: every scope codes the
// bundled example with the same events (the example needs no parse), and
// an unknown scope is a usage error.
func TestCodeParseFlag(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"code", "--example"}, 0},
		{[]string{"code", "--example", "--parse", "events"}, 0},
		{[]string{"code", "--example", "--parse", "all"}, 0},
		{[]string{"code", "--example", "--parse", "none"}, 0},
		{[]string{"code", "--example", "--no-parse"}, 0},
		{[]string{"code", "--example", "--parse", "some"}, 2},
	}
	want := ""
	for _, tt := range tests {
		var out, errb bytes.Buffer
		if got := run(tt.args, strings.NewReader(""), &out, &errb); got != tt.code {
			t.Errorf("warta %s: exit %d, want %d (%s)", strings.Join(tt.args, " "), got, tt.code, errb.String())
			continue
		}
		if tt.code != 0 {
			if !strings.Contains(errb.String(), "--parse") {
				t.Errorf("warta %s: the error does not name the flag: %s", strings.Join(tt.args, " "), errb.String())
			}
			continue
		}
		if want == "" {
			want = out.String()
		}
		if out.String() == "" || out.String() != want {
			t.Errorf("warta %s: events differ from the default's:\n%s", strings.Join(tt.args, " "), out.String())
		}
	}
}

// TestCodeNamesFlag checks `warta code --names`: every naming scope codes
// the bundled example with the same events, and an unknown scope is a
// usage error naming the flag.
func TestCodeNamesFlag(t *testing.T) {
	want := ""
	for _, scope := range []string{"sentences", "all", "none"} {
		var out, errb bytes.Buffer
		if got := run([]string{"code", "--example", "--names", scope}, strings.NewReader(""), &out, &errb); got != 0 {
			t.Fatalf("warta code --names %s: exit %d (%s)", scope, got, errb.String())
		}
		if want == "" {
			want = out.String()
		}
		if out.String() == "" || out.String() != want {
			t.Errorf("warta code --names %s: output differs from --names sentences:\n%s", scope, out.String())
		}
	}
	var out, errb bytes.Buffer
	if got := run([]string{"code", "--example", "--names", "some"}, strings.NewReader(""), &out, &errb); got != 2 || !strings.Contains(errb.String(), "--names") {
		t.Errorf("warta code --names some: exit %d, stderr %q; want 2 and an error naming --names", got, errb.String())
	}
}

// TestCodeParserFlag checks `warta code --parser`: both parsers code the
// bundled example, and an unknown
// parser is a usage error naming the flag.
func TestCodeParserFlag(t *testing.T) {
	for _, kind := range []string{"transition", "biaffine"} {
		var out, errb bytes.Buffer
		if got := run([]string{"code", "--example", "--parser", kind}, strings.NewReader(""), &out, &errb); got != 0 {
			t.Fatalf("warta code --parser %s: exit %d (%s)", kind, got, errb.String())
		}
		if !strings.Contains(out.String(), `"event_type":"`) {
			t.Errorf("warta code --parser %s: no event in the example's output:\n%s", kind, out.String())
		}
	}
	var out, errb bytes.Buffer
	if got := run([]string{"code", "--example", "--parser", "neural"}, strings.NewReader(""), &out, &errb); got != 2 || !strings.Contains(errb.String(), "--parser") {
		t.Errorf("warta code --parser neural: exit %d, stderr %q; want 2 and an error naming --parser", got, errb.String())
	}
}
