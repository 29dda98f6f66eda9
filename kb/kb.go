// Package kb is Warta's knowledge base: countries, organisations, people
// with dated roles, agent nouns (role titles and collective nouns) and
// places, loaded from the tab-separated files in data/kb (embedded) and
// optionally overlaid by a user directory.
//
// It takes alias strings and gives Entries; Match finds the longest alias
// starting at a token position, so the resolver can turn token sequences
// such as "Menteri Luar Negeri Iran" or "Negeri Paman Sam" into actors.
package kb

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/warta-id/warta/data"
)

// Kind is what an entry names.
type Kind uint8

const (
	Country Kind = iota + 1
	Org
	Person
	Agent
	Place
	Bloc
)

func (k Kind) String() string {
	switch k {
	case Country:
		return "country"
	case Org:
		return "org"
	case Person:
		return "person"
	case Agent:
		return "agent"
	case Place:
		return "place"
	case Bloc:
		return "bloc"
	}
	return "unknown"
}

// Role is one dated role of a person.
type Role struct {
	Code, Sector, Role string
	From, To           time.Time // zero = open
}

// Entry is one knowledge-base item reachable through one or more aliases.
type Entry struct {
	Kind     Kind
	Code     string // country/org code (ISO-3, UNO, EUR, IGO, WST, …); for places the country
	Sector   string // agent sector or org sector
	Name     string // canonical name
	Wikidata string
	Roles    []Role // people only
	// Places only.
	GeonameID  int
	Lat, Lon   float64
	Population int
	Feature    string
	Admin1     string
	Capital    bool   // the place is its country's capital
	Source     string // file:line the entry was read from, for --explain
}

// RoleAt returns the role of a person at t: the role active at t, else the
// most recent role that ended before t, else the first role.
func (e *Entry) RoleAt(t time.Time) (Role, bool) {
	if len(e.Roles) == 0 {
		return Role{}, false
	}
	var best Role
	found := false
	for _, r := range e.Roles {
		if (r.From.IsZero() || !t.Before(r.From)) && (r.To.IsZero() || !t.After(r.To)) {
			// Prefer the most recently started active role.
			if !found || r.From.After(best.From) {
				best, found = r, true
			}
		}
	}
	if found {
		return best, true
	}
	for _, r := range e.Roles {
		if !r.To.IsZero() && r.To.Before(t) && (!found || r.To.After(best.To)) {
			best, found = r, true
		}
	}
	if found {
		return best, true
	}
	return e.Roles[0], true
}

// KB is a loaded knowledge base. It is safe for concurrent reads.
type KB struct {
	aliases  map[string][]*Entry // normalised alias → entries
	maxWords map[string]int      // first word of an alias → longest alias length in words
	// Countries by ISO-3 code.
	countries map[string]*Entry
	people    map[string]*Entry // by wikidata id or name
}

// Country returns the country entry for an ISO-3 code.
func (k *KB) Country(code string) *Entry { return k.countries[code] }

var (
	defaultOnce sync.Once
	defaultKB   *KB
	defaultErr  error
)

// Default returns the knowledge base built from the embedded data files.
func Default() (*KB, error) {
	defaultOnce.Do(func() {
		defaultKB, defaultErr = Load(data.FS, "kb", "")
	})
	return defaultKB, defaultErr
}

// Files read from the kb directory, in load order. Missing optional files are
// skipped; people*.tsv and places*.tsv match several files.
var fileOrder = []string{"countries.tsv", "orgs.tsv", "agents.tsv", "people*.tsv", "places*.tsv"}

// Load reads the knowledge base from dir in fsys, then overlays the files of
// the same names found in userDir (a directory on disk; "" for none). User
// rows are added after the embedded ones, so a user alias adds a meaning and,
// for the same kind, takes precedence.
func Load(fsys fs.FS, dir, userDir string) (*KB, error) {
	k := &KB{
		aliases:   make(map[string][]*Entry, 1<<16),
		maxWords:  make(map[string]int, 1<<15),
		countries: map[string]*Entry{},
		people:    map[string]*Entry{},
	}
	sources := []fs.FS{fsys}
	dirs := []string{dir}
	if userDir != "" {
		if st, err := os.Stat(userDir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("kb overlay %s: not a directory", userDir)
		}
		sources = append(sources, os.DirFS(userDir))
		dirs = append(dirs, ".")
	}
	for _, pat := range fileOrder {
		for si, src := range sources {
			names, err := fs.Glob(src, path.Join(dirs[si], pat))
			if err != nil {
				return nil, err
			}
			sort.Strings(names)
			for _, name := range names {
				label := name
				if si > 0 {
					label = path.Join(userDir, name)
				}
				if err := k.loadFile(src, name, label, pat); err != nil {
					return nil, err
				}
			}
		}
	}
	return k, nil
}

