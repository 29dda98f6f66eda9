package event

import (
	"sort"

	"github.com/warta-id/warta/doc"
)

// ParseFunc gives the dependency parse of a sentence's words: for each word
// the 1-based index of its head (0 for the root) and its Universal
// Dependencies relation ("nsubj", "obj", "obl:agent", …).
type ParseFunc func(words []string) (heads []int, rels []string, err error)

// syntax is the parse of one sentence in document token indices.
type syntax struct {
	first int
	heads []int    // head token (absolute index), -1 for the root
	rels  []string // relation of each token to its head
}

// parseSentence parses sentence si with c.Parse; nil when there is no
// parser or the parse fails.
func (c *Coder) parseSentence(d *doc.Document, si int) *syntax {
	if c.Parse == nil {
		return nil
	}
	s := d.Sentences[si]
	if s.LastToken <= s.FirstToken {
		return nil
	}
	words := make([]string, s.LastToken-s.FirstToken)
	for i := range words {
		words[i] = d.Tokens[s.FirstToken+i].Text
	}
	heads, rels, err := c.Parse(words)
	if err != nil || len(heads) != len(words) || len(rels) != len(words) {
		return nil
	}
	sy := &syntax{first: s.FirstToken, heads: make([]int, len(words)), rels: rels}
	for i, h := range heads {
		if h <= 0 || h > len(words) {
			sy.heads[i] = -1
		} else {
			sy.heads[i] = s.FirstToken + h - 1
		}
	}
	return sy
}

func (sy *syntax) head(t int) int   { return sy.heads[t-sy.first] }
func (sy *syntax) rel(t int) string { return sy.rels[t-sy.first] }
func (sy *syntax) n() int           { return len(sy.heads) }
func (sy *syntax) tok(i int) int    { return sy.first + i }

// dependents returns the tokens attached to t with one of the relations
// rels (exact names: "obl" does not match "obl:agent"), left to right.
func (sy *syntax) dependents(t int, rels ...string) []int {
	var out []int
	for i := 0; i < sy.n(); i++ {
		if sy.heads[i] != t {
			continue
		}
		for _, r := range rels {
			if sy.rels[i] == r {
				out = append(out, sy.tok(i))
				break
			}
		}
	}
	return out
}

// caseWord returns the lower-cased "case" dependent of t ("oleh",
// "dengan"), "" when it has none.
func (sy *syntax) caseWord(t int, infos []tokInfo) string {
	for _, c := range sy.dependents(t, "case") {
		return infos[c].lower
	}
	return ""
}

// mentionIndex maps each token to the actor-bearing mention covering it
// (-1 for none).
func mentionIndex(d *doc.Document) []int {
	at := make([]int, len(d.Tokens))
	for i := range at {
		at[i] = -1
	}
	for mi, m := range d.Mentions {
		if len(m.Actors) == 0 {
			continue
		}
		for t := m.FirstToken; t < m.LastToken && t < len(at); t++ {
			at[t] = mi
		}
	}
	return at
}

// nominalLinks are the relations inside a noun phrase through which a
// phrase's head reaches the mention that names its party: "juru bicara
// Kementerian Luar Negeri China" (nmod), "Presiden Joko Widodo" (flat).
var nominalLinks = set("nmod", "flat", "flat:name", "compound", "appos", "nmod:poss")

// phraseMention finds the mention that the phrase headed by t names: the
// mention covering t, else the first mention reached from t through
// noun-phrase links only.
func (sy *syntax) phraseMention(t int, at []int) int {
	if at[t] >= 0 {
		return at[t]
	}
	for i := 0; i < sy.n(); i++ {
		tok := sy.tok(i)
		if at[tok] < 0 {
			continue
		}
		// walk up from tok to t through nominal links
		for u, steps := tok, 0; steps < 6; steps++ {
			h := sy.head(u)
			if !nominalLinks[sy.rel(u)] || h < 0 {
				break
			}
			if len(sy.dependents(u, "case")) > 0 {
				// "ganja dari tersangka", "kerja sama di Paris": a
				// prepositional modifier names another party or a place
				break
			}
			if h == t {
				return at[tok]
			}
			u = h
		}
	}
	return -1
}

