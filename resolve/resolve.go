// Package resolve finds actor and place mentions in a segmented, lemmatised
// Document and resolves them against the knowledge base.
//
// It takes d.Tokens/d.Sentences (with lemmas) and gives d.Mentions: each a
// token span with its kind and its coded actors ("Menteri Luar Negeri Iran
// Hussein Amir-Abdullahian" → IRN GOV, "pemerintah Barat" → WST GOV,
// "kedua negara" → the two countries last named, "Dia" → the last person)
// or its place (with GeoNames id and coordinates). Resolution is light and
// documented in Mention.Resolution so --explain can show why.
package resolve

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/kb"
	"github.com/warta-id/warta/morph"
	"github.com/warta-id/warta/ner"
)

// Resolver resolves mentions against a knowledge base.
type Resolver struct {
	KB    *kb.KB
	Morph *morph.Analyzer // lexicon used to tell unknown names from words; nil disables unknown names
	// NER returns the named-entity recogniser that decides what the
	// knowledge base cannot: whether an unknown capitalised name is a
	// person, an organisation or a place. It is called on the first
	// sentence that needs it; nil (or an error) keeps unknown names people.
	NER func() (*ner.Recognizer, error)
}

// piece is a raw knowledge-base match before composition.
type piece struct {
	first, last int // token range [first, last)
	kind        kb.Kind
	entries     []*kb.Entry
	pronoun     string // dia, ia, beliau, mereka
	both        bool   // "kedua negara"
	capseq      bool   // capitalised words not in the KB (a name)
	unknown     bool   // a name the KB does not know: a person of the focus country
	org         bool   // with unknown: the recogniser takes the name for an organisation
	count       int    // with both: how many countries ("ketiga" = 3; 0 means 2)
	group       bool   // with both: the last coordinated group of states
}

var countWords = words.list("countwords")

// linkWords join an agent noun to its country: "dari", "asal", "negara",
// "milik" (belonging to).
var linkWords = words.list("linkwords")

var pronouns = words.list("pronouns")

// speechVerbs introduce the speaker after a quotation ("…," kata X).
var speechVerbs = words.list("speechverbs")

// words that may start a capitalised name sequence but are not names.
var notName = words.list("notname")

// Resolve fills d.Mentions. published is used to pick people's roles.
func (r *Resolver) Resolve(d *doc.Document) {
	d.Mentions = d.Mentions[:0]
	st := &state{r: r, d: d, local: map[string]*localName{}, nerNames: map[string]string{}}
	st.home = r.homeCountry(d)
	if d.Dateline != nil && d.Dateline.Location != "" {
		d.Dateline.Place = r.PlaceOf(d.Dateline.Location, nil)
	}
	if f := st.focusCountry(); f != "" {
		st.home = f
	}
	d.Focus = st.home
	for si := range d.Sentences {
		st.sentence(si)
	}
	st.quotationRuns()
}

// focusCountry is the country the article is most about: the country
// named most often (directly, through its places, its organisations or its
// people). Bare agent nouns ("pemerintah", "polisi") default to it.
func (st *state) focusCountry() string {
	count := map[string]int{}
	first := map[string]int{}
	n := 0
	for si := range st.d.Sentences {
		s := st.d.Sentences[si]
		for i := s.FirstToken; i < s.LastToken; {
			p, ok := st.match(i, s.LastToken)
			if !ok {
				i++
				continue
			}
			i = p.last
			var code string
			switch p.kind {
			case kb.Country, kb.Place:
				code = p.entries[0].Code
			case kb.Org:
				code = p.entries[0].Code
			case kb.Person:
				if r, ok := p.entries[0].RoleAt(st.d.Published); ok {
					code = r.Code
				}
			}
			if !validCountry(code) {
				continue
			}
			if _, ok := first[code]; !ok {
				first[code] = n
			}
			n++
			count[code]++
		}
	}
	if st.d.Dateline != nil && st.d.Dateline.Place != nil && validCountry(st.d.Dateline.Place.Country) {
		// The dateline's country breaks ties: an Indonesian outlet writing
		// from Jakarta about one foreign embassy is still a Jakarta story.
		c := st.d.Dateline.Place.Country
		count[c]++
		if _, ok := first[c]; !ok {
			first[c] = -1
		}
	}
	best := ""
	for c, k := range count {
		if best == "" || k > count[best] || k == count[best] && first[c] < first[best] {
			best = c
		}
	}
	return best
}

type localName struct {
	actors []doc.Actor
}

type state struct {
	memo  []matchMemo // KB matches by token, filled by match
	r     *Resolver
	d     *doc.Document
	home  string
	local map[string]*localName // doc-local aliases (surnames after a full mention)
	// recent mentions for coreference
	lastPerson *doc.Mention
	lastNamed  int // sentence of the last named person
	lastGroup  []doc.Actor
	lastStates []string            // the states of the last sentence that named two or more
	countries  []string            // distinct countries in order of last mention
	speakers   map[int][]doc.Actor // the speaker a sentence names for its quotation
	rec        *ner.Recognizer     // the recogniser, once asked for (nerAsked)
	nerAsked   bool
	named      bool              // the naming stage labelled d: tags reads Token.NER
	nerNames   map[string]string // the recogniser's label of each unknown name, by normalised name
}

func isUpperStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// arabicArticle returns the name after an Arabic article written in lower
// case and joined by a hyphen ("al-Hashemi" → "Hashemi", "el-Sisi"), and
// "" for any other word. Such a word continues a name ("Tareq
// al-Hashemi") and is called by what follows the article later.
func arabicArticle(w string) string {
	art, rest, ok := strings.Cut(w, "-")
	if !ok || !isUpperStart(rest) {
		return ""
	}
	switch art {
	case "al", "el", "ad", "ar", "as", "at", "an", "az", "ash", "ul":
		return rest
	}
	return ""
}

func isAllUpper(s string) bool {
	has := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			has = true
		}
	}
	return has
}

func properKind(k kb.Kind) bool { return k != kb.Agent }

// match finds the longest knowledge-base alias at token i (within sentence
// end e, fixed for a token). The focus pass and the sentence pass ask for
// the same positions, so results are kept per token.
func (st *state) match(i, e int) (piece, bool) {
	if st.memo == nil {
		st.memo = make([]matchMemo, len(st.d.Tokens))
	}
	if mm := &st.memo[i]; mm.done {
		return mm.p, mm.ok
	}
	p, ok := st.matchKB(i, e)
	st.memo[i] = matchMemo{done: true, p: p, ok: ok}
	return p, ok
}

type matchMemo struct {
	done, ok bool
	p        piece
}

func (st *state) matchKB(i, e int) (piece, bool) {
	toks := st.d.Tokens
	t := toks[i]
	if t.Kind != doc.Word && t.Kind != doc.Abbrev {
		return piece{}, false
	}
	if i+1 < e && strings.HasPrefix(toks[i+1].Text, "$") && toks[i+1].Start == t.End {
		return piece{}, false // "US$ 8 juta" is a currency, not a country
	}
	w := kb.Norm(t.Text)
	maxw := st.r.KB.MaxWords(w)
	words := make([]string, 0, 8)
	for n := maxw; n >= 1; n-- {
		if i+n > e {
			continue
		}
		words = words[:0]
		ok := true
		for j := i; j < i+n; j++ {
			if toks[j].Text == "-" && j > i && j+1 < i+n && toks[j+1].Kind == doc.Word && len(words) > 0 {
				// "Kim Jong - un", "Tsai Ing - wen": a hyphen spaced out by
				// the source's tokenisation joins the words again.
				words[len(words)-1] += "-" + kb.Norm(toks[j+1].Text)
				j++
				continue
			}
			if toks[j].Kind != doc.Word && toks[j].Kind != doc.Abbrev && toks[j].Kind != doc.Number {
				ok = false
				break
			}
			words = append(words, kb.Norm(toks[j].Text))
		}
		if !ok {
			continue
		}
		if p, ok := st.filter(st.r.KB.LookupWords(words), i, i+n); ok {
			return p, true
		}
	}
	// Clitic-stripped single word: "timpalannya", "pemerintahnya".
	if t.Clitic != "" && strings.HasSuffix(strings.ToLower(t.Text), t.Clitic) {
		base := kb.Norm(t.Text[:len(t.Text)-len(t.Clitic)])
		if p, ok := st.filter(st.r.KB.Lookup(base), i, i+1); ok {
			return p, true
		}
	}
	return piece{}, false
}

// filter applies capitalisation rules and groups entries by kind.
func (st *state) filter(es []*kb.Entry, first, last int) (piece, bool) {
	if len(es) == 0 {
		return piece{}, false
	}
	toks := st.d.Tokens
	text := toks[first].Text
	// A proper name must be capitalised: the first word, or for a longer
	// alias any word ("negara-negara Barat", "pemerintah Indonesia").
	upper := false
	for j := first; j < last; j++ {
		if isUpperStart(toks[j].Text) {
			upper = true
			break
		}
	}
	short := last-first == 1 && utf8.RuneCountInString(text) <= 3
	var kept []*kb.Entry
	for _, e := range es {
		if properKind(e.Kind) {
			if !upper {
				continue
			}
			if short && !isAllUpper(text) {
				continue // "As", "Ri" are not AS, RI
			}
		}
		kept = append(kept, e)
	}
	if len(kept) == 0 {
		return piece{}, false
	}
	// One kind per piece: prefer person > org/bloc > country > agent > place.
	rank := func(k kb.Kind) int {
		switch k {
		case kb.Person:
			return 0
		case kb.Org, kb.Bloc:
			return 1
		case kb.Country:
			return 2
		case kb.Agent:
			return 3
		}
		return 4
	}
	sort.SliceStable(kept, func(a, b int) bool { return rank(kept[a].Kind) < rank(kept[b].Kind) })
	k := kept[0].Kind
	var same []*kb.Entry
	for _, e := range kept {
		if e.Kind == k || (k == kb.Org && e.Kind == kb.Bloc) {
			same = append(same, e)
		}
	}
	return piece{first: first, last: last, kind: k, entries: same}, true
}

