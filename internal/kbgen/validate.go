package kbgen

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Validate checks every knowledge-base file in dir (countries.tsv,
// orgs.tsv, agents.tsv, people*.tsv, places*.tsv and the curated/ overlays):
// column counts, known ISO-3 and actor codes, sectors, dates, Wikidata ids,
// and aliases shared by different countries. Problems are returned one a
// line as "file:line: problem".
func Validate(dir string) error {
	var errs errList
	add := func(err error) {
		if err == nil {
			return
		}
		if el, ok := err.(errList); ok {
			errs = append(errs, el...)
		} else {
			errs = append(errs, err.Error())
		}
	}

	// countries.tsv
	iso3 := map[string]bool{}
	rows, err := readTSV(filepath.Join(dir, "countries.tsv"), 5)
	add(err)
	owner := map[string]string{}
	for _, r := range rows {
		c := r.cols
		switch {
		case !isCode(c[0]):
			errs = append(errs, fmt.Sprintf("%s: bad ISO-3 code %q", r.where, c[0]))
			continue
		case iso3[c[0]]:
			errs = append(errs, fmt.Sprintf("%s: country %s listed twice", r.where, c[0]))
		case len(c[1]) != 2 || strings.ToUpper(c[1]) != c[1]:
			errs = append(errs, fmt.Sprintf("%s: bad ISO-2 code %q", r.where, c[1]))
		case c[2] == "":
			errs = append(errs, r.where+": empty name")
		}
		iso3[c[0]] = true
		for _, a := range append([]string{c[2]}, splitList(c[3])...) {
			k := norm(a)
			if o, ok := owner[k]; ok && o != c[0] {
				errs = append(errs, fmt.Sprintf("%s: alias %q of %s is also an alias of %s", r.where, a, c[0], o))
			}
			owner[k] = c[0]
		}
	}
	known := func(code string) bool { return iso3[code] || specialCodes[code] }

	// orgs.tsv
	rows, err = readTSV(filepath.Join(dir, "orgs.tsv"), 5)
	add(err)
	orgOwner := map[string]string{}
	for _, r := range rows {
		c := r.cols
		switch {
		case !known(c[0]):
			errs = append(errs, fmt.Sprintf("%s: unknown actor code %q", r.where, c[0]))
		case c[1] != "" && !validSector(c[1]):
			errs = append(errs, fmt.Sprintf("%s: unknown sector %q", r.where, c[1]))
		case c[2] == "":
			errs = append(errs, r.where+": empty name")
		case c[4] != "" && !qidRe.MatchString(c[4]):
			errs = append(errs, fmt.Sprintf("%s: bad wikidata id %q", r.where, c[4]))
		}
		id := c[0] + "/" + c[1]
		for _, a := range append([]string{c[2]}, splitList(c[3])...) {
			k := norm(a)
			if o, ok := orgOwner[k]; ok && o != id {
				errs = append(errs, fmt.Sprintf("%s: alias %q (%s) is also an alias of another organisation (%s)", r.where, a, id, o))
			}
			orgOwner[k] = id
		}
	}

	// agents.tsv
	rows, err = readTSV(filepath.Join(dir, "agents.tsv"), 3)
	add(err)
	seen := map[string]string{}
	for _, r := range rows {
		c := r.cols
		switch {
		case c[0] == "":
			errs = append(errs, r.where+": empty phrase")
		case c[0] != strings.ToLower(c[0]):
			errs = append(errs, fmt.Sprintf("%s: phrase %q must be lowercase", r.where, c[0]))
		case c[1] != "-" && !validSector(c[1]):
			errs = append(errs, fmt.Sprintf("%s: unknown sector %q", r.where, c[1]))
		}
		if w, ok := seen[norm(c[0])]; ok {
			errs = append(errs, fmt.Sprintf("%s: phrase %q already at %s", r.where, c[0], w))
		}
		seen[norm(c[0])] = r.where
	}

	// people*.tsv, places*.tsv, curated overlays
	people, _ := filepath.Glob(filepath.Join(dir, "people*.tsv"))
	people = append(people, filepath.Join(dir, "curated", "people-curated.tsv"))
	sort.Strings(people)
	for _, f := range people {
		_, err := readPeopleFile(f, known)
		add(err)
	}
	places, _ := filepath.Glob(filepath.Join(dir, "places*.tsv"))
	sort.Strings(places)
	for _, f := range append(places, filepath.Join(dir, "curated", "places-curated.tsv")) {
		curated := strings.Contains(f, string(filepath.Separator)+"curated"+string(filepath.Separator))
		rows, err := readTSV(f, 9)
		add(err)
		for _, r := range rows {
			if p := checkPlaceRow(r.cols, known, curated); p != "" {
				errs = append(errs, r.where+": "+p)
			} else if !curated && r.cols[8] == "" {
				errs = append(errs, r.where+": empty feature code")
			}
		}
	}
	rows, err = readTSV(filepath.Join(dir, "curated", "countries-curated.tsv"), 5)
	add(err)
	for _, r := range rows {
		if !iso3[r.cols[0]] {
			errs = append(errs, fmt.Sprintf("%s: unknown ISO-3 code %q", r.where, r.cols[0]))
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "curated", "places-stopwords.txt")); err != nil {
		add(err)
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func isCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
