package event

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/warta-id/warta/data"
	"github.com/warta-id/warta/morph"
)

// PLOVER event types.
var ploverTypes = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true, "AID": true,
	"RETREAT": true, "REQUEST": true, "ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true, "NONE": true,
}

// Reciprocal reports whether an event type is symmetric (CONSULT, AGREE,
// COOPERATE): its actor and recipient are interchangeable.
func Reciprocal(t string) bool { return t == "CONSULT" || t == "AGREE" || t == "COOPERATE" }

// PloverQuad is PLOVER's QuadClass of an event type (1 verbal cooperation,
// 2 material cooperation, 3 verbal conflict, 4 material conflict).
func PloverQuad(t string) int {
	switch t {
	case "AGREE", "CONSULT", "SUPPORT", "CONCEDE":
		return 1
	case "COOPERATE", "AID", "RETREAT":
		return 2
	case "REQUEST", "ACCUSE", "REJECT", "THREATEN":
		return 3
	case "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT":
		return 4
	}
	return 0
}

type matchMode uint8

const (
	byKey   matchMode = iota // same root and derivation (voice-insensitive)
	byRoot                   // ~root: any derivation
	byExact                  // =word: exact form
)

type alt struct {
	mode  matchMode
	value string // key, root or lowercase form
}

type elemKind uint8

const (
	elemLit elemKind = iota
	elemGap
	elemActor
	elemRecipient
)

type elem struct {
	kind elemKind
	alts []alt
	word string // as written, for explanations
}

// Pattern is one line of the verb dictionary.
type Pattern struct {
	Type, Mode, CAMEO string
	Text              string // the PATTERN field as written
	Source            string // file:line
	elems             []elem
	literals          int
	firstLit          int // index of the first literal element
}

// Dictionary is the loaded event pattern dictionary with its companion
// tables.
type Dictionary struct {
	Patterns []*Pattern
	index    [3]map[string][]*Pattern // by matchMode of the first literal's alternative: key, root or form → patterns
	cameo    map[string]cameoRow
	plover   map[string]float64 // "TYPE/MODE" and "TYPE/-"
	contexts []context
	cueIndex [3]map[string][]int // by matchMode, cue value → indices into contexts
	an       *morph.Analyzer
}

type cameoRow struct {
	quad      int
	goldstein float64
	desc      string
}

type context struct {
	name string
	cues []alt
}

// LoadDictionary reads the embedded dictionary files (data/dict/verbs.txt,
// plover.tsv, contexts.txt and data/cameo/cameo.tsv), then appends the files
// of the same names found in userDir (may be ""). A user pattern with the same
// TYPE-independent PATTERN text as an embedded one replaces it.
func LoadDictionary(an *morph.Analyzer, userDir string) (*Dictionary, error) {
	d := &Dictionary{cameo: map[string]cameoRow{}, plover: map[string]float64{}, an: an}
	type file struct {
		name string
		load func(io.Reader, string) error
	}
	files := []file{
		{"cameo/cameo.tsv", d.loadCAMEO},
		{"dict/plover.tsv", d.loadPlover},
		{"dict/contexts.txt", d.loadContexts},
		{"dict/verbs.txt", d.loadVerbs},
	}
	for _, f := range files {
		r, err := data.FS.Open(f.name)
		if err != nil {
			return nil, fmt.Errorf("dictionary: open embedded %s: %w", f.name, err)
		}
		err = f.load(r, "data/"+f.name)
		r.Close()
		if err != nil {
			return nil, err
		}
		if userDir != "" {
			p := filepath.Join(userDir, filepath.Base(f.name))
			uf, err := os.Open(p)
			if err != nil {
				if os.IsNotExist(err) {
					continue
				}
				return nil, fmt.Errorf("dictionary: %w", err)
			}
			err = f.load(uf, p)
			uf.Close()
			if err != nil {
				return nil, err
			}
		}
	}
	if userDir != "" {
		if st, err := os.Stat(userDir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("dictionary overlay %s: not a directory", userDir)
		}
	}
	d.buildIndex()
	return d, nil
}

