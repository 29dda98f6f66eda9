package event

import (
	"sort"

	"github.com/warta-id/warta/doc"
)

// syntax is the dependency parse of one parsed sentence, read from the
// Head and Deprel of its tokens (set by the pipeline's parsing stage).
type syntax struct {
	first int
	toks  []doc.Token // the sentence's tokens; Head is an absolute index, -1 for the root
}

// sentenceSyntax returns the parse of sentence si, nil when the sentence
// is not parsed or its arcs do not stay inside it (a Document built by
// hand): the coder then finds the parties by word order alone.
func sentenceSyntax(d *doc.Document, si int) *syntax {
	s := d.Sentences[si]
	if !s.Parsed || s.FirstToken < 0 || s.LastToken > len(d.Tokens) || s.LastToken <= s.FirstToken {
		return nil
	}
	toks := d.Tokens[s.FirstToken:s.LastToken]
	for _, t := range toks {
		if t.Head != -1 && (t.Head < s.FirstToken || t.Head >= s.LastToken) {
			return nil
		}
	}
	return &syntax{first: s.FirstToken, toks: toks}
}

// anyParsed reports whether some sentence of d is parsed.
func anyParsed(d *doc.Document) bool {
	for _, s := range d.Sentences {
		if s.Parsed {
			return true
		}
	}
	return false
}

// CodeWithoutParse codes d as Code does but reads no dependency parse, and
// returns, in order, the sentences whose parse Code would read: those where
// an event verb finds no actor, or no recipient for an event that needs
// one, by word order, and a party is named where the parse could find it.
// It takes d as Code does (tokens lemmatised, mentions resolved, time
// expressions found). When it returns none, d is coded: d.Events holds
// what Code would give. Otherwise d.Events is empty and the mentions are
// as they were (coding may settle a mention's country), and the caller
// tags and parses those sentences and calls Code. The pipeline parses only
// these sentences, which codes the same events as parsing every sentence.
func (c *Coder) CodeWithoutParse(d *doc.Document) []int {
	var wants []int
	dry := *c
	dry.wants = &wants
	mentions := make([]doc.Mention, len(d.Mentions))
	for i, m := range d.Mentions {
		m.Actors = append([]doc.Actor(nil), m.Actors...)
		mentions[i] = m
	}
	dry.Code(d)
	if len(wants) > 0 {
		d.Events, d.Mentions = d.Events[:0], mentions
	}
	return wants
}

// readsParses reports whether coding d may read a parse: some sentence is
// parsed, or CodeWithoutParse is collecting the sentences that would be.
func (c *Coder) readsParses(d *doc.Document) bool {
	return c.wants != nil || anyParsed(d)
}

// mayParse reports whether coding sentence si may fall back on its parse.
func (c *Coder) mayParse(d *doc.Document, si int) bool {
	return c.wants != nil || d.Sentences[si].Parsed
}

// syntaxOf returns the parse of sentence si when coding asks for it the
// first time; under CodeWithoutParse it notes the sentence instead and
// returns nil.
func (c *Coder) syntaxOf(d *doc.Document, si int) *syntax {
	if c.wants != nil {
		*c.wants = append(*c.wants, si)
		return nil
	}
	return sentenceSyntax(d, si)
}

func (sy *syntax) head(t int) int   { return sy.toks[t-sy.first].Head }
func (sy *syntax) rel(t int) string { return sy.toks[t-sy.first].Deprel }
func (sy *syntax) n() int           { return len(sy.toks) }
func (sy *syntax) tok(i int) int    { return sy.first + i }

// dependents returns the tokens attached to t with one of the relations
// rels (exact names: "obl" does not match "obl:agent"), left to right.
func (sy *syntax) dependents(t int, rels ...string) []int {
	var out []int
	for i := 0; i < sy.n(); i++ {
		if sy.toks[i].Head != t {
			continue
		}
		for _, r := range rels {
			if sy.toks[i].Deprel == r {
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
// either, and the coder does not ask for the sentence's parse.
func anyMention(at []int, from, to int) bool {
	for t := from; t < to && t < len(at); t++ {
		if at[t] >= 0 {
			return true
		}
	}
	return false
}
