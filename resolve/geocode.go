package resolve

// Geocoding: which gazetteer entry a place mention means. A name often has
// several entries ("Padang" IDN and PHL, "Tripoli" LBY and LBN, "Yogyakarta"
// the city and the province, "London" GBR and CAN). The rules, strongest
// first:
//
//  1. apposition: "Magelang, Jawa Tengah", "Timika, Papua", "Manila
//     (Filipina)", "Leipzig, Jerman": an entry in the named province or
//     country wins;
//  2. countries named in the article so far;
//  3. the article's home country (the dateline's country, else Indonesia:
//     Warta reads Indonesian outlets, so a bare "Padang" is the Indonesian
//     city);
//  4. a city beats a province of the same name and country ("di
//     Yogyakarta", "di Bengkulu") unless "Provinsi" precedes;
//  5. capitals, then population.
//
// The chosen entry's Level is "city" for populated places, "province" for
// admin-1 areas, "region" for islands, territories and seas.

import (
	"strings"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/kb"
)

// placeLevel maps a gazetteer feature code to doc.Place.Level.
func placeLevel(e *kb.Entry) string {
	switch {
	case e.Feature == "ADM1":
		return "province"
	case strings.HasPrefix(e.Feature, "PPL"):
		return "city"
	case e.Feature == "":
		if e.GeonameID != 0 {
			return "city"
		}
		return "region"
	}
	return "region"
}

// geoHint is what the words around a mention say about its place: a
// country or a province named in apposition, and whether "Provinsi" or
// "Kota" precedes.
type geoHint struct {
	country  string // ISO-3 of a country in apposition
	admin1   string // admin-1 code (ID.30) of a province in apposition
	province bool   // "Provinsi X"
	city     bool   // "Kota X"
}

// hintFromEntries reads a hint from the KB entries of the apposition text.
func hintFromEntries(h *geoHint, es []*kb.Entry) bool {
	for _, e := range es {
		switch {
		case e.Kind == kb.Country && validCountry(e.Code):
			h.country = e.Code
			return true
		case e.Kind == kb.Place && e.Feature == "ADM1" && e.Admin1 != "":
			h.admin1, h.country = e.Admin1, e.Code
			return true
		case e.Kind == kb.Place && e.Feature == "ADM1":
			h.country = e.Code
			return true
		}
	}
	return false
}

// hint looks at the tokens around piece p.
func (st *state) hint(p piece) geoHint {
	var h geoHint
	toks := st.d.Tokens
	if p.first > 0 {
		w := strings.ToLower(toks[p.first-1].Text)
		h.province = w == "provinsi" || w == "propinsi"
		h.city = w == "kota"
	}
	if p.last >= len(toks) {
		return h
	}
	sep := toks[p.last].Text
	if sep != "," && sep != "(" {
		return h
	}
	si := toks[p.last].Sentence
	end := st.d.Sentences[si].LastToken
	// the longest run of up to four words after the separator that the KB knows
	for n := 4; n >= 1; n-- {
		last := p.last + 1 + n
		if last > end {
			continue
		}
		words := make([]string, 0, n)
		ok := true
		for _, t := range toks[p.last+1 : last] {
			if t.Kind != doc.Word || !isUpperStart(t.Text) {
				ok = false
				break
			}
			words = append(words, t.Text)
		}
		if !ok {
			continue
		}
		if hintFromEntries(&h, st.r.KB.Lookup(strings.Join(words, " "))) {
			return h
		}
	}
	return h
}

// geoScore ranks one candidate entry among the candidates es.
func geoScore(e *kb.Entry, es []*kb.Entry, h geoHint, named []string, home string) int64 {
	s := int64(e.Population / 1000)
	if h.admin1 != "" && e.Admin1 == h.admin1 {
		s += 1 << 42
	}
	if h.country != "" && e.Code == h.country {
		s += 1 << 40
	}
	for _, c := range named {
		if c == e.Code {
			s += 1 << 36
			break
		}
	}
	if home != "" && e.Code == home {
		s += 1 << 34
	}
	lv := placeLevel(e)
	if lv == "province" && !h.province {
		for _, o := range es {
			if o != e && o.Kind == kb.Place && o.Code == e.Code && placeLevel(o) == "city" {
				// "di Yogyakarta": the city, not the province
				s -= 1 << 32
				break
			}
		}
	}
	if h.province && lv == "province" || h.city && lv == "city" {
		s += 1 << 32
	}
	if e.Capital {
		s += 1 << 24
	}
	if e.GeonameID != 0 {
		s++
	}
	return s
}

// bestPlace picks the best place entry of es, and turns a capital alias
// (a country-file entry without coordinates) into its gazetteer row.
func (r *Resolver) bestPlace(text string, es []*kb.Entry, h geoHint, named []string, home string) *kb.Entry {
	var best *kb.Entry
	var bestScore int64
	for _, e := range es {
		if e.Kind != kb.Place {
			continue
		}
		if s := geoScore(e, es, h, named, home); best == nil || s > bestScore {
			best, bestScore = e, s
		}
	}
	if best != nil && best.GeonameID == 0 && best.Capital {
		for _, name := range []string{text, best.Name} {
			for _, e := range r.KB.Lookup(name) {
				if e.Kind == kb.Place && e.GeonameID != 0 && e.Code == best.Code {
					return e
				}
			}
		}
	}
	return best
}

func fillPlace(pl *doc.Place, e *kb.Entry) {
	pl.Name, pl.Country, pl.GeonameID, pl.Lat, pl.Lon = e.Name, e.Code, e.GeonameID, e.Lat, e.Lon
	pl.Admin1, pl.Level = e.Admin1, placeLevel(e)
}

// geocode resolves a place piece in its document context.
func (st *state) geocode(p piece) doc.Place {
	text := spanText(st.d, p.first, p.last)
	pl := doc.Place{Text: text}
	es := p.entries
	if p.last-p.first >= 2 && st.d.Tokens[p.first].Text == "di" {
		// "di Yogyakarta" matched the alias "DI Yogyakarta" (the province)
		// only because matching ignores case: lowercase "di" is the
		// preposition, the place is the rest.
		rest := spanText(st.d, p.first+1, p.last)
		if r := st.r.KB.Lookup(rest); hasPlace(r) {
			es = r
		}
	}
	if best := st.r.bestPlace(text, es, st.hint(p), st.countries, st.home); best != nil {
		fillPlace(&pl, best)
	}
	return pl
}

// placeOf resolves a place name outside a document (dateline locations).
// "Magelang, Jawa Tengah" and "Manila (Filipina)" are split: the part
// after the comma or bracket is a hint. Countries in prefer win; then an
// Indonesian place (Warta reads Indonesian outlets).
func (r *Resolver) placeOf(name string, prefer []string) *doc.Place {
	name = strings.TrimSpace(name)
	es := r.KB.Lookup(name)
	var h geoHint
	if !hasPlace(es) {
		if i := strings.IndexAny(name, ",("); i > 0 {
			rest := strings.Trim(name[i+1:], " )")
			name = strings.TrimSpace(name[:i])
			es = r.KB.Lookup(name)
			hintFromEntries(&h, r.KB.Lookup(rest))
		}
	}
	best := r.bestPlace(name, es, h, prefer, "IDN")
	if best == nil {
		return nil
	}
	pl := &doc.Place{Text: name}
	fillPlace(pl, best)
	return pl
}

func hasPlace(es []*kb.Entry) bool {
	for _, e := range es {
		if e.Kind == kb.Place {
			return true
		}
	}
	return false
}