func lines(r io.Reader, name string, fn func(cols []string, where string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(strings.TrimSpace(t), "#") {
			continue
		}
		if err := fn(strings.Split(t, "\t"), fmt.Sprintf("%s:%d", name, n)); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

func (d *Dictionary) loadCAMEO(r io.Reader, name string) error {
	return lines(r, name, func(c []string, where string) error {
		if len(c) < 3 {
			return fmt.Errorf("%s: want CODE QUAD_CLASS GOLDSTEIN DESCRIPTION", where)
		}
		q, err := strconv.Atoi(strings.TrimSpace(c[1]))
		if err != nil {
			return fmt.Errorf("%s: bad quad class %q", where, c[1])
		}
		g, err := strconv.ParseFloat(strings.TrimSpace(c[2]), 64)
		if err != nil {
			return fmt.Errorf("%s: bad Goldstein score %q", where, c[2])
		}
		row := cameoRow{quad: q, goldstein: g}
		if len(c) > 3 {
			row.desc = c[3]
		}
		d.cameo[strings.TrimSpace(c[0])] = row
		return nil
	})
}

func (d *Dictionary) loadPlover(r io.Reader, name string) error {
	return lines(r, name, func(c []string, where string) error {
		if len(c) < 4 {
			return fmt.Errorf("%s: want TYPE MODE QUAD_CLASS PLOVER_SCORE DESCRIPTION", where)
		}
		t, mode := strings.TrimSpace(c[0]), strings.TrimSpace(c[1])
		if !ploverTypes[t] {
			return fmt.Errorf("%s: unknown PLOVER type %q", where, t)
		}
		s, err := strconv.ParseFloat(strings.TrimSpace(c[3]), 64)
		if err != nil {
			return fmt.Errorf("%s: bad PLOVER score %q", where, c[3])
		}
		if mode == "" {
			mode = "-"
		}
		d.plover[t+"/"+mode] = s
		return nil
	})
}

func (d *Dictionary) loadContexts(r io.Reader, name string) error {
	return lines(r, name, func(c []string, where string) error {
		if len(c) < 2 {
			return fmt.Errorf("%s: want CONTEXT WORDS", where)
		}
		cx := context{name: strings.TrimSpace(c[0])}
		for _, w := range strings.Split(c[1], "|") {
			w = strings.TrimSpace(w)
			if w == "" {
				continue
			}
			a, err := d.parseAlt(w)
			if err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			cx.cues = append(cx.cues, a)
		}
		d.contexts = append(d.contexts, cx)
		return nil
	})
}

func (d *Dictionary) parseAlt(w string) (alt, error) {
	w = strings.ToLower(w)
	switch {
	case strings.HasPrefix(w, "~"):
		if len(w) == 1 {
			return alt{}, fmt.Errorf("empty ~root")
		}
		return alt{mode: byRoot, value: d.an.Analyze(w[1:]).Root}, nil
	case strings.HasPrefix(w, "="):
		if len(w) == 1 {
			return alt{}, fmt.Errorf("empty =word")
		}
		return alt{mode: byExact, value: w[1:]}, nil
	}
	return alt{mode: byKey, value: d.an.Analyze(w).Key()}, nil
}

func (d *Dictionary) loadVerbs(r io.Reader, name string) error {
	return lines(r, name, func(c []string, where string) error {
		if len(c) < 4 {
			return fmt.Errorf("%s: want TYPE MODE CAMEO PATTERN [COMMENT], got %d fields", where, len(c))
		}
		p := &Pattern{Type: strings.TrimSpace(c[0]), Mode: strings.TrimSpace(c[1]), CAMEO: strings.TrimSpace(c[2]), Text: strings.TrimSpace(c[3]), Source: where, firstLit: -1}
		if !ploverTypes[p.Type] {
			return fmt.Errorf("%s: unknown PLOVER type %q", where, p.Type)
		}
		if p.Mode == "-" {
			p.Mode = ""
		}
		if p.Type != "NONE" {
			if _, ok := d.cameo[p.CAMEO]; !ok {
				return fmt.Errorf("%s: unknown CAMEO code %q", where, p.CAMEO)
			}
		}
		for _, w := range strings.Fields(p.Text) {
			switch w {
			case "*":
				p.elems = append(p.elems, elem{kind: elemGap, word: w})
			case "[A]":
				p.elems = append(p.elems, elem{kind: elemActor, word: w})
			case "[R]":
				p.elems = append(p.elems, elem{kind: elemRecipient, word: w})
			default:
				e := elem{kind: elemLit, word: w}
				for _, a := range strings.Split(w, "|") {
					if a == "" {
						return fmt.Errorf("%s: empty alternative in %q", where, w)
					}
					al, err := d.parseAlt(a)
					if err != nil {
						return fmt.Errorf("%s: %w", where, err)
					}
					e.alts = append(e.alts, al)
				}
				if p.firstLit < 0 {
					p.firstLit = len(p.elems)
				}
				p.literals++
				p.elems = append(p.elems, e)
			}
		}
		if p.literals == 0 {
			return fmt.Errorf("%s: pattern %q has no words", where, p.Text)
		}
		if p.elems[len(p.elems)-1].kind == elemGap || p.elems[0].kind == elemGap {
			return fmt.Errorf("%s: pattern %q may not start or end with *", where, p.Text)
		}
		// A later line with the same pattern text replaces the earlier one.
		for i, q := range d.Patterns {
			if q.Text == p.Text {
				d.Patterns[i] = p
				return nil
			}
		}
		d.Patterns = append(d.Patterns, p)
		return nil
	})
}

func (d *Dictionary) buildIndex() {
	for m := range d.index {
		d.index[m] = map[string][]*Pattern{}
	}
	for _, p := range d.Patterns {
		for _, a := range p.elems[p.firstLit].alts {
			d.index[a.mode][a.value] = append(d.index[a.mode][a.value], p)
		}
	}
	// Context cues by match mode and value, so that finding the contexts of
	// a span is a few map look-ups a word.
	for m := range d.cueIndex {
		d.cueIndex[m] = map[string][]int{}
	}
	for ci, cx := range d.contexts {
		for _, a := range cx.cues {
			d.cueIndex[a.mode][a.value] = append(d.cueIndex[a.mode][a.value], ci)
		}
	}
}

// PloverScore returns the PLOVER conflict–cooperation score of a type and
// mode (the type's default when the mode has none).
func (d *Dictionary) PloverScore(t, mode string) float64 {
	if s, ok := d.plover[t+"/"+mode]; ok && mode != "" {
		return s
	}
	return d.plover[t+"/-"]
}