func (st *state) sentence(si int) {
	d := st.d
	s := d.Sentences[si]
	toks := d.Tokens
	var pieces []piece
	for i := s.FirstToken; i < s.LastToken; {
		t := toks[i]
		lw := strings.ToLower(t.Text)
		if pronouns[lw] && t.Kind == doc.Word {
			pieces = append(pieces, piece{first: i, last: i + 1, pronoun: lw})
			i++
			continue
		}
		// "ketiga negara", "tiga negara", "ketiga menteri luar negeri": the
		// last three countries
		if (lw == "ketiga" || lw == "tiga" || lw == "keempat" || lw == "empat") && i+1 < s.LastToken {
			n := 3
			if lw == "keempat" || lw == "empat" {
				n = 4
			}
			nx := strings.ToLower(toks[i+1].Text)
			if nx == "negara" || nx == "pemerintah" || nx == "pihak" {
				pieces = append(pieces, piece{first: i, last: i + 2, both: true, count: n})
				i += 2
				continue
			}
			// "tiga tentara Suriah" is a count; only "ketiga menteri" refers back
			if p, ok := st.match(i+1, s.LastToken); ok && p.kind == kb.Agent && strings.HasPrefix(lw, "ke") {
				p.first, p.both, p.count = i, true, n
				pieces = append(pieces, p)
				i = p.last
				continue
			}
		}
		// "negara-negara tersebut/itu": the group of countries last named
		if (lw == "negara-negara" || lw == "negara") && i+1 < s.LastToken {
			nx := strings.ToLower(toks[i+1].Text)
			if (nx == "tersebut" || nx == "itu") && len(st.lastStates) >= 2 {
				pieces = append(pieces, piece{first: i, last: i + 2, both: true, count: len(st.lastStates), group: true})
				i += 2
				continue
			}
		}
		// "dua orang", "seorang": counted people are civilians of the story,
		// unless a longer agent starts there ("enam orang bersenjata" are
		// gunmen, "dua orang tak dikenal" unidentified)
		if lw == "orang" && i > s.FirstToken && (toks[i-1].Kind == doc.Number || countWords[strings.ToLower(toks[i-1].Text)]) &&
			!st.longerAgentAt(i, s.LastToken) {
			if e := st.r.KB.Lookup("warga"); len(e) > 0 {
				pieces = append(pieces, piece{first: i, last: i + 1, kind: kb.Agent, entries: e[:1]})
				i++
				continue
			}
		}
		if lw == "kedua" && i+1 < s.LastToken {
			nx := strings.ToLower(toks[i+1].Text)
			if nx == "negara" || nx == "pemerintah" || nx == "pihak" || nx == "negeri" {
				pieces = append(pieces, piece{first: i, last: i + 2, both: true})
				i += 2
				continue
			}
			// "kedua menlu (itu)": the agents of the last two countries
			if p, ok := st.match(i+1, s.LastToken); ok && p.kind == kb.Agent {
				p.first, p.both = i, true
				pieces = append(pieces, p)
				i = p.last
				continue
			}
		}
		if p, ok := st.match(i, s.LastToken); ok {
			pieces = append(pieces, p)
			i = p.last
			continue
		}
		// Document-local names (surnames after a full mention).
		if t.Kind == doc.Word && isUpperStart(t.Text) {
			if n, ok := st.localMatch(i, s.LastToken); ok {
				pieces = append(pieces, n)
				i = n.last
				continue
			}
			if orgHeads[lw] {
				// "Lembaga Hak Asasi Manusia Amnesty Watch", "Perhimpunan
				// Bangsa Asia Tenggara": an organisation the knowledge base
				// does not know is no person, and its country is not the
				// article's: its capitalised words are skipped up to a name
				// the knowledge base knows ("Komisi Nasional HAM Filipina").
				j := i + 1
				for j < s.LastToken && toks[j].Kind == doc.Word && isUpperStart(toks[j].Text) && !notName[strings.ToLower(toks[j].Text)] {
					if _, ok := st.match(j, s.LastToken); ok {
						break
					}
					j++
				}
				if j > i+1 {
					i = j
					continue
				}
			}
			if end := st.unknownName(i, s); end > i {
				// The recogniser decides what the word-order rules cannot:
				// an unknown place ("Baltistan") is no actor, an unknown
				// organisation is no person.
				l := ""
				if n := len(pieces); end == i+1 && (n == 0 || pieces[n-1].last != i || pieces[n-1].kind != kb.Agent && pieces[n-1].kind != kb.Org) {
					// Only single words are asked about ("Baltistan",
					// "Reuters"): longer runs are mostly people's names.
					// A name right after a role or an institution is one
					// of its people: "Menlu Turki Hakan Fidan".
					l = st.nerLabel(si, i, end)
				}
				if l == "LOC" {
					i = end
					continue
				}
				pieces = append(pieces, piece{first: i, last: end, kind: kb.Person, capseq: true, unknown: true, org: l == "ORG"})
				i = end
				continue
			}
			// A name the word-order rules took for a word ("Nadir", "Sri
			// Rahayu") that the recogniser finds to be a person's.
			if end := st.nerPerson(si, i); end > i {
				pieces = append(pieces, piece{first: i, last: end, kind: kb.Person, capseq: true, unknown: true})
				i = end
				continue
			}
		}
		i++
	}
	st.compose(si, pieces)
}

// placeWords precede a place's name, not a person's: "di Palawan", "Kota
// Rayhanli".
var placeWords = words.list("placewords")

// unknownName returns the end of a run of capitalised words at i that looks
// like a personal name the knowledge base does not know ("Ipung", "Abdul
// Jabbar"), or i when it does not. Words after locative prepositions are
// places, not people; a sentence-initial word must not be a dictionary word.
func (st *state) unknownName(i int, s doc.Sentence) int {
	toks := st.d.Tokens
	if st.r.Morph == nil {
		return i
	}
	if i > s.FirstToken && placeWords[strings.ToLower(toks[i-1].Text)] {
		return i
	}
	end := st.capSeq(i, s.LastToken)
	if end-i > 4 {
		return i
	}
	for j := i; j < end; j++ {
		w := strings.ToLower(toks[j].Text)
		if isAllUpper(toks[j].Text) && utf8.RuneCountInString(toks[j].Text) > 1 {
			return i // acronyms are organisations or places, not people
		}
		// Mid-sentence, a capitalised word is a name part unless it is a
		// root of the lexicon ("Jalan", "Kota"); at the start of a sentence
		// any analysable word ("Pertemuan", "Ketiganya") is taken as a word.
		// the first word of the sentence, or of a quotation
		initial := j == s.FirstToken || j > s.FirstToken && strings.ContainsAny(toks[j-1].Text, "\"“‘'(")
		inside := j > i // a later word of a name may be a word too ("Mohamad Hasan")
		startsLikeName := !inside && j+1 < end && !st.r.Morph.IsRoot(strings.ToLower(toks[j+1].Text)) && !notName[strings.ToLower(toks[j+1].Text)]
		if notName[w] || !inside && !startsLikeName && (st.r.Morph.IsRoot(w) || initial && st.r.Morph.Analyze(w).Known) {
			// A dictionary word: not a name unless inside a longer name
			// that starts with a non-word ("Abdul Majid").
			if j == i {
				return i
			}
			end = j
			break
		}
	}
	return end
}

func (st *state) localMatch(i, e int) (piece, bool) {
	toks := st.d.Tokens
	for n := 3; n >= 1; n-- {
		if i+n > e {
			continue
		}
		var ws []string
		for j := i; j < i+n; j++ {
			ws = append(ws, kb.Norm(toks[j].Text))
		}
		if _, ok := st.local[strings.Join(ws, " ")]; ok {
			return piece{first: i, last: i + n, kind: kb.Person, capseq: true}, true
		}
	}
	return piece{}, false
}

// capSeq returns the end of a run of capitalised name words starting at i.
func (st *state) capSeq(i, e int) int {
	toks := st.d.Tokens
	j := i
	for j < e {
		t := toks[j]
		if t.Kind != doc.Word || !(isUpperStart(t.Text) || j > i && arabicArticle(t.Text) != "") || notName[strings.ToLower(t.Text)] {
			break
		}
		j++
	}
	return j
}

