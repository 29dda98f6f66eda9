package eval

// Geocoding is scored against eval/gold/geo.tsv (documented in
// eval/gold/GEO.md): each gold row names an article, a place mention as
// written, its occurrence in the article, and the GeoNames id (or, for
// provinces, regions and countries, the name), country and level it refers
// to. The evaluator runs the whole pipeline on the article, finds the
// mention the resolver produced at that occurrence (a place, or a country
// for level=country; the dateline's resolved place when the occurrence is
// the dateline the cleaner cut off) and compares.

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/warta-id/warta/doc"
)

// Place levels of the gold set and of doc.Place.Level.
var geoLevels = map[string]bool{"city": true, "province": true, "region": true, "country": true}

// GeoGold is one row of the geocoding gold set.
type GeoGold struct {
	ArticleID  string
	Mention    string // as written
	Occurrence int    // 1 = first whole-word occurrence in the article text
	GeonameID  int    // 0 when the place is not a city of the gazetteer
	Country    string // ISO-3
	Level      string // city, province, region or country
	Name       string // gold name (required when GeonameID is 0)
	Note       string
	Line       int
}

// ReadGeoGold reads a gold TSV: lines starting with # are comments, the
// first other line may be the header (article_id, mention, occurrence,
// geonameid, country, level, name, note), then one mention a line.
func ReadGeoGold(path string) ([]GeoGold, error) { return readGoldFile(path, ParseGeoGold) }

