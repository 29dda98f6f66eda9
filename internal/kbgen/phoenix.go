package kbgen

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// phoenixSectors are the sectors kept from the Phoenix country dictionary.
var phoenixSectors = map[string]bool{"GOV": true, "MIL": true, "JUD": true, "LEG": true, "PTY": true, "OPP": true, "REB": true}

// phoenixStop are single-word synonyms too common in English or Indonesian
// text to stand for one person.
var phoenixStop = wordSet(`president minister general prince princess king queen sheikh sheik chief leader
	bishop doctor senator governor premier chancellor emir sultan colonel major captain judge
	mayor speaker deputy secretary ambassador admiral marshal commander director chairman
	junior senior father mother brother sister uncle leila jaime chris david james john robert
	michael peter paul maria mohammed mohammad muhammad ahmed ahmad abdul abdullah hassan hussein
	ibrahim ismail khalid omar umar salman ali karim rahman yusuf yousef jose juan carlos luis
	besar barat timur utara selatan tengah kota negara rakyat agung baru lama putra putri bangsa
	menteri jenderal presiden raja ratu pangeran
	`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// phoenixName converts "NICOLAS_MADURO_MOROS_" to "Nicolas Maduro Moros".
func phoenixName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '_':
			return ' '
		case '"', '`', '{', '}', '!', '~':
			return -1
		}
		return r
	}, s)
	words := strings.Fields(s)
	for i, w := range words {
		lw := strings.ToLower(w)
		if i > 0 && particles[lw] {
			words[i] = lw
			continue
		}
		words[i] = titleWord(lw)
	}
	return strings.Join(words, " ")
}

var particles = wordSet("de del della da dos das do di du van von der den ter bin binti ibn la le y e al el")

// titleWord capitalises each part of a word split at hyphens and
// apostrophes ("al-assad" → "Al-Assad", "o'connor" → "O'Connor").
func titleWord(w string) string {
	rs := []rune(w)
	up := true
	for i, r := range rs {
		if up && unicode.IsLetter(r) {
			rs[i] = unicode.ToUpper(r)
			up = false
		} else if r == '-' || r == '\'' || r == '.' {
			up = true
		}
	}
	return string(rs)
}

// phoenixDate converts YYMMDD or YYYYMMDD to YYYY-MM-DD.
func phoenixDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	switch len(s) {
	case 6:
		yy, err := strconv.Atoi(s[:2])
		if err != nil {
			return "", false
		}
		if yy <= 20 {
			s = "20" + s
		} else {
			s = "19" + s
		}
	case 8:
	default:
		return "", false
	}
	t, err := time.Parse("20060102", s)
	if err != nil {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// phoenixPeople parses the Phoenix country actor dictionary (format in
// petrarch2 dictionaries.rst): a primary phrase line, "+synonym" lines, and
// tab-indented "[CODE date-restriction]" lines.
func phoenixPeople(path string, ct *countryTable) ([]*person, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	byKey := map[string]*person{}
	var cur *person
	var curSyn []string
	var curRoles []role
	flush := func() {
		if cur == nil || len(curRoles) == 0 {
			cur, curSyn, curRoles = nil, nil, nil
			return
		}
		key := norm(cur.aliases.name)
		p := byKey[key]
		if p == nil {
			p = cur
			byKey[key] = p
		}
		for _, s := range curSyn {
			p.aliases.add(s)
		}
	outer:
		for _, r := range curRoles {
			for _, x := range p.roles {
				if x.code == r.code && x.sector == r.sector && x.from == r.from && x.to == r.to {
					continue outer
				}
			}
			p.roles = append(p.roles, r)
		}
		cur, curSyn, curRoles = nil, nil, nil
	}
	cutoff := "2000-01-01"
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(strings.ReplaceAll(line, "\x1a", ""), "\r ")
		if c := strings.Index(line, "#"); c >= 0 {
			line = strings.TrimRight(line[:c], " \t")
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		switch {
		case line[0] == '+':
			if cur != nil {
				s := phoenixName(line[1:])
				if keepPhoenixAlias(s) {
					curSyn = append(curSyn, s)
				}
			}
		case line[0] == '\t' || line[0] == ' ':
			t := strings.TrimSpace(line)
			if cur == nil || !strings.HasPrefix(t, "[") || !strings.HasSuffix(t, "]") {
				continue
			}
			f := strings.Fields(t[1 : len(t)-1])
			if len(f) < 2 { // undated default code
				continue
			}
			code := f[0]
			restr := strings.Join(f[1:], "")
			var from, to string
			ok := true
			switch {
			case strings.HasPrefix(restr, ">"):
				from, ok = phoenixDate(restr[1:])
			case strings.HasPrefix(restr, "<"):
				to, ok = phoenixDate(restr[1:])
			case strings.Contains(restr, "-"):
				a, z, _ := strings.Cut(restr, "-")
				var ok2 bool
				from, ok = phoenixDate(a)
				to, ok2 = phoenixDate(z)
				ok = ok && ok2
			default:
				from, ok = phoenixDate(restr)
			}
			if !ok || len(code) < 6 || (to != "" && to < cutoff) || (from != "" && to != "" && to < from) {
				continue
			}
			country, sector := code[:3], code[3:6]
			if !phoenixSectors[sector] || !ct.knownCode(country) || specialCodes[country] {
				continue
			}
			curRoles = append(curRoles, role{code: country, sector: sector, from: from, to: to, where: fmt.Sprintf("%s:%d", path, i+1)})
		default:
			flush()
			phrase := line
			if j := strings.Index(phrase, "["); j >= 0 {
				continue // an entry with its own code: country, region or institution
			}
			name := phoenixName(phrase)
			if name == "" {
				continue
			}
			cur = &person{aliases: newAliasSet(name)}
		}
	}
	flush()
	out := make([]*person, 0, len(byKey))
	for _, p := range byKey {
		out = append(out, p)
	}
	return out, nil
}

func keepPhoenixAlias(s string) bool {
	if s == "" {
		return false
	}
	if !strings.Contains(s, " ") {
		if len([]rune(s)) < 5 || phoenixStop[strings.ToLower(s)] {
			return false
		}
	}
	return true
}
