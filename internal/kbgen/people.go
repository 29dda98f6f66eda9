package kbgen

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"github.com/warta-id/warta/kb"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// person is one person with dated roles, being built for a people*.tsv file.
type person struct {
	qid     string
	aliases *aliasSet // name + aliases
	roles   []role
}

type role struct {
	code, sector, role, from, to string
	where                        string
}

const peopleColumns = "wikidata\tname\taliases\tcode\tsector\trole\tfrom\tto"

func peopleHeader(title string, lines ...string) []string {
	h := []string{title}
	h = append(h, lines...)
	h = append(h, "",
		"Columns (TAB-separated, lists separated by |, empty cell = none); one row per (person, role):",
		"  wikidata  Wikidata item id (Q…), or empty; rows with the same id (in any people*.tsv) are one person",
		"  name      canonical name (the same on every row of a person)",
		"  aliases   other spellings and short forms used in Indonesian news (the same on every row of a person)",
		"  code      actor code: ISO 3166-1 alpha-3 of the country, or UNO, EUR, IGO, NGO, ISM …",
		"  sector    PLOVER/CAMEO agent sector (GOV, MIL, JUD, LEG, PTY, OPP, REB …)",
		"  role      free-text role (head of state, head of government, foreign minister …), may be empty",
		"  from, to  YYYY-MM-DD, YYYY-MM or YYYY; empty = open (unknown start / still in office at the source's date)",
	)
	return h
}

var qidRe = regexp.MustCompile(`^Q[1-9][0-9]*$`)

// readPeopleFile reads a people-format file into persons keyed by wikidata
// id (or "name:"+normalised name), validating every row.
func readPeopleFile(path string, known func(string) bool) ([]*person, error) {
	rows, err := readTSV(path, 8)
	var errs errList
	if err != nil {
		if el, ok := err.(errList); ok {
			errs = append(errs, el...)
		} else {
			return nil, err
		}
	}
	byKey := map[string]*person{}
	var order []*person
	for _, r := range rows {
		c := r.cols
		if p := checkPersonRow(c, known); p != "" {
			errs = append(errs, r.where+": "+p)
			continue
		}
		key := c[0]
		if key == "" {
			key = "name:" + norm(c[1])
		}
		p := byKey[key]
		if p == nil {
			p = &person{qid: c[0], aliases: newAliasSet(c[1])}
			byKey[key] = p
			order = append(order, p)
		} else if p.aliases.name != c[1] {
			errs = append(errs, fmt.Sprintf("%s: %s is named %q here but %q on an earlier row; use one name", r.where, key, c[1], p.aliases.name))
		}
		applyAliasEdits(p.aliases, c[2])
		p.roles = append(p.roles, role{c[3], c[4], c[5], c[6], c[7], r.where})
	}
	if len(errs) > 0 {
		return order, errs
	}
	return order, nil
}

// checkPersonRow returns a problem with a people row, or "".
func checkPersonRow(c []string, known func(string) bool) string {
	switch {
	case c[0] != "" && !qidRe.MatchString(c[0]):
		return fmt.Sprintf("bad wikidata id %q", c[0])
	case c[1] == "":
		return "empty name"
	case !known(c[3]):
		return fmt.Sprintf("unknown actor code %q", c[3])
	case c[4] != "" && !validSector(c[4]):
		return fmt.Sprintf("unknown sector %q", c[4])
	}
	from, err := kb.ParseDate(c[6], false)
	if err != nil {
		return "from: " + err.Error()
	}
	to, err := kb.ParseDate(c[7], true)
	if err != nil {
		return "to: " + err.Error()
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return fmt.Sprintf("role ends (%s) before it starts (%s)", c[7], c[6])
	}
	for _, a := range splitList(c[2]) {
		if strings.HasPrefix(a, "-") {
			return fmt.Sprintf("alias %q: removals (\"-alias\") are not allowed in people files", a)
		}
	}
	return ""
}