// compose merges adjacent pieces into mentions: agent + country/org/bloc +
// person/name, "agent dari country", and resolves pronouns.
func (st *state) compose(si int, pieces []piece) {
	d := st.d
	toks := d.Tokens
	s := d.Sentences[si]
	firstMention := len(d.Mentions) // this sentence's mentions are d.Mentions[firstMention:]
	var before []doc.Actor          // the last person named before this sentence ("…," katanya)
	if st.lastPerson != nil {
		before = cloneActors(st.lastPerson.Actors)
	}
	for pi := 0; pi < len(pieces); pi++ {
		p := pieces[pi]
		m := doc.Mention{Sentence: si, FirstToken: p.first, LastToken: p.last}
		var why []string
		switch {
		case p.pronoun != "":
			m.Kind = doc.MentionPronoun
			if p.pronoun == "kami" || p.pronoun == "saya" || p.pronoun == "kita" {
				// first person: the speaker of the quotation, found after
				// the sentence is composed (speakerPass)
				why = append(why, "first person → the speaker")
			} else if p.pronoun == "keduanya" {
				// "keduanya" (the two of them): the last two parties named,
				// people or states
				m.Actors = st.lastTwoParties()
				if len(m.Actors) == 2 {
					why = append(why, "'keduanya' → the last two parties named")
				}
			} else if p.pronoun == "mereka" {
				if g := st.sentenceGroup(si); len(g) >= 2 {
					m.Actors = g
					why = append(why, "pronoun 'mereka' → the parties named earlier in the sentence")
					if c := st.clauseSubject(si, p.first); c != "" {
						// "pemerintah menolak untuk menerima mereka": an
						// object pronoun is not its own clause's subject
						var rest []doc.Actor
						for _, a := range g {
							if a.Code != c {
								rest = append(rest, a)
							}
						}
						if len(rest) > 0 {
							m.Actors = rest
							why = append(why, "not the subject of its clause ("+c+")")
						}
					}
				} else {
					m.Actors = dedupCodes(st.lastGroup)
					why = append(why, "pronoun 'mereka' → last group")
				}
			} else if st.lastPerson != nil {
				m.Actors = cloneActors(st.lastPerson.Actors)
				why = append(why, "pronoun '"+p.pronoun+"' → "+st.lastPerson.Text)
			}
		case p.both && p.kind == kb.Agent:
			m.Kind = doc.MentionAgent
			cs := st.lastPeople(p)
			if cs == nil {
				cs = st.lastN(p)
			}
			for _, c := range cs {
				m.Actors = append(m.Actors, doc.Actor{Code: c, Sector: p.entries[0].Sector})
			}
			why = append(why, "'"+spanText(d, p.first, p.first+1)+" "+p.entries[0].Name+"' → agents of the countries last named")
			// "Ketiga menteri luar negeri dari negara-negara tersebut"
			if pi+1 < len(pieces) && pieces[pi+1].both && pieces[pi+1].first <= p.last+1 {
				m.LastToken = pieces[pi+1].last
				pi++
			}
		case p.both:
			m.Kind = doc.MentionCountry
			for _, c := range st.lastN(p) {
				m.Actors = append(m.Actors, doc.Actor{Code: c, Name: st.countryName(c)})
			}
			why = append(why, "'"+spanText(d, p.first, p.last)+"' → the countries last named")
		case p.kind == kb.Agent:
			m.Kind = doc.MentionAgent
			sector := p.entries[0].Sector
			why = append(why, "agent '"+p.entries[0].Name+"' → "+sector+" ("+p.entries[0].Source+")")
			// Absorb following modifiers: another agent word ("menteri" + "luar negeri" handled by
			// the KB); "dari" + country; a country/org/bloc; then a person or capitalised name.
			next := pi + 1
			var codeActors []doc.Actor
			last := p.last
			if next < len(pieces) && pieces[next].first == last && (pieces[next].kind == kb.Agent) {
				// "pemerintah" + "militer"? keep the more specific (later)
				// sector; "teroris kelompok …" stays REB
				if s2 := pieces[next].entries[0].Sector; s2 != "-" || sector == "" {
					sector = s2
				}
				last = pieces[next].last
				next++
			}
			gap := last
			// "timpalannya dari Venezuela", "tahanan asal Amerika Serikat"
			for gap < s.LastToken && gap < last+2 && linkWords[strings.ToLower(toks[gap].Text)] {
				gap++
			}
			// "Satgas 115 milik Susi": a unit belongs to whom it is "milik"
			owner := false
			if gap == last && gap+2 < s.LastToken && toks[gap].Kind == doc.Number && strings.EqualFold(toks[gap+1].Text, "milik") {
				gap += 2
				owner = true
			} else if gap == last+1 && strings.EqualFold(toks[last].Text, "milik") {
				owner = true
			}
			// "massa yang tergabung dalam HTI": the group's organisation
			if gap+3 <= s.LastToken && strings.EqualFold(toks[gap].Text, "yang") && strings.EqualFold(toks[gap+1].Text, "tergabung") &&
				(strings.EqualFold(toks[gap+2].Text, "dalam") || strings.EqualFold(toks[gap+2].Text, "di")) {
				gap += 3
			}
			// "pemerintah persatuan nasional baru Palestina": up to three
			// plain modifiers between the role and its country
			if next < len(pieces) && pieces[next].first > gap && pieces[next].first-gap <= 3 &&
				(pieces[next].kind == kb.Country || pieces[next].kind == kb.Org || pieces[next].kind == kb.Bloc) && st.plainModifiers(gap, pieces[next].first) {
				gap = pieces[next].first
			}
			// "Perdana Menteri untuk Azad Jammu dan Kashmir": the place a
			// role is for, like a place right after it ("polisi Jakarta")
			placeNext := gap == p.last
			if gap == last && gap+1 < s.LastToken && next < len(pieces) && pieces[next].kind == kb.Place &&
				pieces[next].first == gap+1 && strings.EqualFold(toks[gap].Text, "untuk") {
				gap++
				placeNext = true
			}
			if next < len(pieces) && pieces[next].first == gap {
				q := pieces[next]
				switch {
				case q.kind == kb.Country || q.kind == kb.Org || q.kind == kb.Bloc:
					codeActors = st.entryActors(q, "")
					last = q.last
					next++
					why = append(why, "code from '"+spanText(d, q.first, q.last)+"'")
				case q.both:
					if n := len(st.countries); n >= 2 {
						for _, c := range st.countries[n-2:] {
							codeActors = append(codeActors, doc.Actor{Code: c})
						}
					}
					last = q.last
					next++
					why = append(why, "code from 'kedua …'")
				case q.kind == kb.Place && capitalOf(q) != "":
					codeActors = []doc.Actor{{Code: capitalOf(q)}}
					last = q.last
					next++
				case q.kind == kb.Person && owner && !q.unknown && !q.capseq:
					if as := st.personActors(q); len(as) > 0 && validCountry(as[0].Code) {
						codeActors = []doc.Actor{{Code: as[0].Code}}
						last = q.last
						next++
						why = append(why, "code from its owner '"+spanText(d, q.first, q.last)+"'")
					}
				case q.kind == kb.Place && placeNext && localAgent[sector]:
					// "rakyat Gaza", "warga Rakhine", "polisi Jakarta": people
					// and local authorities of a place belong to its country
					if pl := st.place(q); validCountry(pl.Country) {
						codeActors = []doc.Actor{{Code: pl.Country}}
						last = q.last
						next++
						why = append(why, "code from place '"+spanText(d, q.first, q.last)+"' ("+pl.Country+")")
					}
				}
			}
			// A person or a capitalised name right after.
			var person *doc.Actor
			if next < len(pieces) && pieces[next].first == last && pieces[next].kind == kb.Person {
				q := pieces[next]
				if q.unknown {
					// "Menteri Luar Negeri Turki Hakan Fidan": a name the KB
					// does not know takes the role's country.
					person = &doc.Actor{Name: spanText(d, q.first, q.last)}
					why = append(why, "name '"+person.Name+"'")
				} else if as := st.personActors(q); len(as) > 0 {
					person = &as[0]
					why = append(why, "person '"+spanText(d, q.first, q.last)+"'")
				}
				last = q.last
				next++
			} else if end := st.capSeq(last, s.LastToken); end > last && (next >= len(pieces) || pieces[next].first >= end) {
				name := spanText(d, last, end)
				st.local[kb.Norm(name)] = &localName{}
				if end-last >= 2 {
					st.local[kb.Norm(toks[end-1].Text)] = &localName{}
				}
				last = end
				why = append(why, "name '"+name+"'")
			}
			pi = next - 1
			m.LastToken = last
			if sector == "-" && len(codeActors) == 0 {
				// "kelompok Abu Nusaibah": no organisation to take a sector from
				sector = ""
			}
			switch {
			case len(codeActors) > 0:
				for _, a := range codeActors {
					sec := sector
					if sec == "-" {
						// "anggota FWKB": members take the organisation's sector
						sec = a.Sector
					}
					m.Actors = append(m.Actors, doc.Actor{Code: a.Code, Sector: sec})
				}
				if person != nil && len(m.Actors) == 1 {
					m.Actors[0].Name, m.Actors[0].Wikidata = person.Name, person.Wikidata
					m.Kind = doc.MentionPerson
				}
			case person != nil && person.Code != "":
				a := *person
				if sector != "" && sector != "-" {
					a.Sector = sector
				}
				m.Actors = []doc.Actor{a}
				m.Kind = doc.MentionPerson
			case person != nil:
				// Unknown name with a role but no country: the article's focus.
				m.Actors = []doc.Actor{{Code: st.home, Sector: sector, Name: person.Name}}
				m.Kind = doc.MentionPerson
				why = append(why, "country from article focus ("+st.home+")")
				m.CountryGuessed = true
			default:
				// Agent without a country: the story's home country.
				if sector == "-" {
					sector = ""
				}
				if foreignAgent(d, p, last) {
					// "pekerja asing", "media asing": foreigners of no
					// stated country are left uncoded
					why = append(why, "foreign, country not stated")
					break
				}
				if c := st.possessor(si, p); c != "" {
					// "Pemerintah Kanada meminta maaf kepada warganya": -nya
					// points back to the party named before it.
					m.Actors = []doc.Actor{{Code: c, Sector: sector}}
					why = append(why, "'-nya' → "+c+", named earlier in the sentence")
				} else if c := st.sentenceState(firstMention, p.first, sector); c != "" {
					m.Actors = []doc.Actor{{Code: c, Sector: sector}}
					why = append(why, "the one state named earlier in the sentence ("+c+")")
					m.CountryGuessed = true
				} else if c := st.speakerState(firstMention, p.first, sector); c != "" {
					// "X, Perdana Menteri …, mengungkapkan pemerintah telah
					// mengevakuasi 8.000 warga": the speaker's own state
					m.Actors = []doc.Actor{{Code: c, Sector: sector}}
					why = append(why, "the state of the speaker ("+c+")")
					m.CountryGuessed = true
				} else if st.home != "" {
					m.Actors = []doc.Actor{{Code: st.home, Sector: sector}}
					why = append(why, "country from article context ("+st.home+")")
					m.CountryGuessed = true
				}
			}
		case p.kind == kb.Person && p.unknown && p.org:
			// An organisation the knowledge base does not know: of the
			// article's focus country, like an unknown person, but never
			// the antecedent of "dia" nor a surname.
			m.Kind = doc.MentionOrg
			if st.home != "" {
				m.Actors = []doc.Actor{{Code: st.home, Name: spanText(d, p.first, p.last)}}
				why = append(why, "organisation (recogniser) not in the knowledge base; country from article focus ("+st.home+")")
				m.CountryGuessed = true
			}
		case p.kind == kb.Person && p.unknown:
			m.Kind = doc.MentionPerson
			name := spanText(d, p.first, p.last)
			if ln := st.local[kb.Norm(name)]; ln != nil && len(ln.actors) > 0 {
				// "Jenderal Soemitro dalam bukunya “Soemitro …”": the name
				// was just given with its role earlier in the sentence
				m.Actors = cloneActors(ln.actors)
				why = append(why, "surname after full mention")
				break
			}
			if st.home != "" {
				// A person named in full with no role, title or
				// organisation is a civilian (PLOVER CVL: "unarmed domestic
				// entities that lack affiliation"); an apposition or an
				// institution may still give the role (apposition,
				// memberOf, roleBefore).
				// A single unknown word ("Yasukuni") may be anything.
				m.Actors = []doc.Actor{{Code: st.home, Name: name}}
				why = append(why, "name not in the knowledge base")
				if p.last-p.first >= 2 && !strings.EqualFold(d.Tokens[p.first].Text, "the") {
					// ("The Royal Navy" is no one's name)
					m.Actors[0].Sector = "CVL"
					why[len(why)-1] += ", no role stated: civilian"
				}
				why = append(why, "country from article focus ("+st.home+")")
				m.CountryGuessed = true
			}
			st.local[kb.Norm(name)] = &localName{actors: cloneActors(m.Actors)}
			if p.last-p.first >= 2 {
				st.local[kb.Norm(d.Tokens[p.last-1].Text)] = &localName{actors: cloneActors(m.Actors)}
			}
		case p.kind == kb.Person:
			m.Kind = doc.MentionPerson
			if p.capseq {
				// doc-local name: reuse the actor of the full mention if known
				if ln := st.local[kb.Norm(spanText(d, p.first, p.last))]; ln != nil && len(ln.actors) > 0 {
					m.Actors = cloneActors(ln.actors)
					why = append(why, "surname after full mention")
				}
			} else {
				m.Actors = st.personActors(p)
				why = append(why, "person ("+p.entries[0].Source+")")
			}
			// "Maduro, Presiden Venezuela" apposition is left to the coder.
		case p.kind == kb.Country || p.kind == kb.Org || p.kind == kb.Bloc:
			m.Kind = doc.MentionCountry
			if p.kind == kb.Org {
				m.Kind = doc.MentionOrg
			} else if p.kind == kb.Bloc {
				m.Kind = doc.MentionBloc
			}
			m.Actors = st.entryActors(p, "")
			why = append(why, p.kind.String()+" ("+p.entries[0].Source+")")
			if p.kind == kb.Org && pi+1 < len(pieces) && pieces[pi+1].first == p.last && pieces[pi+1].kind == kb.Person &&
				pieces[pi+1].unknown && len(m.Actors) == 1 && validCountry(m.Actors[0].Code) {
				// "Ketua Komisi I DPR RI Abdul Kharis": a name the KB does
				// not know, right after its institution, is one of its people
				q := pieces[pi+1]
				name := spanText(d, q.first, q.last)
				m.Actors[0].Name = name
				m.Kind = doc.MentionPerson
				m.LastToken = q.last
				why = append(why, "name '"+name+"'")
				pi++
			}
			// Country + agent: "Iran pemerintah"? rare; country + person: "Venezuela Nicolas Maduro" handled by agent path.
		case p.kind == kb.Place:
			m.Kind = doc.MentionPlace
			pl := st.place(p)
			m.Place = &pl
			if c := capitalOf(p); c != "" {
				m.Actors = []doc.Actor{{Code: c, Sector: "GOV", Name: st.countryName(c)}}
				why = append(why, "capital of "+c)
			} else if validCountry(pl.Country) {
				// A place can be the target of an event ("menyerang Gaza",
				// "berkunjung ke Caracas"): it stands for its country.
				m.Actors = []doc.Actor{{Code: pl.Country, Name: pl.Name}}
				why = append(why, "place in "+pl.Country)
			}
		default:
			continue
		}
		m.Start = toks[m.FirstToken].Start
		m.End = toks[m.LastToken-1].End
		m.Text = d.Text[m.Start:m.End]
		for i := range m.Actors {
			m.Actors[i].Text = m.Text
		}
		m.Resolution = strings.Join(why, "; ")
		d.Mentions = append(d.Mentions, m)
		st.remember(&d.Mentions[len(d.Mentions)-1])
		if len(d.Mentions)-2 >= firstMention {
			st.apposition(&d.Mentions[len(d.Mentions)-2], &d.Mentions[len(d.Mentions)-1])
			st.memberOf(&d.Mentions[len(d.Mentions)-2], &d.Mentions[len(d.Mentions)-1])
			st.sharedHead(&d.Mentions[len(d.Mentions)-2], &d.Mentions[len(d.Mentions)-1])
			st.memberFrom(&d.Mentions[len(d.Mentions)-2], &d.Mentions[len(d.Mentions)-1])
		}
		if m.Kind == doc.MentionPerson {
			st.roleBefore(firstMention, &d.Mentions[len(d.Mentions)-1])
		}
	}
	sentMentions := d.Mentions[firstMention:]
	st.speakerPass(si, sentMentions, before)
	// Groups for "mereka": coordinated actor mentions in this sentence.
	var group []doc.Actor
	for _, m := range sentMentions {
		if m.Kind != doc.MentionPlace {
			group = append(group, m.Actors...)
		}
	}
	if len(group) >= 2 {
		st.lastGroup = group
	}
	// A coordinated list of states ("Amerika Serikat, Australia dan Jepang")
	// is what a later "ketiga negara" or "negara-negara tersebut" means.
	var run []string
	flushRun := func() {
		if len(run) >= 2 {
			st.lastStates = run
		}
		run = nil
	}
	prevEnd := -1
	for _, m := range sentMentions {
		if len(m.Actors) != 1 || !validCountry(m.Actors[0].Code) || m.Kind == doc.MentionPlace {
			flushRun()
			prevEnd = -1
			continue
		}
		joined := prevEnd >= 0
		for j := prevEnd; joined && j < m.FirstToken; j++ {
			w := strings.ToLower(d.Tokens[j].Text)
			if w != "," && w != "dan" && w != "serta" {
				joined = false
			}
		}
		if !joined {
			flushRun()
		}
		run = append(run, m.Actors[0].Code)
		prevEnd = m.LastToken
	}
	flushRun()
}

