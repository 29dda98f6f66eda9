package kbgen

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// country is one row of countries.tsv being built.
type country struct {
	iso3, iso2 string
	aliases    *aliasSet
	capital    []string
	english    []string // English names, to map English labels to ISO-3
}

// countryTable is the countries of the knowledge base with lookups.
type countryTable struct {
	byISO3  map[string]*country
	iso2to3 map[string]string
	byName  map[string]string // normalised English or Indonesian name → ISO-3
}

// isoOf maps an English or Indonesian country label to ISO-3.
func (t *countryTable) isoOf(label string) string {
	if c, ok := t.byName[norm(label)]; ok {
		return c
	}
	return wikidataCountryFix[label]
}

// wikidataCountryFix maps Wikidata country labels no country file spells
// the same way.
var wikidataCountryFix = map[string]string{
	"Kingdom of the Netherlands":       "NLD",
	"People's Republic of China":       "CHN",
	"East Timor":                       "TLS",
	"The Gambia":                       "GMB",
	"Kingdom of Denmark":               "DNK",
	"Federated States of Micronesia":   "FSM",
	"State of Palestine":               "PSE",
	"Vatican City":                     "VAT",
	"Ivory Coast":                      "CIV",
	"Republic of the Congo":            "COG",
	"Democratic Republic of the Congo": "COD",
	"Czech Republic":                   "CZE",
	"Sahrawi Arab Democratic Republic": "ESH",
	"Taiwan":                           "TWN",
	"Kosovo":                           "XKX",
	"Cape Verde":                       "CPV",
	"Eswatini":                         "SWZ",
	"São Tomé and Príncipe":            "STP",
	"Saint Kitts and Nevis":            "KNA",
	"Saint Vincent and the Grenadines": "VCT",
	"Turkey":                           "TUR",
	"Bahamas":                          "BHS", "Republic of Ireland": "IRL", "Bailiwick of Guernsey": "GGY",
	"The Bahamas": "BHS",
}

// droppedSourceAlias says why a source alternate name is not used as an
// alias (or "" to keep it). Catalogue forms ("Iran, Republik Islam") and
// bracketed forms are not what news text says.
func droppedSourceAlias(a string) bool {
	return strings.ContainsAny(a, ",()") || len([]rune(a)) < 2
}