// ParseGeoGold parses the format of ReadGeoGold; errors start with the line
// number.
func ParseGeoGold(r io.Reader) ([]GeoGold, error) {
	var out []GeoGold
	err := readGoldTSV(r, 7, 8, func(n int, f []string) error {
		g := GeoGold{ArticleID: f[0], Mention: f[1], Country: f[4], Level: f[5], Name: f[6], Line: n}
		if len(f) == 8 {
			g.Note = f[7]
		}
		var err error
		if g.Occurrence, err = strconv.Atoi(f[2]); err != nil || g.Occurrence < 1 {
			return fmt.Errorf("%d: bad occurrence %q", n, f[2])
		}
		if g.GeonameID, err = strconv.Atoi(f[3]); err != nil || g.GeonameID < 0 {
			return fmt.Errorf("%d: bad geonameid %q", n, f[3])
		}
		if !geoLevels[g.Level] {
			return fmt.Errorf("%d: bad level %q", n, g.Level)
		}
		if len(g.Country) != 3 || strings.ToUpper(g.Country) != g.Country {
			return fmt.Errorf("%d: bad country %q", n, g.Country)
		}
		if g.ArticleID == "" || g.Mention == "" || utf8.RuneCountInString(g.Mention) > 40 {
			return fmt.Errorf("%d: empty article_id, or mention empty or over 40 characters", n)
		}
		if g.GeonameID == 0 && g.Name == "" {
			return fmt.Errorf("%d: geonameid 0 needs a name", n)
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// GeoArticle is an article to run the pipeline on.
type GeoArticle = NewsArticle

// ReadGeoArticles reads the gold set's articles (IndoSum and Lanin) from the
// news directory.
func ReadGeoArticles(newsDir string, gold []GeoGold) (map[string]GeoArticle, error) {
	want := map[string]bool{}
	for _, g := range gold {
		want[g.ArticleID] = true
	}
	return ReadNews(newsDir, []string{IndoSumText, LaninText}, want)
}

// GeoScore counts one group of gold mentions.
type GeoScore struct {
	Gold       int     `json:"gold"`
	Covered    int     `json:"covered"`    // the resolver produced a place or country
	CountryOK  int     `json:"country_ok"` // same ISO-3 country
	Exact      int     `json:"exact"`      // same GeonameID, or same name and level
	Coverage   float64 `json:"coverage"`
	CountryAcc float64 `json:"country_accuracy"`
	ExactAcc   float64 `json:"exact_accuracy"`
}

func (s *GeoScore) add(covered, country, exact bool) {
	s.Gold++
	if covered {
		s.Covered++
	}
	if country {
		s.CountryOK++
	}
	if exact {
		s.Exact++
	}
}

func (s *GeoScore) finish() {
	if s.Gold > 0 {
		g := float64(s.Gold)
		s.Coverage = round(float64(s.Covered) / g)
		s.CountryAcc = round(float64(s.CountryOK) / g)
		s.ExactAcc = round(float64(s.Exact) / g)
	}
}

// GeoError is a gold mention not resolved exactly.
type GeoError struct {
	Line      int    `json:"line"`
	ArticleID string `json:"article_id"`
	Mention   string `json:"mention"`
	Level     string `json:"level"`
	Gold      string `json:"gold"`            // "id name COUNTRY"
	Found     string `json:"found,omitempty"` // the same for the resolver's answer
	Problem   string `json:"problem"`         // article-missing, mention-missing, missed, country, place
}

// GeoReport is the result of EvalGeo.
type GeoReport struct {
	GeoScore
	Levels map[string]*GeoScore `json:"levels"`
	Errors []GeoError           `json:"errors"`
}

// GeoFound is the resolver's answer for one mention.
type GeoFound struct {
	Text      string
	Name      string
	Country   string
	GeonameID int
	Level     string
}

// FindGeo returns the resolver's answer for the occurrence-th whole-word
// occurrence of mention in the processed document d; ok is false when the
// occurrence is not in the text, found is nil when the resolver produced
// no place there. countryName names a country code (may be nil).
//
// capital (may be nil) gives, for a country mention, the GeoNames id of a
// city-state's one city (Singapura, Monako, Hong Kong: the capital that
// bears the name written), else 0: a city-state named as a state is also
// its city.
func FindGeo(d *doc.Document, mention string, occurrence int, countryName func(string) string, capital func(code, text string) int) (found *GeoFound, ok bool) {
	n := occurrence
	if d.Dateline != nil {
		// The cleaner cuts the dateline off d.Text; occurrences in it are
		// the dateline's place.
		k := len(wordIndexes(d.Dateline.Raw, mention))
		if n <= k {
			if strings.EqualFold(d.Dateline.Location, mention) || strings.Contains(strings.ToLower(d.Dateline.Location), strings.ToLower(mention)) {
				if p := d.Dateline.Place; p != nil {
					return placeFound(p), true
				}
			}
			return nil, true
		}
		n -= k
	}
	idx := wordIndexes(d.Text, mention)
	if n > len(idx) {
		return nil, false
	}
	start := idx[n-1]
	end := start + len(mention)
	best, bestOv := -1, 0
	for i, m := range d.Mentions {
		if m.Kind != doc.MentionPlace && m.Kind != doc.MentionCountry {
			continue
		}
		if m.Kind == doc.MentionPlace && m.Place == nil {
			continue
		}
		if m.Kind == doc.MentionCountry && len(m.Actors) != 1 {
			continue
		}
		if ov := min(end, m.End) - max(start, m.Start); ov > bestOv {
			best, bestOv = i, ov
		}
	}
	if best < 0 {
		return nil, true
	}
	m := d.Mentions[best]
	if m.Kind == doc.MentionPlace {
		f := placeFound(m.Place)
		f.Text = m.Text
		return f, true
	}
	c := m.Actors[0].Code
	name := m.Actors[0].Name
	if countryName != nil {
		if nm := countryName(c); nm != "" {
			name = nm
		}
	}
	f := &GeoFound{Text: m.Text, Name: name, Country: c, Level: "country"}
	if capital != nil {
		f.GeonameID = capital(c, m.Text)
	}
	return f, true
}

func placeFound(p *doc.Place) *GeoFound {
	return &GeoFound{Text: p.Text, Name: p.Name, Country: p.Country, GeonameID: p.GeonameID, Level: p.Level}
}

// wordIndexes returns the byte offsets of s's whole-word occurrences in
// text (case-sensitive).
func wordIndexes(text, s string) []int {
	var out []int
	for off := 0; ; {
		i := strings.Index(text[off:], s)
		if i < 0 {
			return out
		}
		i += off
		off = i + len(s)
		if r, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && isWordRune(r) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(text[off:]); off < len(text) && isWordRune(r) {
			continue
		}
		out = append(out, i)
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// geoNameEq compares place names loosely (case and diacritics aside).
func geoNameEq(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// EvalGeo runs process on each gold row's article (once per article) and
// scores the place the resolver produced for the gold mention: country
// correct when the ISO-3 codes are equal; exact when the GeoNames ids are
// equal, or — for gold rows without an id — when level and name are equal
// (for level=country, level and country); a gold row without a level on
// the resolver's side (an older resolver) is compared by name. countryName
// and capital are as for FindGeo.
func EvalGeo(gold []GeoGold, arts map[string]GeoArticle, process func(id string, a GeoArticle) *doc.Document, countryName func(string) string, capital func(code, text string) int) GeoReport {
	rep := GeoReport{Levels: map[string]*GeoScore{}}
	cache := map[string]*doc.Document{}
	for _, g := range gold {
		ls := rep.Levels[g.Level]
		if ls == nil {
			ls = &GeoScore{}
			rep.Levels[g.Level] = ls
		}
		e := GeoError{Line: g.Line, ArticleID: g.ArticleID, Mention: g.Mention, Level: g.Level, Gold: fmt.Sprintf("%d %s %s", g.GeonameID, g.Name, g.Country)}
		fail := func(problem string) {
			rep.add(false, false, false)
			ls.add(false, false, false)
			e.Problem = problem
			rep.Errors = append(rep.Errors, e)
		}
		a, ok := arts[g.ArticleID]
		if !ok {
			fail("article-missing")
			continue
		}
		d, ok := cache[g.ArticleID]
		if !ok {
			d = process(g.ArticleID, a)
			cache[g.ArticleID] = d
		}
		f, ok := FindGeo(d, g.Mention, g.Occurrence, countryName, capital)
		if !ok {
			fail("mention-missing")
			continue
		}
		if f == nil {
			fail("missed")
			continue
		}
		countryOK := f.Country == g.Country
		var exact bool
		switch {
		case g.GeonameID != 0:
			exact = f.GeonameID == g.GeonameID
		case g.Level == "country":
			exact = countryOK && f.Level == "country"
		default:
			exact = countryOK && (f.Level == g.Level || f.Level == "") && geoNameEq(f.Name, g.Name)
		}
		rep.add(true, countryOK, exact)
		ls.add(true, countryOK, exact)
		if !exact {
			e.Found = fmt.Sprintf("%d %s %s (%s)", f.GeonameID, f.Name, f.Country, f.Level)
			e.Problem = "place"
			if !countryOK {
				e.Problem = "country"
			}
			rep.Errors = append(rep.Errors, e)
		}
	}
	rep.finish()
	for _, ls := range rep.Levels {
		ls.finish()
	}
	sort.SliceStable(rep.Errors, func(i, j int) bool { return rep.Errors[i].Line < rep.Errors[j].Line })
	return rep
}