// lastN returns the countries a "kedua"/"ketiga"/"negara-negara tersebut"
// piece refers to.
func (st *state) lastN(p piece) []string {
	if p.group {
		return append([]string(nil), st.lastStates...)
	}
	n := p.count
	if n == 0 {
		n = 2
	}
	if len(st.lastStates) == n {
		// the last sentence that named several states named exactly these
		return append([]string(nil), st.lastStates...)
	}
	if len(st.countries) < n {
		return nil
	}
	return st.countries[len(st.countries)-n:]
}

// clauseOpeners start a new clause whose subject may follow.
var clauseOpeners = words.list("clauseopeners")

// stateAgentSector marks the sectors of a state's own bodies.
var stateAgentSector = map[string]bool{"GOV": true, "COP": true, "MIL": true, "JUD": true, "LEG": true, "SPY": true}

// sentenceState returns the country a bare state body ("pemerintah",
// "polisi") opening a clause at token tok belongs to when its sentence named
// exactly one state by name before it: "Ribuan pengungsi menuju
// Bangladesh, tapi pemerintah menolak …". The sentence's mentions start at
// d.Mentions[from].
func (st *state) sentenceState(from, tok int, sector string) string {
	if !stateAgentSector[sector] || tok == 0 || !clauseOpeners[strings.ToLower(st.d.Tokens[tok-1].Text)] {
		// only the subject of a new clause: in "Perancis mengundang Menteri
		// Luar Negeri …" the minister is the object, and another state's
		return ""
	}
	c := ""
	for _, m := range st.d.Mentions[from:] {
		if m.Kind != doc.MentionCountry || len(m.Actors) != 1 || !validCountry(m.Actors[0].Code) {
			continue
		}
		if c != "" && c != m.Actors[0].Code {
			return ""
		}
		c = m.Actors[0].Code
	}
	return c
}

// speakerState returns the country of the speaker of sentence's reported
// clause when a bare state or local agent (sector) at token tok follows the
// speaker and a speech verb: in "X, Perdana Menteri untuk Azad Kashmir,
// mengungkapkan pemerintah telah mengevakuasi 8.000 warga" the government
// and the residents are the speaker's. The speaker is the sentence's first
// mention (from d.Mentions[from]), a person or a role whose country was
// stated, not guessed.
func (st *state) speakerState(from, tok int, sector string) string {
	if !localAgent[sector] || from >= len(st.d.Mentions) {
		return ""
	}
	sp := st.d.Mentions[from]
	if sp.Kind != doc.MentionPerson && sp.Kind != doc.MentionAgent || sp.CountryGuessed || len(sp.Actors) != 1 ||
		!validCountry(sp.Actors[0].Code) || sp.LastToken > tok {
		return ""
	}
	for j := sp.LastToken; j < tok; j++ {
		if introVerbs[strings.ToLower(st.d.Tokens[j].Text)] {
			return sp.Actors[0].Code
		}
	}
	return ""
}