// phraseMentions returns the mentions named by the phrase headed by t and
// by the phrases coordinated with it ("Rusia dan China"), in text order.
func (sy *syntax) phraseMentions(t int, at []int) []int {
	var out []int
	seen := map[int]bool{}
	add := func(u int) {
		if mi := sy.phraseMention(u, at); mi >= 0 && !seen[mi] {
			seen[mi] = true
			out = append(out, mi)
		}
	}
	add(t)
	if len(out) == 0 {
		return nil
	}
	for _, c := range sy.dependents(t, "conj") {
		add(c)
	}
	return out
}

// withCoordinated extends the parse's mentions by the lists word order
// shows around them: the parser often attaches only the last conjunct of
// "Militer dan polisi menyerang" as the subject.
func withCoordinated(d *doc.Document, ms []int, infos []tokInfo, startAt, endAt map[int]int) []int {
	if len(ms) == 0 {
		return ms
	}
	seen := map[int]bool{}
	var out []int
	add := func(xs []int) {
		for _, x := range xs {
			if !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	for _, mi := range ms {
		add(coordinatedLeft(d, mi, infos, endAt))
		add(coordinatedRight(d, mi, infos, startAt))
	}
	sort.Slice(out, func(a, b int) bool { return d.Mentions[out[a]].FirstToken < d.Mentions[out[b]].FirstToken })
	return out
}

// argsOf returns the dependents with one of rels of the verb at v, or,
// when v has none and is a conjunct ("menyerang dan menduduki"), of the
// verb it is coordinated with.
func (sy *syntax) argsOf(v int, rels ...string) []int {
	for u, steps := v, 0; steps < 3 && u >= 0; steps++ {
		if ds := sy.dependents(u, rels...); len(ds) > 0 {
			return ds
		}
		if sy.rel(u) != "conj" {
			return nil
		}
		u = sy.head(u)
	}
	return nil
}

// parsedSubject finds the subject of the active verb at v from the parse:
// the mentions of its nsubj phrase (of the first verb's, for the second
// verb of "menyerang dan menduduki"). A relative pronoun subject ("yang")
// gives nothing: word order finds the noun it stands for.
func parsedSubject(sy *syntax, v int, infos []tokInfo, at []int) []int {
	if sy == nil {
		return nil
	}
	ds := sy.argsOf(v, "nsubj")
	if len(ds) == 0 {
		return nil
	}
	t := ds[0]
	if infos[t].lower == "yang" {
		return nil
	}
	return sy.phraseMentions(t, at)
}

// parsedObject finds the object of the verb at v: its obj, else an obl
// introduced by one of preps.
func parsedObject(sy *syntax, v int, infos []tokInfo, at []int, preps map[string]bool) []int {
	if sy == nil {
		return nil
	}
	for _, o := range sy.dependents(v, "obj") {
		if ms := sy.phraseMentions(o, at); len(ms) > 0 {
			return ms
		}
	}
	for _, o := range sy.dependents(v, "obl", "obl:arg") {
		if preps[sy.caseWord(o, infos)] {
			if ms := sy.phraseMentions(o, at); len(ms) > 0 {
				return ms
			}
		}
	}
	return nil
}

// targetPreps introduce a target phrase after a verb.
var targetPreps = set("dengan", "terhadap", "kepada", "ke", "atas", "melawan")

// actorMentions drops plain places (not capitals) from a subject: "Di
// Jakarta, …" names where, not who.
func actorMentions(d *doc.Document, ms []int) []int {
	var out []int
	for _, mi := range ms {
		if m := d.Mentions[mi]; m.Kind != doc.MentionPlace || isCapital(m) {
			out = append(out, mi)
		}
	}
	return out
}

// anyMention reports whether a party is named among tokens [from, to):
// without one there, a parse cannot find a subject (or an object) there
// either, and the sentence is not parsed.
func anyMention(at []int, from, to int) bool {
	for t := from; t < to && t < len(at); t++ {
		if at[t] >= 0 {
			return true
		}
	}
	return false
}
