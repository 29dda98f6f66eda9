package kbgen

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// place is one row of places.tsv being built.
type place struct {
	id         string // geonameid, may be empty for curated rows
	aliases    *aliasSet
	country    string // ISO-3
	admin1     string // GeoNames admin1 code, "CC.XX"
	lat, lon   string
	population string
	feature    string
	where      string
}

const placesColumns = "geonameid\tname\taliases\tcountry\tadmin1\tlat\tlon\tpopulation\tfeature"

func buildPlaces(src, out string, ct *countryTable) (int, error) {
	gz := filepath.Join(src, "gazetteer")
	cities, err := readGeoNames(filepath.Join(gz, "cities15000.txt"))
	if err != nil {
		return 0, err
	}
	idNames, err := readIndonesianNames(src)
	if err != nil {
		return 0, err
	}
	stop, err := readStopwords(filepath.Join(out, "curated", "places-stopwords.txt"))
	if err != nil {
		return 0, err
	}
	all := map[string]*place{} // every cities15000 row, for curated lookups
	sel := map[string]*place{}
	var errs errList
	for i, c := range cities {
		if len(c) < 19 {
			errs = append(errs, fmt.Sprintf("%s: row %d: want 19 columns, got %d", filepath.Join(gz, "cities15000.txt"), i+1, len(c)))
			continue
		}
		iso3 := ct.iso2to3[c[8]]
		if iso3 == "" {
			continue // no ISO-3 country (none in practice)
		}
		pop, _ := strconv.Atoi(c[14])
		p := &place{
			id: c[0], aliases: newAliasSet(cleanCell(c[1])), country: iso3,
			lat: c[4], lon: c[5], population: strconv.Itoa(pop), feature: c[7],
		}
		if c[10] != "" {
			p.admin1 = c[8] + "." + c[10]
		}
		p.aliases.add(c[2])
		if n := idNames["geonameid:"+c[0]]; n != "" {
			p.aliases.add(n)
		}
		all[c[0]] = p
		if pop >= 100000 || c[8] == "ID" || c[7] == "PPLC" {
			sel[c[0]] = p
		}
	}
	if len(errs) > 0 {
		return 0, errs
	}

	// Indonesian provinces (ADM1).
	adm, err := readGeoNames(filepath.Join(gz, "admin1CodesASCII.txt"))
	if err != nil {
		return 0, err
	}
	for _, a := range adm {
		if len(a) < 4 || !strings.HasPrefix(a[0], "ID.") {
			continue
		}
		name := a[1]
		if n := idNames["admin1:"+a[0]]; n != "" {
			for _, pre := range []string{"Provinsi ", "Propinsi ", "Daerah Tingkat I "} {
				n = strings.TrimPrefix(n, pre)
			}
			name = n
		}
		p := &place{id: a[3], aliases: newAliasSet(cleanCell(name)), country: "IDN", admin1: a[0], feature: "ADM1"}
		p.aliases.add(a[1])
		p.aliases.add(a[2])
		if n := idNames["admin1:"+a[0]]; n != "" {
			p.aliases.add(n)
		}
		sel[a[3]] = p
	}

	// Curated overlay.
	cpath := filepath.Join(out, "curated", "places-curated.tsv")
	rows, err := readTSV(cpath, 9)
	if err != nil {
		return 0, err
	}
	var extra []*place
	for _, r := range rows {
		c := r.cols
		if prob := checkPlaceRow(c, ct.knownCode, true); prob != "" {
			errs = append(errs, r.where+": "+prob)
			continue
		}
		p := sel[c[0]]
		if p == nil && c[0] != "" {
			if p = all[c[0]]; p != nil {
				sel[c[0]] = p
			}
		}
		if p == nil {
			if c[1] == "" || c[8] == "" {
				errs = append(errs, r.where+": a new place (geonameid empty or not in cities15000) needs a name and a feature")
				continue
			}
			p = &place{id: c[0], aliases: newAliasSet(c[1]), where: r.where}
			extra = append(extra, p)
		} else if c[1] != "" && c[1] != p.aliases.name {
			p.aliases.rename(c[1])
		}
		applyAliasEdits(p.aliases, c[2])
		for i, f := range []*string{&p.country, &p.admin1, &p.lat, &p.lon, &p.population, &p.feature} {
			if v := c[3+i]; v != "" {
				*f = v
			}
		}
	}
	if len(errs) > 0 {
		return 0, errs
	}

	places := make([]*place, 0, len(sel)+len(extra))
	for _, p := range sel {
		places = append(places, p)
	}
	places = append(places, extra...)
	var kept []string
	for _, p := range places {
		if stop[norm(p.aliases.name)] {
			if p.country == "IDN" && p.feature != "ADM1" {
				// "Batu" → "Kota Batu": how news names the town when it
				// means the place; the bare word stays out.
				old := p.aliases.name
				p.aliases.rename("Kota " + old)
				p.aliases.remove(old)
			} else {
				// "Lima" → "Lima, Peru": the bare word is too common.
				old := p.aliases.name
				cn := p.country
				if c := ct.byISO3[p.country]; c != nil {
					cn = c.aliases.name
				}
				p.aliases.rename(old + ", " + cn)
				p.aliases.remove(old)
				kept = append(kept, p.aliases.name)
			}
		}
		for _, a := range p.aliases.list {
			if stop[norm(a)] {
				p.aliases.remove(a)
			}
		}
	}
	sort.SliceStable(places, func(i, j int) bool {
		a, b := places[i], places[j]
		switch {
		case a.country != b.country:
			return a.country < b.country
		case norm(a.aliases.name) != norm(b.aliases.name):
			return norm(a.aliases.name) < norm(b.aliases.name)
		case a.aliases.name != b.aliases.name:
			return a.aliases.name < b.aliases.name
		}
		return a.id < b.id
	})
	var out2 [][]string
	for _, p := range places {
		out2 = append(out2, []string{p.id, p.aliases.name, p.aliases.join(), p.country, p.admin1, p.lat, p.lon, p.population, p.feature})
	}
	if len(kept) > 0 {
		sort.Strings(kept)
		fmt.Fprintf(os.Stderr, "kbgen: note: foreign places named by a stopword, renamed: %s\n", strings.Join(kept, ", "))
	}
	header := []string{
		"places.tsv — gazetteer: cities and provinces with coordinates.",
		"GENERATED by `go run ./cmd/warta kb build --src ../shared/data/kb --out data/kb`; do not edit by hand:",
		"edit data/kb/curated/places-curated.tsv (or places-stopwords.txt) and regenerate (see data/kb/README.md).",
		"",
		"Rows: every GeoNames cities15000 place with population ≥ 100,000, every Indonesian (ID) place of",
		"cities15000, every capital (PPLC); Indonesia's provinces (ADM1, from admin1CodesASCII.txt, Indonesian",
		"names, no coordinates); plus the curated rows (Indonesian exonyms, regions such as Tepi Barat).",
		"",
		"Columns (TAB-separated, lists separated by |, empty cell = none):",
		"  geonameid   GeoNames id (empty for curated places without one)",
		"  name        GeoNames name (or the curated name)",
		"  aliases     GeoNames ASCII name, the Indonesian GeoNames name (Debian libgeonames-common `id`),",
		"              curated Indonesian exonyms; aliases that are common Indonesian words",
		"              (curated/places-stopwords.txt) are dropped, and Indonesian places so named are",
		"              renamed \"Kota <name>\" (foreign ones \"<name>, <country>\", e.g. \"Lima, Peru\")",
		"  country     ISO 3166-1 alpha-3",
		"  admin1      GeoNames admin-1 code \"CC.XX\" (e.g. ID.30 = Jawa Barat; GDELT ADM1 = CC+XX)",
		"  lat, lon    WGS84 decimal degrees",
		"  population  GeoNames population",
		"  feature     GeoNames feature code (PPLC capital, PPLA seat of ADM1, PPL …; ADM1 province, ADM region)",
		"",
		"Source and license: GeoNames (https://www.geonames.org), CC BY 4.0 — cities15000.txt (2025-11),",
		"admin1CodesASCII.txt, countryInfo.txt; Indonesian names from Debian libgeonames-common 0.3.0",
		"(GeoNames data, CC BY 4.0). Changes: rows selected, columns reduced, aliases filtered, curated rows",
		"and aliases added (Warta contributors). See NOTICE.",
		"",
		placesColumns,
	}
	return len(out2), writeTSV(filepath.Join(out, "places.tsv"), header, out2)
}