// apposition gives a person whose country was only guessed the country
// and sector of the role that follows it after a comma: "Raja Farooq
// Haider, Perdana Menteri untuk Azad Jammu dan Kashmir, …". The person's
// name is registered again so that a later surname ("Haider") gets them.
func (st *state) apposition(person, role *doc.Mention) {
	if person.Kind != doc.MentionPerson || !person.CountryGuessed || len(person.Actors) != 1 ||
		role.Kind != doc.MentionAgent || role.CountryGuessed || len(role.Actors) != 1 || !validCountry(role.Actors[0].Code) ||
		role.FirstToken != person.LastToken+1 || st.d.Tokens[person.LastToken].Text != "," {
		return
	}
	st.takeRole(person, role, "country and role from the apposition '"+role.Text+"'")
}

// sharedHead gives a bare country coordinated right after a role of a
// stated country the same role: "pasukan Pakistan dan India" are both
// armies, "Menteri Luar Negeri Iran dan Venezuela" both ministers.
func (st *state) sharedHead(role, country *doc.Mention) {
	if role.Kind != doc.MentionAgent || role.CountryGuessed || len(role.Actors) != 1 || role.Actors[0].Sector == "" ||
		!validCountry(role.Actors[0].Code) || country.Kind != doc.MentionCountry || len(country.Actors) != 1 ||
		!validCountry(country.Actors[0].Code) || country.Actors[0].Sector != "" || country.FirstToken != role.LastToken+1 {
		return
	}
	switch strings.ToLower(st.d.Tokens[role.LastToken].Text) {
	case "dan", "serta", "maupun", "atau":
	default:
		return
	}
	country.Actors[0].Sector = role.Actors[0].Sector
	country.Kind = doc.MentionAgent
	country.Resolution += "; the role of '" + role.Text + "', coordinated before it"
	st.remember(country)
}

// memberFrom gives a person named with no role the sector (and a stated
// country) of the body they are "dari": "Hariman Siregar dari Dewan
// Mahasiswa Universitas Indonesia" is a student (IDN EDU). Up to two
// capitalised words may stand between "dari" and the body's mention.
func (st *state) memberFrom(person, body *doc.Mention) {
	toks := st.d.Tokens
	if person.Kind != doc.MentionPerson || !person.CountryGuessed || len(person.Actors) != 1 ||
		person.Actors[0].Sector != "" && person.Actors[0].Sector != "CVL" ||
		body.Kind != doc.MentionAgent && body.Kind != doc.MentionOrg || len(body.Actors) != 1 || body.Actors[0].Sector == "" ||
		person.LastToken >= len(toks) || !strings.EqualFold(toks[person.LastToken].Text, "dari") {
		return
	}
	gap := body.FirstToken - person.LastToken - 1
	if gap < 0 || gap > 2 {
		return
	}
	for j := person.LastToken + 1; j < body.FirstToken; j++ {
		if toks[j].Kind != doc.Word || !isUpperStart(toks[j].Text) {
			return
		}
	}
	st.takeRole(person, body, "role from '"+body.Text+"' they are from")
}

// takeRole gives person (a mention with one actor) the sector of role's
// actor and, when role's country was stated rather than guessed, its
// country, notes why, and registers the person's names again so that a
// later surname or first name gets the role too.
func (st *state) takeRole(person, role *doc.Mention, why string) {
	if role.Actors[0].Sector != "" {
		person.Actors[0].Sector = role.Actors[0].Sector
	}
	if !role.CountryGuessed && validCountry(role.Actors[0].Code) {
		person.Actors[0].Code = role.Actors[0].Code
		person.CountryGuessed = false
	}
	person.Resolution += "; " + why
	st.remember(person)
}

// roleBefore gives a person named with no role the sector (and, when only
// guessed, the country) of the role that opens the phrase before the
// comma: "pengamat politik Universitas Islam Negeri Syarif Hidayatullah,
// Adi Prayitno mengatakan …", "Jurubicara Abbas, Nabil Abu Rudeina, …"
// (the role of another person: only its country and sector). The phrase runs from the sentence start or
// the previous comma and is at most eight tokens long.
func (st *state) roleBefore(from int, person *doc.Mention) {
	toks := st.d.Tokens
	s := st.d.Sentences[person.Sentence]
	comma := person.FirstToken - 1
	if comma <= s.FirstToken || toks[comma].Text != "," || len(person.Actors) != 1 || !person.CountryGuessed ||
		person.Actors[0].Sector != "" && person.Actors[0].Sector != "CVL" {
		return
	}
	// "PM Jepang, Kakuei Tanaka": a role of a stated country right before
	// the comma is the person's own
	for i := len(st.d.Mentions) - 1; i >= from; i-- {
		role := &st.d.Mentions[i]
		if role.LastToken > comma {
			continue
		}
		if role.LastToken == comma && role.Kind == doc.MentionAgent && !role.CountryGuessed && len(role.Actors) == 1 &&
			validCountry(role.Actors[0].Code) && role.Actors[0].Sector != "" {
			st.takeRole(person, role, "role from '"+role.Text+"' right before the comma")
			return
		}
		break
	}
	if role := st.roleThrough(from, comma); role != nil {
		st.takeRole(person, role, "role from '"+role.Text+"' and what it belongs to, before the comma")
		return
	}
	start := comma - 1
	for start > s.FirstToken && toks[start-1].Text != "," && comma-start < 8 {
		start--
	}
	if start > s.FirstToken && toks[start-1].Text != "," {
		return
	}
	for i := from; i < len(st.d.Mentions); i++ {
		role := &st.d.Mentions[i]
		if role.FirstToken < start {
			continue
		}
		if role.FirstToken != start || len(role.Actors) != 1 || role.Actors[0].Sector == "" {
			return
		}
		if role.Kind != doc.MentionAgent {
			// "Jurubicara Abbas, Nabil Abu Rudeina": a role of someone
			if p, ok := st.match(role.FirstToken, role.LastToken); role.Kind != doc.MentionPerson || !ok || p.kind != kb.Agent {
				return
			}
		}
		st.takeRole(person, role, "role from '"+role.Text+"' before the comma")
		return
	}
}

// longerAgentAt reports whether an agent of more than one word starts at
// token i (before sentence end e).
func (st *state) longerAgentAt(i, e int) bool {
	p, ok := st.match(i, e)
	return ok && p.kind == kb.Agent && p.last > i+1
}

// roleThrough returns the role (an agent with a sector and a country)
// that ends the phrase before the comma at token comma when only the
// places and organisations it belongs to, joined by "dari", "di" or
// "asal", follow it: "anggota DPRD Pasuruan dari PKS, Muhammad Nadir Umar"
// is a legislator. It looks at most ten tokens back and returns nil when
// anything else intervenes.
func (st *state) roleThrough(from, comma int) *doc.Mention {
	covered := comma
	for i := len(st.d.Mentions) - 1; i >= from; i-- {
		m := &st.d.Mentions[i]
		if m.LastToken > covered {
			continue
		}
		if m.FirstToken < comma-10 {
			return nil
		}
		for t := m.LastToken; t < covered; t++ {
			switch strings.ToLower(st.d.Tokens[t].Text) {
			case "dari", "di", "asal":
			default:
				return nil
			}
		}
		switch m.Kind {
		case doc.MentionAgent:
			if len(m.Actors) != 1 || m.Actors[0].Sector == "" || !validCountry(m.Actors[0].Code) || covered == comma {
				return nil
			}
			return m
		case doc.MentionOrg, doc.MentionPlace, doc.MentionCountry:
			covered = m.FirstToken
		default:
			return nil
		}
	}
	return nil
}

// memberOf gives a person whose country was only guessed the country and
// sector of the organisation named right before them, one capitalised rank
// word or the place of its branch apart at most: "Direktur Tindak Pidana Siber Bareskrim Mabes Polri
// Brigadir Jenderal Fadil Imran" is one of the police (IDN COP), not a
// soldier of the article's country.
func (st *state) memberOf(org, person *doc.Mention) {
	why := "country and sector of '" + org.Text + "', named right before"
	branch := 0 // the words of a branch's place between them
	if n := len(st.d.Mentions); org.Kind == doc.MentionPlace && n >= 3 && org == &st.d.Mentions[n-2] {
		// "Humas HTI Jabar Luthfi Afandi": the organisation, the place of
		// its branch, then the person
		o := &st.d.Mentions[n-3]
		if o.Kind != doc.MentionOrg || o.LastToken != org.FirstToken || org.LastToken != person.FirstToken {
			return
		}
		branch = org.LastToken - org.FirstToken
		org, why = o, "country and sector of '"+o.Text+"', whose branch is named right before"
	}
	if org.Kind != doc.MentionOrg || org.CountryGuessed || len(org.Actors) != 1 || !validCountry(org.Actors[0].Code) ||
		org.Actors[0].Sector == "" || person.Kind != doc.MentionPerson || !person.CountryGuessed || len(person.Actors) != 1 {
		return
	}
	gap := person.FirstToken - org.LastToken
	if branch == 0 && (gap < 0 || gap > 1 || gap == 1 && (st.d.Tokens[org.LastToken].Kind != doc.Word || !isUpperStart(st.d.Tokens[org.LastToken].Text))) {
		return
	}
	st.takeRole(person, org, why)
}