func (k *KB) loadFile(src fs.FS, name, label, pat string) error {
	f, err := src.Open(name)
	if err != nil {
		return fmt.Errorf("kb: open %s: %w", label, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !utf8.ValidString(text) {
			return fmt.Errorf("%s:%d: invalid UTF-8", label, line)
		}
		cols := strings.Split(text, "\t")
		where := fmt.Sprintf("%s:%d", label, line)
		var err error
		switch pat {
		case "countries.tsv":
			err = k.addCountry(cols, where)
		case "orgs.tsv":
			err = k.addOrg(cols, where)
		case "agents.tsv":
			err = k.addAgent(cols, where)
		case "people*.tsv":
			err = k.addPerson(cols, where)
		case "places*.tsv":
			err = k.addPlace(cols, where)
		}
		if err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("kb: read %s: %w", label, err)
	}
	return nil
}

func col(cols []string, i int) string {
	if i < len(cols) {
		return strings.TrimSpace(cols[i])
	}
	return ""
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func need(cols []string, n int, where, format string) error {
	if len(cols) < n {
		return fmt.Errorf("%s: expected %d tab-separated columns (%s), got %d", where, n, format, len(cols))
	}
	return nil
}

func validCode(c string) bool {
	if len(c) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}

// countries.tsv: iso3 iso2 name aliases capital
func (k *KB) addCountry(cols []string, where string) error {
	if err := need(cols, 3, where, "iso3, iso2, name, aliases, capital"); err != nil {
		return err
	}
	code := col(cols, 0)
	if !validCode(code) {
		return fmt.Errorf("%s: bad ISO-3 code %q", where, code)
	}
	e := k.countries[code]
	if e == nil {
		e = &Entry{Kind: Country, Code: code, Name: col(cols, 2), Source: where}
		k.countries[code] = e
	}
	k.addAlias(col(cols, 2), e)
	for _, a := range splitList(col(cols, 3)) {
		k.addAlias(a, e)
	}
	for _, c := range splitList(col(cols, 4)) {
		// The capital names the country's government by metonymy
		// ("Washington menuduh Teheran …"); it is also a place.
		ce := &Entry{Kind: Place, Code: code, Name: c, Capital: true, Feature: "PPLC", Source: where}
		k.addAlias(c, ce)
	}
	return nil
}

// orgs.tsv: code sector name aliases wikidata
func (k *KB) addOrg(cols []string, where string) error {
	if err := need(cols, 3, where, "code, sector, name, aliases, wikidata"); err != nil {
		return err
	}
	code := col(cols, 0)
	if !validCode(code) {
		return fmt.Errorf("%s: bad actor code %q", where, code)
	}
	kind := Org
	if code == "WST" {
		kind = Bloc
	}
	if err := checkSector(col(cols, 1), false, where); err != nil {
		return err
	}
	e := &Entry{Kind: kind, Code: code, Sector: col(cols, 1), Name: col(cols, 2), Wikidata: col(cols, 4), Source: where}
	k.addAlias(e.Name, e)
	for _, a := range splitList(col(cols, 3)) {
		k.addAlias(a, e)
	}
	return nil
}

// agents.tsv: phrase sector gloss
func (k *KB) addAgent(cols []string, where string) error {
	if err := need(cols, 2, where, "phrase, sector, gloss"); err != nil {
		return err
	}
	if err := checkSector(col(cols, 1), true, where); err != nil {
		return err
	}
	e := &Entry{Kind: Agent, Sector: col(cols, 1), Name: col(cols, 0), Source: where}
	if e.Name == "" {
		return fmt.Errorf("%s: empty agent phrase", where)
	}
	k.addAlias(e.Name, e)
	return nil
}

// people*.tsv: wikidata name aliases code sector role from to
func (k *KB) addPerson(cols []string, where string) error {
	if err := need(cols, 5, where, "wikidata, name, aliases, code, sector, role, from, to"); err != nil {
		return err
	}
	name := col(cols, 1)
	if name == "" {
		return fmt.Errorf("%s: empty person name", where)
	}
	code := col(cols, 3)
	if !validCode(code) {
		return fmt.Errorf("%s: bad actor code %q", where, code)
	}
	if err := checkSector(col(cols, 4), false, where); err != nil {
		return err
	}
	from, err := ParseDate(col(cols, 6), false)
	if err != nil {
		return fmt.Errorf("%s: from date: %w", where, err)
	}
	to, err := ParseDate(col(cols, 7), true)
	if err != nil {
		return fmt.Errorf("%s: to date: %w", where, err)
	}
	id := col(cols, 0)
	key := id
	if key == "" {
		key = "name:" + norm(name)
	}
	e := k.people[key]
	if e == nil {
		e = &Entry{Kind: Person, Name: name, Wikidata: id, Source: where}
		k.people[key] = e
		k.addAlias(name, e)
	}
	e.Roles = append(e.Roles, Role{Code: code, Sector: col(cols, 4), Role: col(cols, 5), From: from, To: to})
	for _, a := range splitList(col(cols, 2)) {
		k.addAlias(a, e)
	}
	return nil
}

// places*.tsv: geonameid name aliases country admin1 lat lon population feature
func (k *KB) addPlace(cols []string, where string) error {
	if err := need(cols, 4, where, "geonameid, name, aliases, country, admin1, lat, lon, population, feature"); err != nil {
		return err
	}
	e := &Entry{Kind: Place, Name: col(cols, 1), Code: col(cols, 3), Admin1: col(cols, 4), Feature: col(cols, 8), Source: where}
	if e.Code != "" && !validCode(e.Code) {
		return fmt.Errorf("%s: bad country code %q", where, e.Code)
	}
	var err error
	if s := col(cols, 0); s != "" {
		if e.GeonameID, err = strconv.Atoi(s); err != nil {
			return fmt.Errorf("%s: bad geonameid %q", where, s)
		}
	}
	if s := col(cols, 5); s != "" {
		if e.Lat, err = strconv.ParseFloat(s, 64); err != nil {
			return fmt.Errorf("%s: bad latitude %q", where, s)
		}
	}
	if s := col(cols, 6); s != "" {
		if e.Lon, err = strconv.ParseFloat(s, 64); err != nil {
			return fmt.Errorf("%s: bad longitude %q", where, s)
		}
	}
	if s := col(cols, 7); s != "" {
		if e.Population, err = strconv.Atoi(s); err != nil {
			return fmt.Errorf("%s: bad population %q", where, s)
		}
	}
	if e.Feature == "PPLC" {
		e.Capital = true
	}
	k.addAlias(e.Name, e)
	for _, a := range splitList(col(cols, 2)) {
		k.addAlias(a, e)
	}
	return nil
}

// ParseDate parses a role date (YYYY, YYYY-MM or YYYY-MM-DD; "" is open).
// With end set, a year or month means its last day.
func ParseDate(s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			if end {
				switch layout {
				case "2006":
					t = t.AddDate(1, 0, -1)
				case "2006-01":
					t = t.AddDate(0, 1, -1)
				}
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("want YYYY, YYYY-MM or YYYY-MM-DD, got %q", s)
}

func (k *KB) addAlias(alias string, e *Entry) {
	key := norm(alias)
	if key == "" {
		return
	}
	for _, x := range k.aliases[key] {
		if x == e {
			return
		}
	}
	k.aliases[key] = append(k.aliases[key], e)
	words := strings.Count(key, " ") + 1
	first := key
	if i := strings.IndexByte(key, ' '); i >= 0 {
		first = key[:i]
	}
	if words > k.maxWords[first] {
		k.maxWords[first] = words
	}
}

// Lookup returns the entries of an alias (any case, accents ignored).
func (k *KB) Lookup(alias string) []*Entry { return k.aliases[norm(alias)] }

// MaxWords returns the length in words of the longest alias starting with
// the normalised word w (0 when none does).
func (k *KB) MaxWords(w string) int { return k.maxWords[w] }

// LookupWords returns the entries of the alias made of the given normalised
// words.
func (k *KB) LookupWords(words []string) []*Entry {
	if len(words) == 1 {
		return k.aliases[words[0]]
	}
	return k.aliases[strings.Join(words, " ")]
}

// Norm normalises a word or phrase the way aliases are keyed: lowercase,
// accents removed, punctuation other than inner hyphens and apostrophes
// split off, single spaces.
func Norm(s string) string { return norm(s) }

func norm(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		r = fold(unicode.ToLower(r))
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '&':
			if r == '\'' || r == '’' {
				r = '\''
			}
			b.WriteRune(r)
			space = false
		case r == '.':
			// "D.C." → "d.c."; "U.S." kept as one word.
			b.WriteRune(r)
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// fold maps accented Latin letters to their base letter.
func fold(r rune) rune {
	if r < 0xC0 {
		return r
	}
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		return 'a'
	case 'ç', 'ć', 'č':
		return 'c'
	case 'è', 'é', 'ê', 'ë', 'ē', 'ė', 'ę', 'ě':
		return 'e'
	case 'ì', 'í', 'î', 'ï', 'ī', 'ı':
		return 'i'
	case 'ñ', 'ń', 'ň':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ő':
		return 'o'
	case 'ù', 'ú', 'û', 'ü', 'ū', 'ů', 'ű':
		return 'u'
	case 'ý', 'ÿ':
		return 'y'
	case 'ś', 'š', 'ş':
		return 's'
	case 'ź', 'ż', 'ž':
		return 'z'
	case 'ğ':
		return 'g'
	case 'ł':
		return 'l'
	case 'ř':
		return 'r'
	case 'ť', 'ţ':
		return 't'
	case 'đ', 'ď':
		return 'd'
	case '’', '‘':
		return '\''
	case '–', '—':
		return '-'
	}
	return r
}

// LoadWithOverlay loads the embedded knowledge base with the user files in
// dir laid over it (see Load).
func LoadWithOverlay(dir string) (*KB, error) { return Load(data.FS, "kb", dir) }
