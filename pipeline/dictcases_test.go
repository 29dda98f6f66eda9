package pipeline

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/event"
)

// minCaseAccuracy is the share of data/dict/testcases.tsv the coder must get
// right. The file is the dictionary's own regression set: raise the bar as
// the coder improves, never lower it.
const minCaseAccuracy = 0.92

func codeSet(as []doc.Actor) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range as {
		if !seen[a.Code] {
			seen[a.Code] = true
			out = append(out, a.Code)
		}
	}
	sort.Strings(out)
	return out
}

func splitCodes(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ";") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

func union(a, b []string) string {
	m := map[string]bool{}
	for _, x := range append(append([]string{}, a...), b...) {
		m[x] = true
	}
	var out []string
	for x := range m {
		out = append(out, x)
	}
	sort.Strings(out)
	return strings.Join(out, ";")
}

// TestDictionaryCases runs the coder over the sentences of
// data/dict/testcases.tsv (written for Warta; each a one-sentence article in
// an Indonesian story) with the file's scoring convention.
func TestDictionaryCases(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "data", "dict", "testcases.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := load(t)
	pub := time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC)
	total, pass := 0, 0
	var failures []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 4 {
			t.Fatalf("testcases.tsv:%d: want 5 TAB-separated fields", n)
		}
		sentence, typ := cols[0], cols[1]
		wantA, wantR := splitCodes(cols[2]), splitCodes(cols[3])
		d := codeText(t, p, "case", "Jakarta - "+sentence, pub)
		evs := kept(d)
		ok := false
		if typ == "NONE" {
			ok = len(evs) == 0
		} else {
			for _, ev := range evs {
				if ev.EventType != typ {
					continue
				}
				ga, gr := codeSet(ev.Actor), codeSet(ev.Recipient)
				if event.Reciprocal(typ) || typ == "ASSAULT" && len(wantR) == 0 {
					if union(ga, gr) == union(wantA, wantR) {
						ok = true
					}
				} else if strings.Join(ga, ";") == strings.Join(wantA, ";") && strings.Join(gr, ";") == strings.Join(wantR, ";") {
					ok = true
				}
			}
		}
		total++
		if ok {
			pass++
		} else {
			failures = append(failures, "testcases.tsv:"+strconv.Itoa(n)+": "+sentence+"\n    want "+typ+" "+cols[2]+" → "+cols[3]+"\n    got  "+summary(evs))
		}
	}
	acc := float64(pass) / float64(total)
	t.Logf("dictionary cases: %d/%d = %.3f", pass, total, acc)
	if testing.Verbose() {
		t.Logf("failures:\n%s", strings.Join(failures, "\n"))
	}
	if acc < minCaseAccuracy {
		t.Errorf("accuracy %.3f below %.2f; failures:\n%s", acc, minCaseAccuracy, strings.Join(failures, "\n"))
	}
}
