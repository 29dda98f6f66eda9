package main

import (
	"strings"
	"testing"
)

func TestKBCommand(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want []string // substrings of stdout (or stderr when code != 0)
	}{
		{[]string{"kb", "lookup", "--date", "2023-01-04", "Amir-Abdullahian"}, 0, []string{`"code": "IRN"`, `"role": "foreign minister"`}},
		{[]string{"kb", "lookup", "Negeri Paman Sam"}, 0, []string{`"code": "USA"`}},
		{[]string{"kb", "place", "Jenewa"}, 0, []string{`"code": "CHE"`, `"lat":`}},
		{[]string{"kb", "place", "Tidak Ada Kota Ini"}, 1, []string{"is not in the knowledge base"}},
		{[]string{"kb", "lookup", "--date", "kemarin", "Jokowi"}, 2, []string{"--date"}},
		{[]string{"kb", "teleport"}, 2, []string{"usage"}},
		{[]string{"kb", "place"}, 2, []string{"give a name"}},
	}
	for _, c := range cases {
		var out, errb strings.Builder
		code := run(c.args, nil, &out, &errb)
		got := out.String()
		if c.code != 0 {
			got = errb.String()
		}
		if code != c.code {
			t.Errorf("%v: exit %d, want %d (%s)", c.args, code, c.code, errb.String())
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%v: output lacks %q:\n%.400s", c.args, w, got)
			}
		}
	}
}