func buildPeople(src, out string, ct *countryTable) (map[string]int, error) {
	known := ct.knownCode
	counts := map[string]int{}
	wd := filepath.Join(src, "actors", "wikidata-everypolitician")

	// 1. Wikidata (CC0): heads of state/government 2021–22, foreign ministers Dec 2022.
	gen := map[string]*person{}
	var genOrder []string
	var unmapped []string
	addGen := func(qid, name, label, roleName, from, to string) {
		code := ct.isoOf(label)
		if code == "" {
			unmapped = append(unmapped, label)
			return
		}
		if qid == "" || name == "" || !qidRe.MatchString(qid) {
			return
		}
		p := gen[qid]
		if p == nil {
			p = &person{qid: qid, aliases: newAliasSet(cleanCell(name))}
			gen[qid] = p
			genOrder = append(genOrder, qid)
		} else {
			p.aliases.add(name)
		}
		for _, r := range p.roles {
			if r.code == code && r.role == roleName && r.from == from {
				return
			}
		}
		p.roles = append(p.roles, role{code: code, sector: "GOV", role: roleName, from: from, to: to})
	}
	hs, err := readCSV(filepath.Join(wd, "heads_of_state_government_wikidata_2021-2022.csv"))
	if err != nil {
		return nil, err
	}
	for _, r := range hs {
		addGen(r["officeholder"], r["officeholderLabel"], r["country"], headRole(r["positionLabel"]), r["start_year"], r["end_year"])
	}
	fm, err := readCSV(filepath.Join(wd, "foreign_ministers_wikidata_2023-01.csv"))
	if err != nil {
		return nil, err
	}
	for _, r := range fm {
		from := r["start"]
		if len(from) > 10 {
			from = from[:10]
		}
		if _, err := kb.ParseDate(from, false); err != nil {
			from = ""
		}
		addGen(r["person"], r["name"], r["countryLabel"], "foreign minister", from, "")
	}

	// 2. Curated overlay: fills missing ids by name, replaces generated rows
	// of the same (code, role), and gives its name and aliases to all rows.
	cpath := filepath.Join(out, "curated", "people-curated.tsv")
	cur, err := readPeopleFile(cpath, known)
	if err != nil {
		return nil, err
	}
	genByName := map[string]string{}
	for _, q := range genOrder {
		for _, a := range append([]string{gen[q].aliases.name}, gen[q].aliases.list...) {
			genByName[norm(a)] = q
		}
	}
	final := map[string]*person{}
	for _, p := range cur {
		if p.qid == "" {
			if q, ok := genByName[norm(p.aliases.name)]; ok {
				p.qid = q
			}
		}
		key := p.qid
		if key == "" {
			key = "name:" + norm(p.aliases.name)
		}
		if _, dup := final[key]; dup {
			return nil, fmt.Errorf("%s: person %s appears twice under different names", p.roles[0].where, key)
		}
		final[key] = p
		if g := gen[p.qid]; g != nil && p.qid != "" {
			p.aliases.add(g.aliases.name)
			for _, a := range g.aliases.list {
				p.aliases.add(a)
			}
			for _, gr := range g.roles {
				replaced := false
				for _, r := range p.roles {
					if r.code == gr.code && r.role == gr.role {
						replaced = true
					}
				}
				if !replaced {
					p.roles = append(p.roles, gr)
				}
			}
		}
	}
	for _, q := range genOrder {
		if _, ok := final[q]; !ok {
			final[q] = gen[q]
		}
	}
	people := sortedPeople(final)
	n, err := writePeople(filepath.Join(out, "people.tsv"), peopleHeader(
		"people.tsv — office holders with dated roles.",
		"GENERATED by `go run ./cmd/warta kb build --src ../shared/data/kb --out data/kb`; do not edit by hand:",
		"edit data/kb/curated/people-curated.tsv and regenerate (see data/kb/README.md).",
		"",
		"Sources: Wikidata (CC0) via every-politician-scrapers — heads of state and government in office",
		"in 2021–2022 (heads_of_state_government_wikidata_2021-2022.csv) and foreign ministers as of Dec 2022",
		"(foreign_ministers_wikidata_2023-01.csv); an open `to` means \"in office at that snapshot\".",
		"Merged with the hand-curated overlay curated/people-curated.tsv (Warta contributors), whose rows",
		"replace snapshot rows of the same person, code and role, and whose name and aliases apply to all",
		"rows of the person. No CC BY-SA data is in this file.",
	), people)
	if err != nil {
		return nil, err
	}
	counts["people.tsv"] = n

	// Index people.tsv persons for linking the other files to them.
	byQID := map[string]*person{}
	byNameCode := map[string]*person{}
	for _, p := range people {
		if p.qid != "" {
			byQID[p.qid] = p
		}
		for _, a := range append([]string{p.aliases.name}, p.aliases.list...) {
			if strings.Contains(norm(a), " ") {
				for _, r := range p.roles {
					byNameCode[norm(a)+"\t"+r.code] = p
				}
			}
		}
	}

	// 3. Phoenix (MIT).
	ph, err := phoenixPeople(filepath.Join(src, "actors", "petrarch2", "Phoenix.Countries.actors.txt"), ct)
	if err != nil {
		return nil, err
	}
	for _, p := range ph {
		for _, r := range p.roles {
			if q := byNameCode[norm(p.aliases.name)+"\t"+r.code]; q != nil && q.qid != "" {
				linkTo(p, q)
				break
			}
		}
	}
	n, err = writePeople(filepath.Join(out, "people-phoenix.tsv"), peopleHeader(
		"people-phoenix.tsv — political persons from the PETRARCH2/Phoenix country actor dictionary.",
		"GENERATED by `go run ./cmd/warta kb build --src ../shared/data/kb --out data/kb`; do not edit by hand",
		"(add people to curated/people-curated.tsv instead).",
		"",
		"Source: Phoenix.Countries.actors.txt, openeventdata/petrarch2 commit 676801cd (MIT, © 2014 Open Event",
		"Data Alliance; built from CountryInfo 140130 by the Computational Event Data System Project).",
		"Kept: persons with a dated code overlapping 2000-01-01 or later whose sector is GOV, MIL, JUD, LEG,",
		"PTY, OPP or REB; one row per such dated code (country = first 3 letters of the code, sector = next 3).",
		"Names are converted from UPPER_CASE_WITH_UNDERSCORES; `+` synonyms are aliases (single-word aliases",
		"under 5 letters and common words dropped). Dates are YYMMDD in the source (years ≤ 20 read as 20YY).",
		"A person whose full name and country match a person in people.tsv gets that person's Wikidata id,",
		"name and aliases (the Phoenix name becomes an alias), so the loader merges the two.",
		"Coverage ends about 2014; the source does not say which office a code stands for (role is empty).",
	), ph)
	if err != nil {
		return nil, err
	}
	counts["people-phoenix.tsv"] = n

	// 4. world-leaders-current (CC BY-SA 4.0), kept in its own file.
	wl, err := worldLeaders(filepath.Join(src, "actors", "world-leaders-current", "data", "countries"), ct)
	if err != nil {
		return nil, err
	}
	for _, p := range wl {
		if q := byQID[p.qid]; q != nil {
			linkTo(p, q)
		}
	}
	n, err = writePeople(filepath.Join(out, "people-cc-by-sa.tsv"), peopleHeader(
		"people-cc-by-sa.tsv — current heads of state and government (ASEAN, G20, EU, AU), Aug 2026.",
		"LICENSE: CC BY-SA 4.0 — this file is a derivative of open-data-archive/world-leaders-current",
		"(commit b06a1440, snapshot 2026-08-22, compiled from Wikidata and Wikipedia by its daily bot),",
		"https://github.com/open-data-archive/world-leaders-current, licensed under CC BY-SA 4.0",
		"(https://creativecommons.org/licenses/by-sa/4.0/). Changes: reduced to the columns below,",
		"country codes converted to ISO-3, names of persons also in people.tsv aligned to that file.",
		"It is kept separate from the other kb files so the share-alike terms apply to this file only.",
		"GENERATED by `go run ./cmd/warta kb build --src ../shared/data/kb --out data/kb`; do not edit by hand.",
		"Bot-generated source: verify before relying on a row.",
	), wl)
	if err != nil {
		return nil, err
	}
	counts["people-cc-by-sa.tsv"] = n
	if len(unmapped) > 0 {
		sort.Strings(unmapped)
		fmt.Fprintf(os.Stderr, "kbgen: note: %d Wikidata rows skipped, country not an ISO country: %s\n", len(unmapped), strings.Join(uniqueStrings(unmapped), "; "))
	}
	return counts, nil
}