func buildCountries(src, out string) (*countryTable, error) {
	t := &countryTable{byISO3: map[string]*country{}, iso2to3: map[string]string{}, byName: map[string]string{}}
	rows, err := readTSV(filepath.Join(src, "countries", "countries_id.tsv"), 7)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		c := r.cols
		if c[0] == "alpha2" { // header line
			continue
		}
		iso2, iso3, name := c[0], c[1], c[3]
		if iso3 == "" { // EU, UN, EZ: organisations, in orgs.tsv
			continue
		}
		ct := &country{iso3: iso3, iso2: iso2, aliases: newAliasSet(cleanCell(name))}
		for _, a := range splitList(c[4]) {
			if !droppedSourceAlias(a) {
				ct.aliases.add(a)
			}
		}
		for _, a := range append([]string{c[5]}, splitList(c[6])...) {
			if !droppedSourceAlias(a) {
				ct.aliases.add(a)
				ct.english = append(ct.english, a)
			} else {
				ct.english = append(ct.english, a)
			}
		}
		t.byISO3[iso3] = ct
		t.iso2to3[iso2] = iso3
	}

	// Capitals: GeoNames countryInfo (English), preceded by the Indonesian
	// form of the capital from geonames_names_id.tsv where one exists.
	info, err := readGeoNames(filepath.Join(src, "gazetteer", "countryInfo.txt"))
	if err != nil {
		return nil, err
	}
	idNames, err := readIndonesianNames(src)
	if err != nil {
		return nil, err
	}
	pplc := map[string][]string{} // iso2 → PPLC geonameids
	cities, err := readGeoNames(filepath.Join(src, "gazetteer", "cities15000.txt"))
	if err != nil {
		return nil, err
	}
	pplcName := map[string]string{}
	for _, c := range cities {
		if len(c) > 8 && c[7] == "PPLC" {
			pplc[c[8]] = append(pplc[c[8]], c[0])
			pplcName[c[0]] = c[1]
		}
	}
	for _, c := range info {
		if len(c) < 6 {
			continue
		}
		iso2, iso3, en, capital := c[0], c[1], c[4], c[5]
		ct := t.byISO3[iso3]
		if ct == nil {
			continue
		}
		ct.english = append(ct.english, en)
		if capital == "" {
			continue
		}
		var caps []string
		for _, id := range pplc[iso2] {
			if n := idNames["geonameid:"+id]; n != "" && norm(pplcName[id]) == norm(capital) {
				caps = append(caps, n)
			}
		}
		ct.capital = uniqueByNorm(append(caps, capital))
	}

	// Curated overlay.
	cpath := filepath.Join(out, "curated", "countries-curated.tsv")
	crows, err := readTSV(cpath, 5)
	if err != nil {
		return nil, err
	}
	var errs errList
	for _, r := range crows {
		c := r.cols
		ct := t.byISO3[c[0]]
		if ct == nil {
			errs = append(errs, fmt.Sprintf("%s: unknown ISO-3 code %q (countries must exist in countries_id.tsv)", r.where, c[0]))
			continue
		}
		if c[1] != "" && c[1] != ct.iso2 {
			errs = append(errs, fmt.Sprintf("%s: iso2 %q does not match %s (%s)", r.where, c[1], c[0], ct.iso2))
		}
		if c[2] != "" && c[2] != ct.aliases.name {
			ct.aliases.rename(c[2])
		}
		applyAliasEdits(ct.aliases, c[3])
		if c[4] != "" {
			ct.capital = splitList(c[4])
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	// Capitals whose name is a common word ("Lima") would make the loader
	// read every "lima" (five) as Peru's government.
	stop, err := readStopwords(filepath.Join(out, "curated", "places-stopwords.txt"))
	if err != nil {
		return nil, err
	}
	for _, ct := range t.byISO3 {
		var keep []string
		for _, c := range ct.capital {
			if !stop[norm(c)] {
				keep = append(keep, c)
			}
		}
		ct.capital = keep
	}

	// Every alias (and name) must name one country only.
	owner := map[string]string{}
	codes := make([]string, 0, len(t.byISO3))
	for code := range t.byISO3 {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		ct := t.byISO3[code]
		for _, a := range append([]string{ct.aliases.name}, ct.aliases.list...) {
			k := norm(a)
			if o, ok := owner[k]; ok && o != code {
				errs = append(errs, fmt.Sprintf("%s: alias %q of %s clashes with %s (remove it from one of them with \"-%s\" in the aliases column)", cpath, a, code, o, a))
				continue
			}
			owner[k] = code
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for k, code := range owner {
		t.byName[k] = code
	}
	for _, code := range codes {
		for _, e := range t.byISO3[code].english {
			if _, ok := t.byName[norm(e)]; !ok {
				t.byName[norm(e)] = code
			}
		}
	}
	return t, nil
}

func uniqueByNorm(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		s = cleanCell(s)
		if k := norm(s); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

func writeCountries(t *countryTable, out string) (int, error) {
	codes := make([]string, 0, len(t.byISO3))
	for c := range t.byISO3 {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var rows [][]string
	for _, c := range codes {
		ct := t.byISO3[c]
		rows = append(rows, []string{ct.iso3, ct.iso2, ct.aliases.name, ct.aliases.join(), strings.Join(ct.capital, "|")})
	}
	header := []string{
		"countries.tsv — countries and the names Indonesian news uses for them and their states.",
		"GENERATED by `go run ./cmd/warta kb build --src ../shared/data/kb --out data/kb`; do not edit by hand:",
		"edit data/kb/curated/countries-curated.tsv and regenerate (see data/kb/README.md).",
		"",
		"Columns (TAB-separated, lists separated by |, empty cell = none):",
		"  iso3     ISO 3166-1 alpha-3 code (the actor code; XKX = Kosovo)",
		"  iso2     ISO 3166-1 alpha-2 code",
		"  name     Indonesian name (Unicode CLDR 48 `id`, unless the curated overlay renames it)",
		"  aliases  other names: Indonesian alternates (CLDR alt forms, i18n-iso-countries, Debian iso-codes),",
		"           English names, and the hand-curated Indonesian short forms (AS, Negeri Paman Sam, Korut, RI …);",
		"           every alias names exactly one country (the generator fails on a clash)",
		"  capital  the capital's usual Indonesian spelling(s) (curated; otherwise the Indonesian GeoNames name",
		"           where one exists, then the GeoNames countryInfo.txt capital); capitals that are common",
		"           Indonesian words (curated/places-stopwords.txt, e.g. Lima) are left out",
		"",
		"Sources and licenses: Unicode CLDR 48 (Unicode License v3); i18n-iso-countries 7.14.0 (MIT);",
		"Debian iso-codes 4.15.0 Indonesian translations (LGPL-2.1+); GeoNames countryInfo.txt and",
		"cities15000.txt, Debian libgeonames-common Indonesian names (CC BY 4.0, © GeoNames, geonames.org);",
		"curated overlay: Warta contributors (same license as Warta). See NOTICE.",
	}
	return len(rows), writeTSV(filepath.Join(out, "countries.tsv"), header, rows)
}

// readGeoNames reads a GeoNames tab-separated dump (no quoting, '#' comments).
func readGeoNames(path string) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.Split(line, "\t"))
	}
	return out, nil
}

// readIndonesianNames reads geonames_names_id.tsv into "type:key" → name.
func readIndonesianNames(src string) (map[string]string, error) {
	rows, err := readGeoNames(filepath.Join(src, "gazetteer", "geonames_names_id.tsv"))
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, r := range rows {
		if len(r) == 3 && r[0] != "key_type" {
			m[r[0]+":"+r[1]] = cleanCell(r[2])
		}
	}
	return m, nil
}