// checkPlaceRow returns a problem with a places row, or "". Curated rows may
// leave everything but the geonameid (or the name) empty.
func checkPlaceRow(c []string, known func(string) bool, curated bool) string {
	if c[0] != "" {
		if n, err := strconv.Atoi(c[0]); err != nil || n <= 0 {
			return fmt.Sprintf("bad geonameid %q", c[0])
		}
	}
	if c[0] == "" && c[1] == "" {
		return "need a geonameid or a name"
	}
	if !curated && c[1] == "" {
		return "empty name"
	}
	if c[3] != "" && !known(c[3]) {
		return fmt.Sprintf("unknown country code %q", c[3])
	}
	for i, lim := range map[int]float64{5: 90, 6: 180} {
		if c[i] == "" {
			continue
		}
		f, err := strconv.ParseFloat(c[i], 64)
		if err != nil || f < -lim || f > lim {
			return fmt.Sprintf("bad coordinate %q", c[i])
		}
	}
	if c[7] != "" {
		if n, err := strconv.Atoi(c[7]); err != nil || n < 0 {
			return fmt.Sprintf("bad population %q", c[7])
		}
	}
	return ""
}

// readStopwords reads one word or phrase a line ('#' comments) into a set
// of normalised keys.
func readStopwords(path string) (map[string]bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if k := norm(line); k != "" {
			m[k] = true
		}
	}
	return m, nil
}