// linkTo gives p the Wikidata id, name and aliases of q (p's own name
// becomes an alias), so every file spells the person the same way.
func linkTo(p, q *person) {
	old := p.aliases
	p.qid = q.qid
	p.aliases = newAliasSet(q.aliases.name)
	for _, a := range q.aliases.list {
		p.aliases.add(a)
	}
	p.aliases.add(old.name)
	for _, a := range old.list {
		p.aliases.add(a)
	}
}

func uniqueStrings(in []string) []string {
	var out []string
	for i, s := range in {
		if i == 0 || s != in[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// headRole tells head of government from head of state by position label.
func headRole(label string) string {
	l := strings.ToLower(label)
	for _, w := range []string{"prime minister", "premier", "chancellor", "taoiseach", "council of ministers", "chief minister", "minister of state of monaco", "president of the government"} {
		if strings.Contains(l, w) {
			return "head of government"
		}
	}
	return "head of state"
}

func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			if i < len(rec) {
				m[h] = cleanCell(rec[i])
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// mergePeople joins persons with the same key (Wikidata id, else
// normalised name) — e.g. two Phoenix entries linked to one Wikidata person —
// unioning aliases and dropping duplicate roles. Order-independent.
func mergePeople(ps []*person) []*person {
	sortPeople(ps)
	byKey := map[string]*person{}
	var out []*person
	for _, p := range ps {
		key := p.qid
		if key == "" {
			key = "name:" + norm(p.aliases.name)
		}
		q := byKey[key]
		if q == nil {
			byKey[key] = p
			out = append(out, p)
			continue
		}
		for _, a := range append([]string{p.aliases.name}, p.aliases.list...) {
			q.aliases.add(a)
		}
	next:
		for _, r := range p.roles {
			for _, x := range q.roles {
				if x.code == r.code && x.sector == r.sector && x.role == r.role && x.from == r.from && x.to == r.to {
					continue next
				}
			}
			q.roles = append(q.roles, r)
		}
	}
	return out
}

func sortedPeople(m map[string]*person) []*person {
	out := make([]*person, 0, len(m))
	for _, p := range m {
		out = append(out, p)
	}
	sortPeople(out)
	return out
}

func sortPeople(ps []*person) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := norm(ps[i].aliases.name), norm(ps[j].aliases.name)
		if a != b {
			return a < b
		}
		if ps[i].aliases.name != ps[j].aliases.name {
			return ps[i].aliases.name < ps[j].aliases.name
		}
		if ps[i].qid != ps[j].qid {
			return ps[i].qid < ps[j].qid
		}
		return ps[i].aliases.join() < ps[j].aliases.join()
	})
}

func writePeople(path string, header []string, ps []*person) (int, error) {
	ps = mergePeople(ps)
	sortPeople(ps)
	header = append(header, "", peopleColumns)
	var rows [][]string
	for _, p := range ps {
		rs := append([]role(nil), p.roles...)
		sort.SliceStable(rs, func(i, j int) bool {
			x, y := rs[i], rs[j]
			switch {
			case x.from != y.from:
				return x.from < y.from
			case x.code != y.code:
				return x.code < y.code
			case x.sector != y.sector:
				return x.sector < y.sector
			case x.role != y.role:
				return x.role < y.role
			}
			return x.to < y.to
		})
		al := p.aliases.join()
		for _, r := range rs {
			rows = append(rows, []string{p.qid, p.aliases.name, al, r.code, r.sector, r.role, r.from, r.to})
		}
	}
	return len(rows), writeTSV(path, header, rows)
}

// worldLeaders reads world-leaders-current per-country current.json files.
func worldLeaders(dir string, ct *countryTable) ([]*person, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	type holder struct {
		NameEn     string `json:"name_en"`
		NameLocal  string `json:"name_local"`
		WikidataID string `json:"wikidata_id"`
		Since      string `json:"since"`
	}
	type doc struct {
		Country struct {
			ISO string `json:"iso_code"`
		} `json:"country"`
		Positions map[string]struct {
			TitleEn string  `json:"title_en"`
			Holder  *holder `json:"current_holder"`
		} `json:"positions"`
	}
	byKey := map[string]*person{}
	for _, e := range ents {
		path := filepath.Join(dir, e.Name(), "current.json")
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var d doc
		if err := json.Unmarshal(b, &d); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		code := ct.iso2to3[d.Country.ISO]
		switch d.Country.ISO {
		case "EU":
			code = "EUR"
		case "AU_AF":
			code = "IGO"
		}
		if code == "" {
			return nil, fmt.Errorf("%s: unknown country %q", path, d.Country.ISO)
		}
		keys := make([]string, 0, len(d.Positions))
		for k := range d.Positions {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			pos := d.Positions[k]
			h := pos.Holder
			if h == nil || h.NameEn == "" {
				continue
			}
			roleName := strings.ReplaceAll(k, "_", " ")
			if code == "EUR" || code == "IGO" {
				roleName = strings.ToLower(pos.TitleEn)
			}
			since := h.Since
			if _, err := kb.ParseDate(since, false); err != nil {
				since = ""
			}
			key := h.WikidataID
			if !qidRe.MatchString(key) {
				key = "name:" + norm(h.NameEn)
			}
			p := byKey[key]
			if p == nil {
				p = &person{aliases: newAliasSet(cleanCell(h.NameEn))}
				if qidRe.MatchString(h.WikidataID) {
					p.qid = h.WikidataID
				}
				byKey[key] = p
			}
			if h.NameLocal != "" && latinOnly(h.NameLocal) {
				p.aliases.add(h.NameLocal)
			}
			dup := false
			for _, r := range p.roles {
				if r.code == code && r.role == roleName {
					dup = true
				}
			}
			if !dup {
				p.roles = append(p.roles, role{code: code, sector: "GOV", role: roleName, from: since})
			}
		}
	}
	return sortedPeople(byKey), nil
}

func latinOnly(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