// lastPeople returns the countries a "kedua menlu" or "ketiga pemimpin"
// piece refers to: those of the last people and roles named with a stated
// country ("Menlu Rusia Sergey Lavrov … Retno"), in the order named, or nil.
// Countries named only as such ("mendorong Korea Utara") are not ministers.
func (st *state) lastPeople(p piece) []string {
	if p.group {
		return nil
	}
	n := p.count
	if n == 0 {
		n = 2
	}
	var out []string
	seen := map[string]bool{}
	for i := len(st.d.Mentions) - 1; i >= 0 && len(out) < n; i-- {
		m := st.d.Mentions[i]
		if m.Kind != doc.MentionPerson && m.Kind != doc.MentionAgent || m.CountryGuessed || len(m.Actors) != 1 {
			continue
		}
		c := m.Actors[0].Code
		if !validCountry(c) || seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, c)
	}
	if len(out) < n {
		return nil
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// locative reports whether a mention is the place of an event ("di Manila",
// "di Gedung Putih") rather than a party to it.
func (st *state) locative(m *doc.Mention) bool {
	s := st.d.Sentences[m.Sentence]
	return m.FirstToken > s.FirstToken && strings.EqualFold(st.d.Tokens[m.FirstToken-1].Text, "di")
}

// lastTwoParties returns the actors of the last two actor mentions before
// the current one, or the last group of two.
func (st *state) lastTwoParties() []doc.Actor {
	var out []doc.Actor
	for i := len(st.d.Mentions) - 1; i >= 0 && len(out) < 2; i-- {
		m := st.d.Mentions[i]
		if m.Kind == doc.MentionPlace || m.Kind == doc.MentionPronoun || len(m.Actors) == 0 || st.locative(&m) {
			continue
		}
		if len(m.Actors) >= 2 && len(out) == 0 {
			return cloneActors(m.Actors[:2])
		}
		out = append(out, m.Actors[0])
	}
	if len(out) < 2 {
		return nil
	}
	return []doc.Actor{out[1], out[0]}
}

// speakerPass resolves the first-person pronouns among a sentence's
// mentions ms ("Kami mendesak …," kata John Smith …) to the speaker named
// after a speech verb in the same sentence ("kata seorang polisi", "kata
// dia"), or, for "katanya", "ujarnya", to the person last named before the
// sentence (before); without one they stay unresolved.
func (st *state) speakerPass(si int, ms []doc.Mention, before []doc.Actor) {
	d := st.d
	var speaker []doc.Actor
	for _, m := range ms {
		if m.FirstToken == 0 || len(m.Actors) == 0 || m.Kind == doc.MentionPlace {
			continue
		}
		if m.Kind == doc.MentionPronoun && !thirdPerson[strings.ToLower(m.Text)] {
			continue
		}
		j := m.FirstToken - 1
		if j > d.Sentences[si].FirstToken && speakerDeterminers[strings.ToLower(d.Tokens[j].Text)] {
			j-- // "kata seorang polisi"
		}
		if speechVerbs[strings.ToLower(d.Tokens[j].Text)] {
			speaker = m.Actors[:1]
			break
		}
	}
	if speaker == nil {
		speaker = st.introSpeaker(si, ms)
	}
	if speaker == nil {
		// "…," katanya / "…" ujarnya / "Menurutnya, …": the speaker of
		// the last two sentences, who goes on speaking, else the person
		// last named
		prev := st.recentSpeaker(si)
		if prev == nil && len(before) == 1 {
			prev = before
		}
		s := d.Sentences[si]
		for j := s.FirstToken; prev != nil && j < s.LastToken; j++ {
			w := strings.ToLower(d.Tokens[j].Text)
			if j > s.FirstToken && (strings.HasSuffix(w, "nya") && speechVerbs[strings.TrimSuffix(w, "nya")] && isQuote(d.Tokens[j-1].Text) || w == "katanya" || w == "ujarnya") ||
				j == s.FirstToken && w == "menurutnya" {
				speaker = prev
				break
			}
		}
	}
	if speaker != nil {
		if st.speakers == nil {
			st.speakers = map[int][]doc.Actor{}
		}
		st.speakers[si] = speaker
	}
	resolveFirstPerson(ms, speaker)
	st.notTheSpeaker(ms, speaker)
}

// recentSpeaker returns the speaker of one of the two sentences before si,
// the nearer first, or nil.
func (st *state) recentSpeaker(si int) []doc.Actor {
	for k := si - 1; k >= 0 && k >= si-2; k-- {
		if sp, ok := st.speakers[k]; ok {
			return sp
		}
	}
	return nil
}

// notTheSpeaker re-resolves "mereka" in a quotation: its speaker does not
// call their own group "them" (`"Mereka memohon kepada kami …," kata seorang
// polisi`, after "Polisi menyebut sebagian dari pengungsi itu …"). A
// "mereka" resolved to the speaker's country and sector takes the first
// other party of the last group instead.
func (st *state) notTheSpeaker(ms []doc.Mention, speaker []doc.Actor) {
	if len(speaker) != 1 {
		return
	}
	sp := speaker[0]
	for i := range ms {
		m := &ms[i]
		if m.Kind != doc.MentionPronoun || !strings.EqualFold(m.Text, "mereka") || len(m.Actors) != 1 ||
			m.Actors[0].Code != sp.Code || m.Actors[0].Sector != sp.Sector {
			continue
		}
		for _, a := range st.lastGroup {
			if a.Code != sp.Code || a.Sector != sp.Sector {
				a.Text = m.Actors[0].Text
				m.Actors = []doc.Actor{a}
				m.Resolution += "; not the speaker's own group: " + a.Code + " " + a.Sector
				break
			}
		}
	}
}

// resolveFirstPerson gives the unresolved first-person pronouns among ms
// the speaker's actors.
func resolveFirstPerson(ms []doc.Mention, speaker []doc.Actor) {
	for i := range ms {
		m := &ms[i]
		if m.Kind != doc.MentionPronoun || len(m.Actors) > 0 {
			continue
		}
		switch strings.ToLower(m.Text) {
		case "kami", "saya", "kita":
			if speaker != nil {
				m.Actors = cloneActors(speaker)
				m.Resolution = "first person → the speaker named after the quotation"
			}
			for j := range m.Actors {
				m.Actors[j].Text = m.Text
			}
		}
	}
}

// introVerbs introduce a quotation that follows them: `X mengatakan, "…`,
// `X menambahkan: "…`.
var introVerbs = words.list("introverbs")

// introSpeaker returns the speaker of a quotation that the sentence opens
// after a speech verb (`Dia menambahkan, "…`): the mention just before the
// verb.
func (st *state) introSpeaker(si int, ms []doc.Mention) []doc.Actor {
	d := st.d
	s := d.Sentences[si]
	for q := s.FirstToken + 1; q < s.LastToken; q++ {
		if t := d.Tokens[q].Text; t != "\"" && t != "“" {
			continue
		}
		v := q - 1
		if t := d.Tokens[v].Text; (t == "," || t == ":") && v > s.FirstToken {
			v--
		}
		if !introVerbs[strings.ToLower(d.Tokens[v].Text)] {
			return nil
		}
		for i := len(ms) - 1; i >= 0; i-- {
			m := ms[i]
			if m.LastToken > v || len(m.Actors) == 0 || m.Kind == doc.MentionPlace {
				continue
			}
			if m.LastToken < v-3 {
				return nil
			}
			return m.Actors[:1]
		}
		return nil
	}
	return nil
}

// quotationRuns resolves first-person pronouns in quotations that run over
// several sentences: `"Ini adalah prosedur. Kami intens berkomunikasi …
// Ini pencegahan," katanya.` The speaker is the one named where the
// quotation closes or, failing that, where it opens.
func (st *state) quotationRuns() {
	d := st.d
	inside := false
	open := -1
	for si, s := range d.Sentences {
		startsInside := inside
		for j := s.FirstToken; j < s.LastToken; j++ {
			switch d.Tokens[j].Text {
			case "“":
				inside = true
			case "”":
				inside = false
			case "\"":
				inside = !inside
			}
		}
		switch {
		case !startsInside && inside:
			open = si
		case startsInside && !inside && open >= 0:
			speaker := st.speakers[si]
			if speaker == nil {
				speaker = st.speakers[open]
			}
			if speaker != nil && si-open <= 8 {
				for k := open; k <= si; k++ {
					if st.speakers[k] != nil {
						continue // the sentence names its own speaker
					}
					st.resolveSentenceFirstPerson(k, speaker)
				}
			}
			open = -1
		}
	}
}

// resolveSentenceFirstPerson resolves the unresolved first-person pronouns
// of sentence si to speaker.
func (st *state) resolveSentenceFirstPerson(si int, speaker []doc.Actor) {
	d := st.d
	lo := sort.Search(len(d.Mentions), func(i int) bool { return d.Mentions[i].Sentence >= si })
	hi := lo
	for hi < len(d.Mentions) && d.Mentions[hi].Sentence == si {
		hi++
	}
	ms := d.Mentions[lo:hi]
	resolveFirstPerson(ms, speaker)
	for i := range ms {
		if ms[i].Kind == doc.MentionPronoun && len(ms[i].Actors) > 0 && ms[i].Resolution == "first person → the speaker named after the quotation" {
			ms[i].Resolution = "first person → the speaker of the quotation these sentences belong to"
		}
	}
}

// thirdPerson pronouns may name the speaker after a quotation ("kata dia").
var thirdPerson = words.list("thirdperson")

// speakerDeterminers may stand between a speech verb and its speaker.
var speakerDeterminers = words.list("speakerdeterminers")

func isQuote(t string) bool {
	switch t {
	case "\"", "“", "”", "'", "‘", "’":
		return true
	}
	return false
}

// foreignAgent reports whether an agent phrase, or the word after it, says
// "asing" (foreign).
func foreignAgent(d *doc.Document, p piece, last int) bool {
	for j := p.first; j < last && j < len(d.Tokens); j++ {
		if strings.EqualFold(d.Tokens[j].Text, "asing") {
			return true
		}
	}
	return last < len(d.Tokens) && d.Tokens[last].Sentence == d.Tokens[p.first].Sentence && strings.EqualFold(d.Tokens[last].Text, "asing")
}

// plainModifiers reports whether tokens [from, to) are lowercase words that
// can modify a role noun: no verb, preposition, conjunction or punctuation.
func (st *state) plainModifiers(from, to int) bool {
	toks := st.d.Tokens
	for j := from; j < to; j++ {
		t := toks[j]
		w := strings.ToLower(t.Text)
		if t.Kind != doc.Word || isUpperStart(t.Text) || notModifier[w] {
			return false
		}
		if st.r.Morph != nil {
			switch st.r.Morph.Analyze(w).Prefix {
			case "meN", "di", "ber", "ter", "memper", "diper":
				return false
			}
		}
	}
	return true
}

// orgHeads open the name of an organisation, a document or a facility
// ("Lembaga …", "Perjanjian …", "Bandara …").
var orgHeads = words.list("orgheads")

// localAgent lists the sectors of agents that a place name can locate:
// its people and its local authorities, not a state's army or diplomats
// ("pasukan Gaza" may be anyone's).
var localAgent = map[string]bool{"CVL": true, "OPP": true, "REF": true, "COP": true, "GOV": true, "REL": true, "LAB": true, "EDU": true, "MED": true, "BUS": true, "JRN": true, "CRM": true, "SOC": true}

var notModifier = words.list("notmodifier")

// possessor returns the country of the nearest earlier actor in sentence si
// when the agent word p carries the possessive clitic -nya.
func (st *state) possessor(si int, p piece) string {
	t := st.d.Tokens[p.last-1]
	if t.Clitic != "nya" {
		return ""
	}
	for i := len(st.d.Mentions) - 1; i >= 0 && st.d.Mentions[i].Sentence == si; i-- {
		m := st.d.Mentions[i]
		if m.Kind == doc.MentionPlace || len(m.Actors) != 1 {
			continue
		}
		if validCountry(m.Actors[0].Code) {
			return m.Actors[0].Code
		}
	}
	return ""
}

// sentenceGroup returns the distinct actors (by country code) of the
// mentions already found in sentence si.
func (st *state) sentenceGroup(si int) []doc.Actor {
	var all []doc.Actor
	for i := len(st.d.Mentions) - 1; i >= 0 && st.d.Mentions[i].Sentence == si; i-- {
		if st.d.Mentions[i].Kind == doc.MentionPlace {
			continue
		}
		all = append(all, st.d.Mentions[i].Actors...)
	}
	for l, r := 0, len(all)-1; l < r; l, r = l+1, r-1 {
		all[l], all[r] = all[r], all[l]
	}
	// "mereka" refers to states when two or more were named.
	var states []doc.Actor
	for _, a := range dedupCodes(all) {
		if validCountry(a.Code) {
			states = append(states, a)
		}
	}
	if len(states) >= 2 {
		return states
	}
	return dedupCodes(all)
}

// notVerbsMe are words that start like a meN- verb but open no object:
// conjunctions and prepositions ("meski mereka", "menurut mereka").
var notVerbsMe = words.list("notverbsme")

// clauseSubject returns the code of the subject of the clause whose object
// is the pronoun at token tok of sentence si: when the word before the
// pronoun is an active transitive verb (meN-, not a speech verb) or a
// preposition of the target (kepada, terhadap), the subject is the actor
// mention nearest before it. "" when the pronoun is not such an object.
func (st *state) clauseSubject(si, tok int) string {
	s := st.d.Sentences[si]
	if tok <= s.FirstToken {
		return ""
	}
	w := strings.ToLower(st.d.Tokens[tok-1].Text)
	switch {
	case w == "kepada" || w == "terhadap":
	case strings.HasPrefix(w, "me") && len(w) > 4 && !introVerbs[w] && !notVerbsMe[w] && st.d.Tokens[tok-1].Kind == doc.Word:
	default:
		return ""
	}
	for i := len(st.d.Mentions) - 1; i >= 0 && st.d.Mentions[i].Sentence == si; i-- {
		m := st.d.Mentions[i]
		if m.LastToken > tok-1 || m.Kind == doc.MentionPlace || m.Kind == doc.MentionPronoun {
			continue
		}
		if len(m.Actors) != 1 {
			return ""
		}
		return m.Actors[0].Code
	}
	return ""
}

func dedupCodes(as []doc.Actor) []doc.Actor {
	seen := map[string]bool{}
	var out []doc.Actor
	for _, a := range as {
		if a.Code == "" || seen[a.Code] {
			continue
		}
		seen[a.Code] = true
		out = append(out, a)
	}
	return out
}

func (st *state) registerName(m doc.Mention) {
	if len(m.Actors) != 1 {
		return
	}
	toks := st.d.Tokens
	// Register the trailing capitalised words (the name) and its last word.
	j := m.LastToken
	for j > m.FirstToken && (isUpperStart(toks[j-1].Text) || arabicArticle(toks[j-1].Text) != "") && toks[j-1].Kind == doc.Word {
		j--
	}
	if j == m.LastToken {
		return
	}
	if bare := kb.Norm(arabicArticle(toks[m.LastToken-1].Text)); len(bare) >= 3 {
		// "Hashemi" after "Tareq al-Hashemi" (again when the role is found)
		if ln := st.local[bare]; ln == nil || len(ln.actors) == 1 && ln.actors[0].Name == m.Actors[0].Name {
			st.local[bare] = &localName{actors: cloneActors(m.Actors)}
		}
	}
	for k := j; k < m.LastToken; k++ {
		key := kb.Norm(spanText(st.d, k, m.LastToken))
		if len(key) < 3 {
			continue
		}
		ln := st.local[key]
		if ln == nil {
			ln = &localName{}
			st.local[key] = ln
		}
		ln.actors = cloneActors(m.Actors)
	}
	// Indonesian news also calls people by their first name ("Boy" after
	// "Kadiv Humas Polri Irjen Boy Rafli Amar"): the first word of the name
	// after any titles, ranks and institutions, unless it is taken.
	for k := j; m.Kind == doc.MentionPerson && k < m.LastToken-1; k++ {
		if _, ok := st.match(k, k+1); ok {
			continue // "Polri", "Irjen"
		}
		key := kb.Norm(st.d.Tokens[k].Text)
		if ln := st.local[key]; len(key) >= 3 && (ln == nil || len(ln.actors) == 1 && ln.actors[0].Name == m.Actors[0].Name) {
			// (the same person again: their role may just have been found)
			st.local[key] = &localName{actors: cloneActors(m.Actors)}
		}
		break
	}
}

func (st *state) remember(m *doc.Mention) {
	if len(m.Actors) == 0 {
		return
	}
	switch m.Kind {
	case doc.MentionPerson:
		// "dia", "ia", "beliau" point back to the last named person ...
		if len(m.Actors) == 1 {
			st.lastPerson = m
			st.lastNamed = m.Sentence
		}
	case doc.MentionAgent:
		// ... or, when none was named recently, to a singular role
		if len(m.Actors) == 1 && (st.lastPerson == nil || m.Sentence-st.lastNamed > 2) {
			st.lastPerson = m
		}
	}
	for _, a := range m.Actors {
		if validCountry(a.Code) && !(m.Kind == doc.MentionPlace && st.locative(m)) {
			// "di Manila" is where the parties met, not a party
			st.touchCountry(a.Code)
		}
	}
	// register the written name of a person or role for later surname-only
	// mentions ("Fidan" after "Menteri Luar Negeri Turki Hakan Fidan")
	if (m.Kind == doc.MentionPerson || m.Kind == doc.MentionAgent) && len(m.Actors) == 1 {
		st.registerName(*m)
	}
}

func validCountry(c string) bool {
	switch c {
	case "", "UNO", "EUR", "IGO", "NGO", "MNC", "ISM", "WST":
		return false
	}
	return len(c) == 3
}

func (st *state) touchCountry(c string) {
	for i, x := range st.countries {
		if x == c {
			st.countries = append(st.countries[:i], st.countries[i+1:]...)
			break
		}
	}
	st.countries = append(st.countries, c)
}

func (st *state) countryName(code string) string {
	if e := st.r.KB.Country(code); e != nil {
		return e.Name
	}
	return ""
}

func (st *state) entryActors(p piece, sector string) []doc.Actor {
	e := p.entries[0]
	s := e.Sector
	if sector != "" {
		s = sector
	}
	return []doc.Actor{{Code: e.Code, Sector: s, Name: e.Name, Wikidata: e.Wikidata}}
}

func (st *state) personActors(p piece) []doc.Actor {
	if p.capseq {
		if ln := st.local[kb.Norm(spanText(st.d, p.first, p.last))]; ln != nil {
			return cloneActors(ln.actors)
		}
		return nil
	}
	// Several people share the alias: prefer one with a role active at the
	// publication date.
	t := st.d.Published
	var best *kb.Entry
	var bestRole kb.Role
	for _, e := range p.entries {
		r, ok := e.RoleAt(t)
		if !ok {
			continue
		}
		active := (r.From.IsZero() || !t.Before(r.From)) && (r.To.IsZero() || !t.After(r.To))
		if best == nil || active {
			best, bestRole = e, r
			if active {
				break
			}
		}
	}
	if best == nil {
		return nil
	}
	return []doc.Actor{{Code: bestRole.Code, Sector: bestRole.Sector, Name: best.Name, Wikidata: best.Wikidata}}
}

func capitalOf(p piece) string {
	for _, e := range p.entries {
		if e.Kind == kb.Place && e.Capital {
			return e.Code
		}
	}
	return ""
}

// place picks the best entry for a place mention (rules in geocode.go):
// apposition, countries named, home country, city before province, population.
func (st *state) place(p piece) doc.Place {
	return st.geocode(p)
}

func cloneActors(a []doc.Actor) []doc.Actor {
	if len(a) == 0 {
		return nil
	}
	return append([]doc.Actor(nil), a...)
}

func spanText(d *doc.Document, first, last int) string {
	if first >= last {
		return ""
	}
	return d.Text[d.Tokens[first].Start:d.Tokens[last-1].End]
}

// homeCountry is the country a domestic agent noun ("polisi", "mahasiswa")
// belongs to when the sentence names none: the dateline place's country,
// else Indonesia (Warta reads Indonesian news).
func (r *Resolver) homeCountry(d *doc.Document) string {
	if d.Dateline != nil && d.Dateline.Location != "" {
		for _, e := range r.KB.Lookup(d.Dateline.Location) {
			if e.Kind == kb.Place && e.Code != "" {
				return e.Code
			}
		}
	}
	return "IDN"
}

// PlaceOf resolves a place name outside any document (dateline locations).
func (r *Resolver) PlaceOf(name string, prefer []string) *doc.Place {
	return r.placeOf(name, prefer)
}

// nerWindow is how many tokens either side of a name the recogniser sees
// when it is asked on demand: its features look two words away, and
// labelling the window instead of the whole sentence keeps its cost small.
const nerWindow = 3

// tags returns the BIO tags of the tokens around [first, last) in sentence
// si, and the index of the token the first tag belongs to; nil when there
// are none. When the naming stage has labelled d (some sentence is Named),
// they are the Token.NER of a Named sentence, and nil for the others: the
// recogniser is not asked again. Otherwise (a Resolver used on its own)
// the recogniser labels the window of nerWindow tokens either side, and
// nil comes back without a recogniser.
func (st *state) tags(si, first, last int) ([]string, int) {
	if !st.nerAsked {
		st.nerAsked = true
		for _, s := range st.d.Sentences {
			if s.Named {
				st.named = true
				break
			}
		}
		if !st.named && st.r.NER != nil {
			if rec, err := st.r.NER(); err == nil {
				st.rec = rec
			}
		}
	}
	s := st.d.Sentences[si]
	from, to := max(s.FirstToken, first-nerWindow), min(s.LastToken, last+nerWindow)
	if st.named {
		if !s.Named {
			return nil, 0
		}
		tags := make([]string, 0, to-from)
		for j := from; j < to; j++ {
			tags = append(tags, st.d.Tokens[j].NER)
		}
		return tags, from
	}
	if st.rec == nil {
		return nil, 0
	}
	words := make([]string, 0, to-from)
	for j := from; j < to; j++ {
		words = append(words, st.d.Tokens[j].Text)
	}
	return st.rec.Label(words), from
}

// NameSentences lists, in order, the sentences of a segmented d in which
// Resolve may ask the recogniser about a name, for the naming stage to
// label before resolving. It is a cheap superset of the sentences Resolve
// asks about: those holding a capitalised word, not an acronym nor a word
// of notName, not after a place word ("di", "kota"), at which no
// knowledge-base alias starts, and that is either a lone capitalised word
// the lexicon does not know (an unknown name: "Baltistan") or a root of the
// lexicon after a lower-case word ("Nadir"). Document-local names and the
// pieces before the word, which Resolve also weighs, are not considered.
// Without a lexicon (Morph nil) Resolve asks about nothing and the list is
// empty.
func (r *Resolver) NameSentences(d *doc.Document) []int {
	if r.Morph == nil {
		return nil
	}
	var out []int
	seen := map[string]bool{} // the unknown names of one word met so far
	for si, s := range d.Sentences {
		ask := false
		for i := s.FirstToken; i < s.LastToken && i < len(d.Tokens); i++ {
			if r.mayAsk(d, s, i, seen) {
				ask = true
			}
		}
		if ask {
			out = append(out, si)
		}
	}
	return out
}

// mayAsk reports whether Resolve may ask the recogniser about the name at
// token i of sentence s (see NameSentences).
func (r *Resolver) mayAsk(d *doc.Document, s doc.Sentence, i int, seen map[string]bool) bool {
	toks := d.Tokens
	t := toks[i]
	if t.Kind != doc.Word || !isUpperStart(t.Text) || isAllUpper(t.Text) && utf8.RuneCountInString(t.Text) > 1 {
		return false
	}
	lw := strings.ToLower(t.Text)
	if notName[lw] {
		return false
	}
	var prev string
	if i > s.FirstToken {
		prev = toks[i-1].Text
		if placeWords[strings.ToLower(prev)] {
			return false
		}
	}
	lone := i+1 >= s.LastToken || toks[i+1].Kind != doc.Word || !isUpperStart(toks[i+1].Text) || notName[strings.ToLower(toks[i+1].Text)]
	root := r.Morph.IsRoot(lw)
	initial := i == s.FirstToken || strings.ContainsAny(prev, "\"“‘'(")
	switch {
	case lone && !root && !(initial && r.Morph.Analyze(lw).Known):
		// an unknown name of one word (nerLabel), asked about once
		n := kb.Norm(t.Text)
		if seen[n] || r.aliasAt(d, i, s.LastToken) {
			return false
		}
		seen[n] = true
		return true
	case root && !initial && !isUpperStart(prev) && !isAllUpper(t.Text) && utf8.RuneCountInString(t.Text) >= 3:
		// a root of the lexicon that may be a person's name (nerPerson)
	default:
		return false
	}
	return !r.aliasAt(d, i, s.LastToken)
}

// aliasAt reports whether a knowledge-base alias starts at token i (within
// sentence end e). Short words that are not acronyms ("Ali") do not count:
// Resolve takes them for names when no alias of several words matches.
func (r *Resolver) aliasAt(d *doc.Document, i, e int) bool {
	w := kb.Norm(d.Tokens[i].Text)
	if len(r.KB.Lookup(w)) > 0 && utf8.RuneCountInString(d.Tokens[i].Text) > 3 {
		return true
	}
	n := min(r.KB.MaxWords(w), e-i)
	if n < 2 {
		return false
	}
	words := make([]string, 0, n)
	for j := i; j < i+n; j++ {
		if k := d.Tokens[j].Kind; k != doc.Word && k != doc.Abbrev && k != doc.Number {
			break
		}
		words = append(words, kb.Norm(d.Tokens[j].Text))
	}
	for m := len(words); m >= 2; m-- {
		if len(r.KB.LookupWords(words[:m])) > 0 {
			return true
		}
	}
	return false
}

// nerLabel returns the recogniser's label for the unknown name at tokens
// [first, last) of sentence si: PER when any word is tagged a person's, LOC
// when every word is a place's, ORG when any word is an organisation's, and
// "" otherwise or without a recogniser (a name stays a person: the
// recogniser misses many rare names its rules catch). A name keeps the
// label of its first mention in the document.
func (st *state) nerLabel(si, first, last int) string {
	name := kb.Norm(spanText(st.d, first, last))
	if l, ok := st.nerNames[name]; ok {
		return l
	}
	tags, from := st.tags(si, first, last)
	if tags == nil {
		return ""
	}
	var per, loc, org int
	for j := first; j < last; j++ {
		switch strings.TrimPrefix(strings.TrimPrefix(tags[j-from], "B-"), "I-") {
		case "PER":
			per++
		case "LOC":
			loc++
		case "ORG":
			org++
		}
	}
	l := ""
	switch {
	case per > 0:
		l = "PER"
	case loc == last-first:
		l = "LOC"
	case org > 0:
		l = "ORG"
	}
	st.nerNames[name] = l
	return l
}

// nerPerson returns the end of a person's name that the recogniser starts
// at token i of sentence si, or i: capitalised words, not acronyms, up to a
// name the knowledge base knows. Names after place words are left alone.
func (st *state) nerPerson(si, i int) int {
	s := st.d.Sentences[si]
	toks := st.d.Tokens
	if st.r.Morph == nil || i == s.FirstToken || notName[strings.ToLower(toks[i].Text)] || placeWords[strings.ToLower(toks[i-1].Text)] ||
		strings.ContainsAny(toks[i-1].Text, "\"“‘'(") || isUpperStart(toks[i-1].Text) || isAllUpper(toks[i].Text) ||
		utf8.RuneCountInString(toks[i].Text) < 3 || len(st.r.KB.Lookup(kb.Norm(toks[i].Text))) > 0 || !st.r.Morph.IsRoot(strings.ToLower(toks[i].Text)) {
		// The first word of a sentence or quotation, a word inside a
		// capitalised run, an acronym and a role ("Ketua") are left to the
		// rules; the recogniser is asked only about the names they take
		// for words of the lexicon ("Nadir", "Sri Rahayu").
		return i
	}
	tags, from := st.tags(si, i, min(s.LastToken, i+2))
	if tags == nil || tags[i-from] != "B-PER" {
		return i
	}
	j := i
	for j-from < len(tags) && (j == i || tags[j-from] == "I-PER") {
		t := toks[j]
		if t.Kind != doc.Word || !isUpperStart(t.Text) || isAllUpper(t.Text) || notName[strings.ToLower(t.Text)] {
			break
		}
		if j > i {
			if _, ok := st.match(j, s.LastToken); ok {
				break
			}
		}
		j++
	}
	return j
}
