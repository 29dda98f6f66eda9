package article

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/warta-id/warta/data"
)

// Embedded data files (see each file's header for its format).
const (
	boilerplateFile = "article/boilerplate.txt"
	outletsFile     = "article/outlets.txt"
	placesFile      = "article/places.txt"
)

// ruleKind is the kind column of boilerplate.txt.
type ruleKind uint8

const (
	kindLine ruleKind = iota
	kindPrefix
	kindShort
	kindContains
	kindCredit
	kindInline
	kindMarker
	kindSignoff
)

var kindNames = map[string]ruleKind{
	"line": kindLine, "prefix": kindPrefix, "short": kindShort, "contains": kindContains,
	"credit": kindCredit, "inline": kindInline, "marker": kindMarker, "signoff": kindSignoff,
}

// rule is one line of boilerplate.txt.
type rule struct {
	kind   ruleKind
	reason string
	text   string // as written
	lower  string // strings.ToLower(text)
}

// ruleSet is the parsed embedded data.
type ruleSet struct {
	rules    []rule
	inline   []rule          // kindInline rules, longest text first
	signoffs map[string]bool // lower-cased literal sign-offs
	initials bool            // "<initials>" sign-off shape enabled
	initRsn  string          // reason for shape-matched sign-offs
	soReason map[string]string
	outlets  map[string]bool // lower-cased outlet names
	places   map[string]bool // lower-cased place names
	maxOutW  int             // most words in an outlet name
}

var (
	rulesOnce sync.Once
	rulesData *ruleSet
	rulesErr  error
)

// loadRules parses the embedded data files once.
func loadRules() *ruleSet {
	rulesOnce.Do(func() {
		rs := &ruleSet{signoffs: map[string]bool{}, soReason: map[string]string{},
			outlets: map[string]bool{}, places: map[string]bool{}}
		rulesData = rs
		b, err := data.FS.ReadFile(boilerplateFile)
		if err == nil {
			err = rs.parseBoilerplate(b)
		}
		if err != nil {
			rulesErr = err
			return
		}
		for _, f := range []struct {
			name string
			m    map[string]bool
		}{{outletsFile, rs.outlets}, {placesFile, rs.places}} {
			b, err := data.FS.ReadFile(f.name)
			if err != nil {
				rulesErr = err
				return
			}
			for _, s := range listLines(b) {
				f.m[strings.ToLower(s)] = true
				if f.name == outletsFile {
					if w := len(strings.Fields(s)); w > rs.maxOutW {
						rs.maxOutW = w
					}
				}
			}
		}
	})
	return rulesData
}

// DataError reports a problem found while loading the embedded data files
// (nil when they loaded cleanly). Clean keeps working with whatever loaded.
func DataError() error {
	loadRules()
	return rulesErr
}

// listLines returns the non-comment, non-blank lines of a list file, trimmed.
func listLines(b []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		out = append(out, s)
	}
	return out
}

func (rs *ruleSet) parseBoilerplate(b []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		n++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Fields(s)
		if len(f) < 3 {
			return fmt.Errorf("%s:%d: want KIND REASON TEXT, got %q", boilerplateFile, n, s)
		}
		kind, ok := kindNames[f[0]]
		if !ok {
			return fmt.Errorf("%s:%d: unknown kind %q", boilerplateFile, n, f[0])
		}
		// TEXT is the rest of the line after the second field.
		rest := strings.TrimSpace(s[len(f[0]):])
		rest = strings.TrimSpace(rest[len(f[1]):])
		r := rule{kind: kind, reason: f[1], text: rest, lower: strings.ToLower(rest)}
		switch kind {
		case kindSignoff:
			if rest == "<initials>" {
				rs.initials = true
				rs.initRsn = r.reason
			} else {
				rs.signoffs[r.lower] = true
				rs.soReason[r.lower] = r.reason
			}
		case kindInline:
			rs.inline = append(rs.inline, r)
		default:
			rs.rules = append(rs.rules, r)
		}
	}
	// Longest inline markers first, so "Baca juga:" wins over "Baca juga".
	for i := 1; i < len(rs.inline); i++ {
		for j := i; j > 0 && len(rs.inline[j].text) > len(rs.inline[j-1].text); j-- {
			rs.inline[j], rs.inline[j-1] = rs.inline[j-1], rs.inline[j]
		}
	}
	return sc.Err()
}
