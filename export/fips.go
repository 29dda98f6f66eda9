package export

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed fips.tsv
var fipsTSV string

// country is one row of fips.tsv.
type country struct {
	ISO3, FIPS, ISO2 string
	GeonameID        int
	Name             string
}

var (
	countriesOnce sync.Once
	countries     map[string]country // by ISO-3
	countriesErr  error
)

// lookupCountry returns the fips.tsv row of an ISO-3 code.
func lookupCountry(iso3 string) (country, bool, error) {
	countriesOnce.Do(func() { countries, countriesErr = parseCountries(fipsTSV) })
	c, ok := countries[iso3]
	return c, ok, countriesErr
}

// parseCountries reads fips.tsv: "#" comment lines, then iso3, fips, iso2,
// geonameid and name, tab-separated.
func parseCountries(text string) (map[string]country, error) {
	m := map[string]country{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 || len(f[0]) != 3 {
			return nil, fmt.Errorf("fips.tsv line %d: want iso3, fips, iso2, geonameid, name", i+1)
		}
		id, err := strconv.Atoi(f[3])
		if err != nil {
			return nil, fmt.Errorf("fips.tsv line %d: geonameid %q: %w", i+1, f[3], err)
		}
		m[f[0]] = country{ISO3: f[0], FIPS: f[1], ISO2: f[2], GeonameID: id, Name: f[4]}
	}
	return m, nil
}
