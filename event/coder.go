// Package event codes political events from a resolved Document.
//
// It takes a Document whose tokens carry lemmas, whose mentions are resolved
// (package resolve) and whose time expressions are found (package timex), and
// gives d.Events: PLOVER type and mode, actors and recipients, CAMEO code,
// Goldstein score, QuadClass, PLOVER score, contexts, date, location, flags
// (negated, future, hypothetical, historical), confidence and the evidence
// sentence. Patterns come from the user-editable dictionary data/dict/verbs.txt.
//
// Arguments are found by clause position: the subject before the verb, the
// object or a dengan/terhadap/kepada/ke phrase after it; di- passives swap
// roles (the "oleh X" phrase is the actor); in "X mengatakan bahwa Y
// menyerang Z" the event is Y→Z. In a sentence the pipeline has parsed
// (doc.Sentence.Parsed), a verb with no party in subject position takes its
// subject from the dependency parse (nsubj), and an event that needs a
// target and has none right after its verb takes the parse's object (obj,
// or an obl introduced by dengan/terhadap/kepada/ke/atas/melawan).
// CodeWithoutParse lists the sentences whose parse the coder reads.
package event

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/morph"
)

// Coder codes events with a dictionary.
type Coder struct {
	Dict *Dictionary
	An   *morph.Analyzer
	// wants, set only on the copy of a Coder that CodeWithoutParse runs,
	// collects the sentences whose parse coding asks for.
	wants *[]int
}

// tokInfo caches a token's analysis for matching.
type tokInfo struct {
	lower string
	key   string
	root  string
	an    morph.Analysis
	word  bool
}

type match struct {
	p          *Pattern
	start, end int  // literal token span [start, end)
	head       int  // token of the first literal
	slotA      int  // mention index for an inner [A], -1 if none
	slotR      int  // mention index for an inner [R], -1
	trailR     bool // pattern ends with [R]
	trailA     bool // pattern ends with [A]: the actor follows ("[R] menerima kunjungan [A]")
	// gapStart, gapEnd delimit the tokens a "*" skipped ("menjerat
	// tersangka dengan pasal"): a party named there is the recipient.
	gapStart, gapEnd int
	leadA            bool // pattern starts with [A]
	leadR            bool // pattern starts with [R]: the subject is the recipient
}

var (
	negators      = set("tidak", "tak", "belum", "bukan", "batal", "gagal", "enggan", "urung", "tanpa", "jangan", "tidaklah", "takkan")
	hypotheticals = set("jika", "kalau", "apabila", "seandainya", "bila", "andaikan", "andai", "jikalau", "manakala", "bilamana", "mungkin", "barangkali", "berpotensi")
	futures       = set("akan", "bakal", "berencana", "hendak", "rencananya", "berniat", "direncanakan", "dijadwalkan", "bersiap", "ingin", "bersedia", "siap", "bermaksud", "berjanji")
	allegations   = set("dituduh", "dituding", "dicurigai", "disangka", "disangkakan", "diduga", "disinyalir", "ditengarai", "konon", "kabarnya", "diklaim")
	historicalCue = set("sebelumnya", "pernah", "dahulu", "dulu", "silam")
	coordinators  = set("dan", "serta", "maupun", "beserta", "bersama")
	prepositions  = set("di", "ke", "dari", "dengan", "terhadap", "kepada", "untuk", "antara", "pada", "bagi", "atas", "melawan", "tentang", "mengenai", "soal", "oleh", "dalam", "menuju", "sejak", "oleh", "tanpa", "seperti", "sebagai", "via", "lewat", "menghadapi")
	// words that may sit between a clause opening and its subject
	subjectOpeners = set("bahwa", "dan", "serta", "sementara", "namun", "tetapi", "tapi", "padahal", "sedang", "kemudian", "lalu", "sedangkan", "sehingga", "karena", "ketika", "saat", "setelah", "sebelum", "sebelumnya", "selain", "itu", "juga", "pun", "baik", "maupun", "yakni", "yaitu", "adapun", "kini", "kemarin", "para", "sejumlah", "ribuan", "ratusan", "puluhan", "beberapa", "seorang", "sang", "pihak", "kalangan", "sekelompok", "oknum", "akhirnya", "bahkan", "meski", "meskipun", "walaupun", "sebab", "agar", "supaya", "jika", "kalau", "apabila", "sedang", "hari", "ini", "tersebut", "sendiri", "selanjutnya", "lebih", "pula", "mana",
		// speech and cognition verbs open an embedded clause: "X mengatakan kedua negara akan …"
		"mengatakan", "menyatakan", "menyebut", "menyebutkan", "menegaskan", "mengungkapkan", "menjelaskan",
		"menambahkan", "mengakui", "meyakini", "berharap", "berpendapat", "menilai", "menganggap", "memastikan",
		"melaporkan", "mengumumkan", "mengklaim", "menekankan", "kata", "ujar", "ungkap", "tutur", "jelasnya", "katanya",
		"usai", "seusai", "sesudah", "hingga", "sampai", "sejak", "selama", "begitu", "tatkala", "manakala",
		// connectives of consequence: "…, makanya kami menolak kunjungan itu"
		"maka", "makanya", "makannya", "karenanya", "akibatnya", "lantas", "alhasil")
	// words skipped between a verb and its object
	objectSkips = set("dengan", "terhadap", "kepada", "ke", "pada", "atas", "untuk", "antara", "bagi", "melawan", "para", "pihak", "sejumlah", "kalangan", "sekelompok", "seorang", "sang", "secara", "langsung", "resmi", "kembali", "lagi", "itu", "ini", "juga", "pula", "sejumlah", "beberapa", "ratusan", "ribuan", "puluhan", "sekitar", "oknum", "mitra", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "belasan", "orang", "buah", "seluruh", "semua", "setidaknya", "sedikitnya", "lebih", "dari", "paksa")
	auxiliaries = set("juga", "telah", "sudah", "akan", "sedang", "masih", "pun", "pula", "kembali", "lagi", "segera", "langsung", "bakal", "baru", "secara", "resmi", "tetap", "terus", "belum", "tidak", "tak", "bahkan", "hanya", "sempat", "mulai", "harus", "mesti", "dapat", "bisa", "ingin", "mau", "siap", "hendak", "berencana", "diduga", "dikabarkan", "dilaporkan", "disebut", "kabarnya", "rupanya", "justru", "kini", "lalu", "sebelumnya", "kemarin", "pernah", "akhirnya", "sendiri", "dengan", "tegas", "keras", "berulang", "kali")
)

// objectStops end the search for an object: a locative or temporal phrase
// ("bertemu di sela-sela KTT G20") or a new clause does not hold the target.
var objectStops = set("yang", "bahwa", "karena", "di", "pada", "dalam", "sejak", "saat", "ketika", "usai", "setelah", "sebelum", "selama", "hingga", "sampai", "untuk", "agar", "supaya", "sebagai", "namun", "tetapi")

// aimWords place a protest or a show of force at its target: "di depan
// Kedutaan Besar AS", "di sekitar Taiwan", "di perbatasan Korea Utara".
var aimWords = set("depan", "sekitar", "dekat", "perbatasan", "seberang", "luar")

// singlingOut words introduce members of a list just named.
var singlingOut = set("khususnya", "terutama", "termasuk", "yakni", "yaitu", "seperti")

// orderWords are the roots of verbs that give orders (memerintahkan,
// menginstruksikan): between two parts of one state they are internal.
var orderWords = set("perintah", "instruksi")

// validState reports whether a code is a country's, not a bloc's or an
// organisation's.
func validState(c string) bool {
	switch c {
	case "", "UNO", "EUR", "IGO", "NGO", "MNC", "ISM", "WST":
		return false
	}
	return len(c) == 3
}

// stateSector marks the sectors that act for a state.
var stateSector = set("GOV", "MIL", "COP", "JUD", "SPY")

// needsRecipient lists the types coded only with a target: a request, an
// accusation or a meeting "with nobody" is a statement, not an event.
// PROTEST, MOBILIZE, ASSAULT, COERCE, RETREAT, CONCEDE and REJECT ("menolak
// mundur") may stand alone.
var needsRecipient = set("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "THREATEN", "SANCTION")

// determiners may stand between the words of a pattern.
var determiners = set("seorang", "sebuah", "para", "sejumlah", "beberapa", "dua", "tiga", "empat", "lima", "puluhan", "ratusan", "ribuan", "belasan", "semua", "seluruh", "kedua", "ketiga")

// futureCAMEO is the CAMEO "express intent" code for a promised action.
var futureCAMEO = map[string]string{"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "030", "AID": "033"}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// Code fills d.Events from the sentences of d.
func (c *Coder) Code(d *doc.Document) {
	d.Events = d.Events[:0]
	infos := make([]tokInfo, len(d.Tokens))
	for i, t := range d.Tokens {
		ti := tokInfo{lower: strings.ToLower(t.Text)}
		if t.Kind == doc.Word {
			ti.word = true
			ti.an = c.An.Analyze(t.Text)
			ti.key = ti.an.Key()
			ti.root = ti.an.Root
			if ti.an.Prefix == "" && ti.an.Suffix == "" && i > 0 && strings.EqualFold(d.Tokens[i-1].Text, "saling") {
				// "saling tuding", "saling serang": a bare verb after saling
				// is the active verb.
				ti.key = "V+" + ti.an.Root + "+"
			}
		}
		infos[i] = ti
	}
	// mention lookup by first token / last token
	startAt := make(map[int]int, len(d.Mentions))
	endAt := make(map[int]int, len(d.Mentions))
	for mi, m := range d.Mentions {
		if len(m.Actors) == 0 {
			continue
		}
		startAt[m.FirstToken] = mi
		endAt[m.LastToken-1] = mi
	}
	lead := leadDate(d)
	// The article's contexts stand in for an event sentence that has none;
	// most articles need them for no event, so they are found on demand.
	var articleCtx []string
	articleDone := false
	articleContexts := func() []string {
		if !articleDone {
			articleCtx, articleDone = c.contexts(infos, 0, len(d.Tokens)), true
		}
		return articleCtx
	}
	var at []int
	if c.readsParses(d) {
		at = mentionIndex(d)
	}
	for si := range d.Sentences {
		c.codeSentence(d, si, infos, startAt, endAt, at, lead, articleContexts)
	}
	statesAsGovernments(d)
}

// statesAsGovernments gives the sector GOV to the parties of an event that
// are states named by their country ("Indonesia menandatangani …", "sanksi
// AS terhadap Iran"): a state acts through its government, as ICEWS codes
// it and as Warta's development gold records it (CAMEO and GDELT leave the
// type empty). So do blocs named as states ("negara-negara Barat").
// Parties named with a sector of their own ("warga Iran", "militer AS")
// keep it.
func statesAsGovernments(d *doc.Document) {
	if len(d.Events) == 0 {
		return // most articles: no map to build
	}
	type key struct{ code, name string }
	bySentence := map[int]map[key]bool{}
	for _, m := range d.Mentions {
		if m.CountryGuessed || m.Kind != doc.MentionCountry &&
			!(m.Kind == doc.MentionBloc && strings.Contains(strings.ToLower(m.Text), "negara")) {
			continue
		}
		for _, a := range m.Actors {
			if a.Sector != "" || a.Code == "" {
				continue
			}
			if bySentence[m.Sentence] == nil {
				bySentence[m.Sentence] = map[key]bool{}
			}
			bySentence[m.Sentence][key{a.Code, a.Name}] = true
		}
	}
	for i := range d.Events {
		ev := &d.Events[i]
		states := bySentence[ev.Evidence.Sentence]
		for _, as := range [][]doc.Actor{ev.Actor, ev.Recipient} {
			for k := range as {
				if as[k].Sector == "" && states[key{as[k].Code, as[k].Name}] {
					as[k].Sector = "GOV"
				}
			}
		}
	}
}

// leadDate is the first day-precision time expression of the first two
// sentences, when it is not after the publication date.
func leadDate(d *doc.Document) *doc.TimeExpr {
	limit := len(d.Text)
	if len(d.Sentences) > 2 {
		limit = d.Sentences[1].End
	}
	for i := range d.Times {
		t := &d.Times[i]
		if t.Start >= limit {
			break
		}
		if t.Precision == doc.PrecisionDay && (d.Published.IsZero() || !t.Date.After(d.Published.AddDate(0, 0, 1))) {
			return t
		}
	}
	return nil
}

func (c *Coder) codeSentence(d *doc.Document, si int, infos []tokInfo, startAt, endAt map[int]int, at []int, lead *doc.TimeExpr, articleContexts func() []string) {
	s := d.Sentences[si]
	var ms []match
	for i := s.FirstToken; i < s.LastToken; i++ {
		ti := infos[i]
		if !ti.word {
			continue
		}
		var cands []*Pattern
		cands = append(cands, c.Dict.index[byKey][ti.key]...)
		cands = append(cands, c.Dict.index[byRoot][ti.root]...)
		cands = append(cands, c.Dict.index[byExact][ti.lower]...)
		for _, p := range cands {
			if m, ok := c.matchAt(p, i, s.LastToken, infos, startAt, d); ok {
				ms = append(ms, m)
			}
		}
	}
	if len(ms) == 0 {
		return
	}
	// Longest (most literals) first, then leftmost; drop overlaps.
	sort.SliceStable(ms, func(a, b int) bool {
		if ms[a].p.literals != ms[b].p.literals {
			return ms[a].p.literals > ms[b].p.literals
		}
		if la, lb := ms[a].end-ms[a].start, ms[b].end-ms[b].start; la != lb {
			return la > lb
		}
		if ms[a].p.Type == "NONE" != (ms[b].p.Type == "NONE") {
			return ms[a].p.Type == "NONE"
		}
		return ms[a].start < ms[b].start
	})
	used := make([]bool, s.LastToken-s.FirstToken)
	var chosen []match
	for _, m := range ms {
		free := true
		for t := m.start; t < m.end; t++ {
			if used[t-s.FirstToken] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for t := m.start; t < m.end; t++ {
			used[t-s.FirstToken] = true
		}
		if m.p.Type != "NONE" {
			chosen = append(chosen, m)
		}
	}
	sort.Slice(chosen, func(a, b int) bool { return chosen[a].start < chosen[b].start })
	first := len(d.Events)
	// The sentence's parse is read on the first event that needs it.
	var sy *syntax
	parsed := false
	syn := func() *syntax {
		if !parsed {
			sy, parsed = c.syntaxOf(d, si), true
		}
		return sy
	}
	for _, m := range chosen {
		ev, ok := c.build(d, si, m, infos, startAt, endAt, syn, at, lead, articleContexts)
		if !ok {
			continue
		}
		for _, ev := range splitMutual(ev) {
			// Two patterns in one sentence that code the same event ("sepakat
			// memperluas kerja sama") give one event: the longer pattern's.
			dup := false
			for i := first; i < len(d.Events); i++ {
				if sameEvent(d.Events[i], ev) {
					dup = true
					break
				}
			}
			if !dup {
				d.Events = append(d.Events, ev)
			}
		}
	}
	protestTargets(d.Events[first:])
}

// protestTargets gives a protest with no named target the target of its
// protesters' demand in the same sentence: "mahasiswa berdemonstrasi dan
// menuntut presiden mundur", "turun ke jalan untuk memprotes pemilihan
// kembali Ahmadinejad".
func protestTargets(evs []doc.Event) {
	for i := range evs {
		p := &evs[i]
		if p.EventType != "PROTEST" || len(p.Recipient) > 0 {
			continue
		}
		for _, q := range evs {
			switch q.EventType {
			case "REQUEST", "ACCUSE", "REJECT":
			default:
				continue
			}
			if len(q.Recipient) == 0 || q.Negated || q.Hypothetical || !sameActors(p.Actor, q.Actor) {
				continue
			}
			p.Recipient = append([]doc.Actor(nil), q.Recipient...)
			p.Explanation += "\n      target of the protesters' demand in the same sentence"
			break
		}
	}
}

func litMatches(e elem, ti tokInfo) bool {
	if !ti.word {
		for _, a := range e.alts {
			if a.mode == byExact && a.value == ti.lower {
				return true
			}
		}
		return false
	}
	for _, a := range e.alts {
		switch a.mode {
		case byKey:
			if a.value == ti.key {
				return true
			}
		case byRoot:
			if a.value == ti.root {
				return true
			}
		case byExact:
			if a.value == ti.lower {
				return true
			}
		}
	}
	return false
}

// slotChain returns the coordinated mentions starting with slot mention mi
// that end before the match does.
func slotChain(d *doc.Document, mi, end int, infos []tokInfo, startAt map[int]int) []int {
	var out []int
	for _, x := range coordinatedRight(d, mi, infos, startAt) {
		if d.Mentions[x].LastToken > end {
			break
		}
		out = append(out, x)
	}
	if len(out) == 0 {
		return []int{mi}
	}
	return out
}

// introducedByWith reports whether the mention starting at tok follows
// "dengan" or "bersama" (a counterpart, not a venue).
func introducedByWith(d *doc.Document, infos []tokInfo, tok int) bool {
	first := d.Sentences[d.Tokens[tok].Sentence].FirstToken
	for j := tok - 1; j >= first && j >= tok-3; j-- {
		switch infos[j].lower {
		case "dengan", "bersama", "kepada", "antara":
			return true
		}
		if !determiners[infos[j].lower] && !objectSkips[infos[j].lower] {
			return false
		}
	}
	return false
}

// matchedExactly reports whether a literal matched t through an =word
// alternative.
func matchedExactly(e elem, ti tokInfo) bool {
	for _, a := range e.alts {
		if a.mode == byExact && a.value == ti.lower {
			return true
		}
	}
	return false
}

// matchAt tries pattern p with its first literal at token i.
func (c *Coder) matchAt(p *Pattern, i, end int, infos []tokInfo, startAt map[int]int, d *doc.Document) (match, bool) {
	m := match{p: p, start: i, head: i, slotA: -1, slotR: -1}
	if !litMatches(p.elems[p.firstLit], infos[i]) {
		return m, false
	}
	for k := 0; k < p.firstLit; k++ {
		switch p.elems[k].kind {
		case elemActor:
			m.leadA = true
		case elemRecipient:
			m.leadR = true
		}
	}
	var rec func(ei, pos int, mm match) (match, bool)
	rec = func(ei, pos int, mm match) (match, bool) {
		if ei == len(p.elems) {
			mm.end = pos
			return mm, true
		}
		e := p.elems[ei]
		switch e.kind {
		case elemLit:
			if pos < end && litMatches(e, infos[pos]) {
				return rec(ei+1, pos+1, mm)
			}
			// "mengusir seorang diplomat", "menangkap tiga terduga": a
			// determiner or count may sit between two literals.
			if ei > p.firstLit && p.elems[ei-1].kind == elemLit {
				q := pos
				for q < end && q-pos < 2 && (determiners[infos[q].lower] || d.Tokens[q].Kind == doc.Number) {
					q++
				}
				if q > pos && q < end && litMatches(e, infos[q]) {
					return rec(ei+1, q+1, mm)
				}
			}
			return mm, false
		case elemGap:
			for g := 0; g <= 3 && pos+g <= end; g++ {
				gm := mm
				if g > 0 && gm.gapEnd == 0 {
					gm.gapStart, gm.gapEnd = pos, pos+g
				}
				if r, ok := rec(ei+1, pos+g, gm); ok {
					return r, true
				}
			}
			return mm, false
		default: // slot
			if ei == len(p.elems)-1 {
				if e.kind == elemRecipient {
					mm.trailR = true
				} else {
					mm.trailA = true
				}
				mm.end = pos
				return mm, true
			}
			// inner slot: a mention starting here (after an optional determiner)
			q := pos
			for tries := 0; tries < 2 && q < end; tries++ {
				if mi, ok := startAt[q]; ok {
					last := d.Mentions[mi].LastToken
					if e.kind == elemActor {
						mm.slotA = mi
					} else {
						mm.slotR = mi
					}
					if r, ok := rec(ei+1, last, mm); ok {
						return r, true
					}
					// "mendorong China dan Filipina untuk …": the slot holds
					// a coordinated list when the next word needs it to
					chain := coordinatedRight(d, mi, infos, startAt)
					if len(chain) > 1 {
						return rec(ei+1, d.Mentions[chain[len(chain)-1]].LastToken, mm)
					}
					return mm, false
				}
				if !objectSkips[infos[q].lower] {
					break
				}
				if ei+1 < len(p.elems) && p.elems[ei+1].kind == elemLit && litMatches(p.elems[ei+1], infos[q]) {
					// "kesepakatan dengan Malaysia dan Turki": the word the
					// pattern wants after the slot is not a skippable
					// preposition before it
					break
				}
				q++
			}
			return mm, false
		}
	}
	return rec(p.firstLit+1, i+1, m)
}

// subject finds the actor mentions before token pos in sentence si.
func subject(d *doc.Document, si, pos int, infos []tokInfo, endAt map[int]int) []int {
	return subjectOf(d, si, pos, infos, endAt, false)
}

// patientSubject finds the subject of a passive or "[R] …" pattern: the
// party the event happens to, which may be a place ("Gaza diserang …").
func patientSubject(d *doc.Document, si, pos int, infos []tokInfo, endAt map[int]int) []int {
	return subjectOf(d, si, pos, infos, endAt, true)
}

func subjectOf(d *doc.Document, si, pos int, infos []tokInfo, endAt map[int]int, places bool) []int {
	s := d.Sentences[si]
	if a := appositiveSubject(d, si, pos, infos, endAt, places); a != nil {
		return a
	}
	sawCoord := false
	for j := pos - 1; j >= s.FirstToken; j-- {
		if mi, ok := endAt[j]; ok {
			// The whole coordinated phrase must stand in subject position:
			// in "mengecam campur tangan Barat, khususnya AS serta Inggris,
			// dan menuduh …" the list is an object, not the subject.
			chain := coordinatedLeft(d, mi, infos, endAt)
			head := d.Mentions[chain[0]]
			if isSubjectPosition(d, head, infos) && (d.Mentions[mi].Kind != doc.MentionPlace || places || isCapital(d.Mentions[mi]) && !sawCoord) {
				return chain
			}
			j = head.FirstToken
			continue
		}
		if coordinators[infos[j].lower] {
			sawCoord = true
		}
		if infos[j].lower == "yang" {
			// "… Amerika Serikat, yang telah membuat …": the noun phrase
			// before "yang" is the subject of the relative clause.
			k := j - 1
			if k >= s.FirstToken && d.Tokens[k].Text == "," {
				k--
			}
			if mi, ok := endAt[k]; ok && d.Mentions[mi].Kind != doc.MentionPlace {
				return coordinatedLeft(d, mi, infos, endAt)
			}
			continue
		}
	}
	return nil
}

// appositiveSubject finds the subject of "Cina, sekutu terdekat Korea
// Utara, menentang …": when a comma stands just before the verb (over
// auxiliaries), the subject is the mention before the comma that opened the
// apposition, not a mention inside it.
func appositiveSubject(d *doc.Document, si, pos int, infos []tokInfo, endAt map[int]int, places bool) []int {
	s := d.Sentences[si]
	j := pos - 1
	for j >= s.FirstToken && auxiliaries[infos[j].lower] {
		j--
	}
	if j <= s.FirstToken || d.Tokens[j].Text != "," {
		return nil
	}
	if _, ok := endAt[j-1]; ok {
		return nil // "Iran, Venezuela, …": the ordinary search handles it
	}
	for c := j - 1; c > s.FirstToken && c >= j-16; c-- {
		t := d.Tokens[c]
		if t.Text == "yang" || t.Kind == doc.Word && isVerb(infos[c]) && infos[c].an.Prefix == "meN" {
			return nil // a relative or verbal clause: not a plain apposition
		}
		if t.Text != "," {
			continue
		}
		mi, ok := endAt[c-1]
		if !ok {
			return nil
		}
		chain := coordinatedLeft(d, mi, infos, endAt)
		head := d.Mentions[chain[0]]
		if isSubjectPosition(d, head, infos) && (head.Kind != doc.MentionPlace || places || isCapital(head)) {
			return chain
		}
		return nil
	}
	return nil
}

// isSubjectPosition reports whether mention m stands where a subject can:
// at the start of the sentence, after punctuation, or after a clause opener.
// locativeChain reports whether the comma at token j continues a place
// phrase opened by a locative preposition: only capitalised words and
// commas lie between them, at most ten tokens back ("di Bandara Juanda,
// Surabaya,").
func locativeChain(d *doc.Document, infos []tokInfo, j int) bool {
	s := d.Sentences[d.Tokens[j].Sentence]
	for k := j - 1; k >= s.FirstToken && k >= j-10; k-- {
		switch t := d.Tokens[k]; {
		case t.Text == ",":
		case t.Kind == doc.Word && isUpperStart(t.Text):
		case t.Kind == doc.Word:
			switch infos[k].lower {
			case "di", "ke", "dari", "menuju", "dekat":
				return k < j-1
			}
			return false
		default:
			return false
		}
	}
	return false
}

func isSubjectPosition(d *doc.Document, m doc.Mention, infos []tokInfo) bool {
	s := d.Sentences[m.Sentence]
	j := m.FirstToken - 1
	for j >= s.FirstToken && (subjectOpenersSkippable(infos[j].lower) || d.Tokens[j].Kind == doc.Number) {
		// "para", "pihak", "sejumlah" and number words before the head
		j--
	}
	// "Komisi Nasional HAM Filipina …", "Badan Intelijen AS …": the
	// capitalised words of a name the knowledge base does not know, at
	// the start of the clause, belong to the mention's organisation.
	if k := j; k >= s.FirstToken && orgHeadRun(d, infos, &k) {
		j = k
	}
	if j < s.FirstToken {
		return true
	}
	if j == s.FirstToken && infos[j].word && !prepositions[infos[j].lower] && !isVerb(infos[j]) {
		// one opening adverb: "Ujung-ujungnya sejumlah jenderal …"
		return true
	}
	t := d.Tokens[j]
	if isQuote(t.Text) {
		// an opening quote at the start of the sentence or after a comma
		// opens a clause; a quoted phrase inside a clause does not
		return j == s.FirstToken || d.Tokens[j-1].Text == "," || d.Tokens[j-1].Text == ":"
	}
	if t.Kind == doc.Punct {
		// "(" before a name is an apposition, not a subject; nor is a place
		// that continues a locative ("di Bandara Juanda, Surabaya, Jawa
		// Timur setelah dideportasi": Jawa Timur is no one deported)
		return t.Text != "(" && !(t.Text == "," && m.Kind == doc.MentionPlace && locativeChain(d, infos, j))
	}
	if t.Kind == doc.Number || t.Kind == doc.Date {
		return false
	}
	return subjectOpeners[infos[j].lower]
}

// orgHeads open the name of an organisation, a body or an office.
var orgHeads = set("badan", "lembaga", "organisasi", "komisi", "komite", "dewan", "departemen", "kementerian", "kantor", "yayasan", "gerakan", "aliansi", "koalisi", "front", "asosiasi", "federasi", "serikat", "perhimpunan", "persatuan", "ikatan", "forum", "majelis", "biro", "dinas", "direktorat", "otoritas", "pusat", "institut", "jaringan", "partai", "kelompok", "pasukan", "satuan", "divisi", "korps", "unit", "mahkamah", "pengadilan", "kejaksaan", "kepolisian", "angkatan")

// orgHeadRun moves *j left over up to five capitalised words that start
// with an organisation head ("Badan Intelijen"), reporting whether it did.
func orgHeadRun(d *doc.Document, infos []tokInfo, j *int) bool {
	first := d.Sentences[d.Tokens[*j].Sentence].FirstToken
	k := *j
	for k >= first && k > *j-5 && d.Tokens[k].Kind == doc.Word && isUpperStart(d.Tokens[k].Text) {
		if orgHeads[infos[k].lower] {
			*j = k - 1
			return true
		}
		k--
	}
	return false
}

func subjectOpenersSkippable(w string) bool {
	switch w {
	case "para", "sejumlah", "ribuan", "ratusan", "puluhan", "beberapa", "seorang", "sang", "pihak", "kalangan", "sekelompok", "oknum", "mantan", "eks", "bekas", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "belasan", "lebih", "dari", "sedikitnya", "setidaknya", "sekitar":
		return true
	}
	return false
}

// coordinatedLeft extends mention mi leftwards over "A dan B", "A, B dan C".
func coordinatedLeft(d *doc.Document, mi int, infos []tokInfo, endAt map[int]int) []int {
	out := []int{mi}
	cur := d.Mentions[mi]
	sawAnd := false
	for {
		j := cur.FirstToken - 1
		s := d.Sentences[cur.Sentence]
		if j <= s.FirstToken {
			break
		}
		// "A, B dan C": a comma joins list members only left of a "dan";
		// "Menurut Lavrov, Rusia dan Indonesia" is not a list of three.
		if coordinators[infos[j].lower] {
			sawAnd = true
		} else if !(d.Tokens[j].Text == "," && sawAnd) {
			break
		}
		if coordinators[infos[j].lower] && j-1 > s.FirstToken && d.Tokens[j-1].Text == "," {
			j-- // "A, B, dan C"
		}
		pj, ok := endAt[j-1]
		if !ok {
			break
		}
		if d.Tokens[j].Text == "," && !isSubjectPosition(d, d.Mentions[pj], infos) && !precededByComma(d, d.Mentions[pj]) {
			break
		}
		out = append(out, pj)
		cur = d.Mentions[pj]
	}
	// "antara A dan B" / "baik A maupun B" handled by the same loop.
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

func precededByComma(d *doc.Document, m doc.Mention) bool {
	j := m.FirstToken - 1
	return j >= d.Sentences[m.Sentence].FirstToken && d.Tokens[j].Text == ","
}

// object finds the actor mentions after token pos (within a small window).
func object(d *doc.Document, si, pos int, infos []tokInfo, startAt map[int]int) []int {
	s := d.Sentences[si]
	// "mengusir diplomat Rusia": the pattern's last word opens a mention
	// ("diplomat Rusia"), which is then the object.
	if pos > s.FirstToken {
		if mi, ok := startAt[pos-1]; ok && d.Mentions[mi].LastToken > pos {
			return coordinatedRight(d, mi, infos, startAt)
		}
		if pos-2 >= s.FirstToken {
			if mi, ok := startAt[pos-2]; ok && d.Mentions[mi].LastToken > pos {
				return coordinatedRight(d, mi, infos, startAt)
			}
		}
	}
	for j, skipped := pos, 0; j < s.LastToken && skipped <= 4; j++ {
		if mi, ok := startAt[j]; ok {
			if d.Mentions[mi].Kind == doc.MentionPlace && j > 0 && (infos[j-1].lower == "di" || infos[j-1].lower == "dari") {
				return nil
			}
			return coordinatedRight(d, mi, infos, startAt)
		}
		w := infos[j].lower
		if isQuote(d.Tokens[j].Text) {
			continue // quotation marks around a phrase do not count
		}
		if w == "yang" {
			// "mengecam sanksi yang dijatuhkan AS": the target is the
			// agent of the act named as object
			return relativeAgent(d, si, j, infos, startAt)
		}
		if objectSkips[w] || d.Tokens[j].Kind == doc.Number {
			skipped++
			continue
		}
		// "menangkap dan memulangkan paksa 90 pengungsi": the object of the
		// first verb follows the coordinated second verb.
		if (w == "dan" || w == "serta" || w == "lalu") && j+1 < s.LastToken && isVerb(infos[j+1]) {
			j++
			skipped++
			continue
		}
		// adjectives/nouns between verb and a "terhadap/kepada" phrase:
		// "sanksi keras terhadap X", "kerja sama erat dengan X"
		if infos[j].word && !isVerb(infos[j]) && !objectStops[w] && skipped < 3 {
			skipped++
			continue
		}
		return nil
	}
	return nil
}

// relativeAgent returns the agent of a passive relative clause opened by
// "yang" at j: "yang dijatuhkan (oleh) Amerika Serikat", "yang dilakukan
// militer Israel".
func relativeAgent(d *doc.Document, si, j int, infos []tokInfo, startAt map[int]int) []int {
	s := d.Sentences[si]
	k := j + 1
	for k < s.LastToken && k < j+3 && (auxiliaries[infos[k].lower] || infos[k].lower == "baru") {
		k++
	}
	if k >= s.LastToken || !isVerb(infos[k]) || !infos[k].an.Passive() {
		return nil
	}
	k++
	if k < s.LastToken && infos[k].lower == "oleh" {
		k++
	}
	if mi, ok := startAt[k]; ok && d.Mentions[mi].Kind != doc.MentionPlace {
		return coordinatedRight(d, mi, infos, startAt)
	}
	return nil
}

// condemnVerbs condemn an act, which may have no named author.
var condemnVerbs = set("kecam", "kutuk", "kritik")

// actObject reports whether a plain noun follows the verb ending at pos
// ("mengecam penangkapan itu", "mengutuk keras serangan …"): the act
// condemned. It returns the position after that noun.
func actObject(d *doc.Document, si, pos int, infos []tokInfo) (int, bool) {
	s := d.Sentences[si]
	j := pos
	for j < s.LastToken && (infos[j].lower == "keras" || infos[j].lower == "tegas" || isQuote(d.Tokens[j].Text)) {
		j++
	}
	if j >= s.LastToken || !infos[j].word || isVerb(infos[j]) || !infos[j].an.Known || prepositions[infos[j].lower] || objectStops[infos[j].lower] ||
		objectSkips[infos[j].lower] || auxiliaries[infos[j].lower] || coordinators[infos[j].lower] || infos[j].an.Prefix == "ter" || isUpperStart(d.Tokens[j].Text) {
		return pos, false
	}
	return j + 1, true
}

// victimBefore reports whether "terhadap", "melawan" or "atas" stands in
// [from, to): the party after it suffered the act.
func victimBefore(infos []tokInfo, from, to int) bool {
	for j := from; j < to; j++ {
		switch infos[j].lower {
		case "terhadap", "melawan", "atas", "kepada":
			return true
		}
	}
	return false
}

func isUpperStart(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z'
	}
	return false
}

// isCapital reports whether a place mention names a capital, which can
// stand for its government ("Washington menuduh Teheran …").
func isCapital(m doc.Mention) bool {
	return m.Kind == doc.MentionPlace && len(m.Actors) > 0 && m.Actors[0].Sector == "GOV"
}

func isQuote(t string) bool {
	switch t {
	case "\"", "“", "”", "'", "‘", "’":
		return true
	}
	return false
}

// objectOfVerb reports whether the word at pos is the object of a verb just
// before it (over a determiner or a quotation mark).
func objectOfVerb(d *doc.Document, infos []tokInfo, pos int) bool {
	first := d.Sentences[d.Tokens[pos].Sentence].FirstToken
	for j := pos - 1; j >= first && j >= pos-3; j-- {
		if isQuote(d.Tokens[j].Text) || determiners[infos[j].lower] {
			continue
		}
		return isVerb(infos[j]) && infos[j].an.Prefix != "ber" && !lightVerbs[infos[j].an.Root]
	}
	return false
}

// lightVerbs carry a nominal event as their own ("menggelar rapat kerja",
// "melancarkan serangan", "menyatakan dukungan"): the nominal keeps the
// subject as its actor.
var lightVerbs = set("gelar", "ada", "laku", "lancar", "laksana", "selenggara", "beri", "ambil", "jalan", "jatuh", "aju", "sampai", "nyata", "umum", "lanjut", "terus", "mulai", "hadir", "ikut")

func isVerb(ti tokInfo) bool {
	switch ti.an.Prefix {
	case "meN", "di", "ber", "memper", "diper":
		return ti.an.Known
	}
	return false
}

func coordinatedRight(d *doc.Document, mi int, infos []tokInfo, startAt map[int]int) []int {
	out := []int{mi}
	cur := d.Mentions[mi]
	// A comma continues the list only when a "dan"/"serta" closes it
	// ("A, B dan C"); "menyerang Ukraina, NATO akan …" is not a list.
	lastCoord := 0 // length of out when a coordinator last joined
	for {
		j := cur.LastToken
		s := d.Sentences[cur.Sentence]
		if j+1 >= s.LastToken {
			break
		}
		if !(coordinators[infos[j].lower] || d.Tokens[j].Text == ",") {
			break
		}
		k := j + 1
		if coordinators[infos[k].lower] && k+1 < s.LastToken { // ", dan"
			k++
		}
		// "negara-negara Barat, khususnya AS serta Inggris": the parties
		// singled out belong to the list
		apposition := false
		if d.Tokens[j].Text == "," && k+1 < s.LastToken && singlingOut[infos[k].lower] {
			k++
			apposition = true
		}
		nj, ok := startAt[k]
		if !ok {
			break
		}
		out = append(out, nj)
		if coordinators[infos[j].lower] || k > j+1 || apposition {
			lastCoord = len(out)
		}
		cur = d.Mentions[nj]
	}
	if lastCoord == 0 {
		return out[:1]
	}
	return out[:lastCoord]
}

// agentAfterOleh finds "oleh X" after pos.
func agentAfterOleh(d *doc.Document, si, pos int, infos []tokInfo, startAt map[int]int) []int {
	s := d.Sentences[si]
	for j := pos; j < s.LastToken && j < pos+8; j++ {
		if infos[j].lower == "oleh" {
			for k := j + 1; k < s.LastToken && k <= j+2; k++ {
				if mi, ok := startAt[k]; ok {
					return coordinatedRight(d, mi, infos, startAt)
				}
			}
			return nil
		}
		if infos[j].lower == "yang" || d.Tokens[j].Text == "." {
			return nil
		}
	}
	return nil
}

// controlVerbs take an object that is the subject of the next verb:
// "mendesak Israel membuka akses", "menuduh China melanggar hukum",
// "mengapresiasi langkah Indonesia dalam membantu …". The value says
// whether the governed act is only asked for or alleged (true) rather
// than reported as done (false: praise and thanks name a real act).
var controlVerbs = map[string]bool{
	"desak": true, "minta": true, "seru": true, "imbau": true, "tuntut": true, "dorong": true, "ajak": true,
	"perintah": false, "suruh": false, "harap": true, "undang": true, "tantang": true, "peringat": true, "ingat": true,
	"tuduh": true, "tuding": true, "salah": true, "curiga": true, "duga": true, "klaim": true,
	"apresiasi": false, "puji": false, "sambut": false, "hormat": false,
}

// governedGap words may stand between a controlled object and its verb.
var governedGap = set("untuk", "agar", "supaya", "guna", "demi", "dalam", "telah", "sudah", "akan", "segera", "terus", "kembali", "juga", "tidak", "tak", "telah", "sedang", "mau", "bisa", "dapat", "harus", "secara", "ikut", "turut")

type controlled struct {
	subject    []int
	verb       int
	unasserted bool
}

// controlledSubject finds, for the verb at pos, the object of a control
// verb standing before it: "[V_ctrl] (up to two nouns) [M] (untuk|agar|…) pos".
func controlledSubject(d *doc.Document, si, pos int, infos []tokInfo, endAt map[int]int) (controlled, bool) {
	s := d.Sentences[si]
	j := pos - 1
	for j >= s.FirstToken && governedGap[infos[j].lower] && pos-j <= 3 {
		j--
	}
	mi, ok := endAt[j]
	if !ok || d.Mentions[mi].Kind == doc.MentionPlace && !isCapital(d.Mentions[mi]) {
		return controlled{}, false
	}
	chain := coordinatedLeft(d, mi, infos, endAt)
	k := d.Mentions[chain[0]].FirstToken - 1
	for n := 0; n < 2 && k >= s.FirstToken && infos[k].word && !isVerb(infos[k]) && !prepositions[infos[k].lower] &&
		!subjectOpeners[infos[k].lower] && !coordinators[infos[k].lower] && !auxiliaries[infos[k].lower] && infos[k].lower != "yang"; n++ {
		// "mengapresiasi (langkah) Indonesia", "memuji upaya Mesir"
		k--
	}
	if k < s.FirstToken || (!isVerb(infos[k]) || infos[k].an.Prefix != "meN" && infos[k].an.Prefix != "memper") && infos[k].lower != "minta" {
		return controlled{}, false
	}
	unasserted, ok := controlVerbs[infos[k].root]
	if !ok {
		return controlled{}, false
	}
	if k+1 < len(infos) && d.Mentions[chain[0]].FirstToken > k+1 && unasserted {
		// a request or an allegation takes its party directly: "mendesak
		// Israel …"; "menuduh sikap China …" is not a control structure
		return controlled{}, false
	}
	return controlled{subject: chain, verb: k, unasserted: unasserted}, true
}

func (c *Coder) build(d *doc.Document, si int, m match, infos []tokInfo, startAt, endAt map[int]int, syn func() *syntax, at []int, lead *doc.TimeExpr, articleContexts func() []string) (doc.Event, bool) {
	s := d.Sentences[si]
	var actorsIdx, recipIdx []int
	var why []string
	var stateActor *doc.Actor
	unasserted := false // an act someone asks for or alleges ("mendesak X membuka …")
	// A di- form matched through its voice-neutral key is a passive; one
	// written out in the pattern ("=dijadwalkan") is meant as it stands.
	passive := infos[m.head].an.Passive() && !strings.HasPrefix(m.p.elems[m.p.firstLit].word, "di") && !matchedExactly(m.p.elems[m.p.firstLit], infos[m.head])
	if m.slotA >= 0 {
		actorsIdx = slotChain(d, m.slotA, m.end, infos, startAt)
	}
	if m.slotR >= 0 {
		recipIdx = slotChain(d, m.slotR, m.end, infos, startAt)
	}
	if passive && m.slotA < 0 && m.slotR < 0 && m.p.Type == "MOBILIZE" {
		// "Polisi disiagakan": the mobilised force is the actor.
		actorsIdx = patientSubject(d, si, m.start, infos, endAt)
		why = append(why, "passive mobilisation: the subject is the actor")
	} else if passive && m.slotA < 0 && m.slotR < 0 {
		recipIdx = patientSubject(d, si, m.start, infos, endAt)
		actorsIdx = agentAfterOleh(d, si, m.end, infos, startAt)
		if len(actorsIdx) == 0 {
			// "dua orang ditangkap kepolisian": the agent may follow directly
			if mi, ok := startAt[m.end]; ok && d.Mentions[mi].Kind != doc.MentionPlace {
				actorsIdx = coordinatedRight(d, mi, infos, startAt)
			}
		}
		if len(actorsIdx) == 0 && (m.p.Type == "COERCE" || m.p.Type == "SANCTION") {
			// "Empat pengungsi Suriah ditangkap di Belanda": an arrest, trial
			// or deportation without a named agent is the state's act
			if a := locativeState(d, si, infos, m.start, m.end); a != nil {
				stateActor = a
				why = append(why, "no agent named: the state where it happened ("+a.Code+")")
			}
		}
		why = append(why, "passive voice")
	} else if m.trailA && !m.leadR && Reciprocal(m.p.Type) {
		// "pertemuan tiga negara", "pertemuan kedua pemimpin": the parties
		// named after the noun meet each other; a single one ("pertemuan
		// ASEAN") only hosts the meeting.
		actorsIdx = object(d, si, m.end, infos, startAt)
		if len(collect(d, actorsIdx)) < 2 {
			return doc.Event{}, false
		}
		why = append(why, "the parties named after the noun")
	} else if m.leadR || m.trailA {
		// "[R] menerima kunjungan [A]": the subject is the recipient.
		if m.slotR < 0 {
			recipIdx = patientSubject(d, si, m.start, infos, endAt)
		}
		if m.slotA < 0 {
			actorsIdx = object(d, si, m.end, infos, startAt)
			if len(actorsIdx) == 0 {
				actorsIdx = agentAfterOleh(d, si, m.end, infos, startAt)
			}
		}
	} else {
		if m.slotA < 0 && isVerb(infos[m.head]) {
			// "Malaysia mendesak Israel membuka akses": the object of a
			// control verb is the subject of the verb it governs.
			if ctrl, ok := controlledSubject(d, si, m.start, infos, endAt); ok {
				actorsIdx = ctrl.subject
				why = append(why, "subject '"+d.Mentions[ctrl.subject[0]].Text+"' is the object of '"+infos[ctrl.verb].lower+"'")
				if ctrl.unasserted {
					unasserted = true
					why = append(why, "asked for or alleged, not reported as done")
				}
			}
		}
		if m.slotA < 0 && len(actorsIdx) == 0 {
			actorsIdx = subject(d, si, m.start, infos, endAt)
			if len(actorsIdx) == 0 && c.mayParse(d, si) && isVerb(infos[m.head]) && anyMention(at, s.FirstToken, m.start) {
				// no party in subject position ("Menjelang subuh pasukan
				// Rusia menyerang …"): the parse's subject of the verb
				actorsIdx = actorMentions(d, withCoordinated(d, parsedSubject(syn(), m.head, infos, at), infos, startAt, endAt))
				if len(actorsIdx) > 0 {
					why = append(why, "subject from the dependency parse")
				}
			}
		}
		if m.slotR < 0 && !m.trailR && m.gapEnd > m.gapStart {
			for j := m.gapStart; j < m.gapEnd; j++ {
				if mi, ok := startAt[j]; ok && d.Mentions[mi].Kind != doc.MentionPlace {
					recipIdx = []int{mi}
					break
				}
			}
		}
		if m.slotR < 0 && len(recipIdx) == 0 {
			recipIdx = object(d, si, m.end, infos, startAt)
			if len(recipIdx) == 0 && c.mayParse(d, si) && isVerb(infos[m.head]) && needsRecipient[m.p.Type] && !saling(infos, s.FirstToken, m.start) &&
				anyMention(at, m.end, s.LastToken) {
				// no party right after the verb, and the event needs one:
				// the parse's object or target phrase ("mengecam sikap dan
				// tindakan keras aparat Malaysia"). With "saling" the parties
				// act on each other: what follows is not a third party.
				recipIdx = withCoordinated(d, parsedObject(syn(), m.head, infos, at, targetPreps), infos, startAt, endAt)
				if len(recipIdx) > 0 {
					why = append(why, "object from the dependency parse")
				}
			}
		}
	}
	if m.slotA < 0 && !m.leadA && !passive && !isVerb(infos[m.head]) && objectOfVerb(d, infos, m.start) {
		// "Indonesia mengecam serangan terhadap warga Palestina": a nominal
		// event that is the object of another verb has no actor of its own
		return doc.Event{}, false
	}
	if m.p.Type == "MOBILIZE" && len(recipIdx) == 1 && m.slotR < 0 && !passive {
		// "China mengerahkan kapal perang ke arah Taiwan": forces of no
		// stated country are the actor's own, not the target; the target
		// follows them.
		if r := d.Mentions[recipIdx[0]]; r.CountryGuessed && len(r.Actors) == 1 && (r.Actors[0].Sector == "MIL" || r.Actors[0].Sector == "COP") {
			recipIdx = object(d, si, r.LastToken, infos, startAt)
			why = append(why, "'"+r.Text+"' are the actor's own forces")
		}
	}
	condemnsAct := false
	if m.p.Type == "ACCUSE" && m.p.Mode == "disapprove" && condemnVerbs[infos[m.head].root] && m.slotR < 0 && !passive && !m.leadR && !m.trailA {
		// "mengutuk serangan terhadap pasukan Myanmar": the victims of
		// the condemned act are not its target; the act's author is, and
		// when none is named the condemnation has no recipient.
		if n, ok := actObject(d, si, m.end, infos); ok {
			condemnsAct = true
			if len(recipIdx) > 0 && victimBefore(infos, n, d.Mentions[recipIdx[0]].FirstToken) {
				recipIdx = nil
				why = append(why, "the condemned act's victims are not its target")
			}
		}
	}
	if m.p.Type == "REQUEST" {
		// a demand is made of a party, not of a place: "mengatakan
		// Jerusalem mesti tetap menjadi ibu kota …"
		var kept []int
		for _, mi := range recipIdx {
			if r := d.Mentions[mi]; r.Kind != doc.MentionPlace || isCapital(r) {
				kept = append(kept, mi)
			}
		}
		recipIdx = kept
	}
	actors := collect(d, actorsIdx)
	recips := collect(d, recipIdx)
	if (m.p.Type == "COERCE" || m.p.Type == "SANCTION") && len(actorsIdx) > 0 && len(recipIdx) == 1 && d.Mentions[recipIdx[0]].CountryGuessed {
		// "Kepolisian Jepang menahan dua pria": people arrested or tried by
		// a state's authorities without a stated nationality are its own.
		if a := d.Mentions[actorsIdx[0]]; !a.CountryGuessed && len(a.Actors) == 1 && stateSector[a.Actors[0].Sector] {
			for i := range recips {
				recips[i].Code = a.Actors[0].Code
			}
			// the same people may act later in the sentence ("menahan dua
			// pria yang menembaki …")
			rm := &d.Mentions[recipIdx[0]]
			for i := range rm.Actors {
				rm.Actors[i].Code = a.Actors[0].Code
			}
			rm.CountryGuessed = false
			why = append(why, "recipient's country from the acting state")
		}
	}
	if m.p.Type == "REQUEST" && len(actorsIdx) > 0 && len(recipIdx) == 1 && d.Mentions[recipIdx[0]].CountryGuessed &&
		len(recips) == 1 && stateSector[recips[0].Sector] {
		// "saya minta Menlu …" said by a member of parliament, "LSM
		// mendesak pemerintah": a bare ministry or government that a named
		// party addresses is that party's own, not the article's focus.
		if a := d.Mentions[actorsIdx[0]]; !a.CountryGuessed && len(a.Actors) == 1 && validState(a.Actors[0].Code) && recips[0].Code != a.Actors[0].Code {
			recips[0].Code = a.Actors[0].Code
			why = append(why, "recipient's country from the party addressing it")
		}
	}
	if m.p.Type == "REQUEST" && m.p.CAMEO == "100" && orderWords[infos[m.start].root] && len(actors) == 1 && len(recips) == 1 &&
		actors[0].Code == recips[0].Code && stateSector[actors[0].Sector] && stateSector[recips[0].Sector] {
		// "Trump memerintahkan Kementerian Luar Negeri …": an order inside
		// one state's executive is not an event (GUIDELINES v2 rule 3).
		return doc.Event{}, false
	}
	if len(actors) == 0 && stateActor != nil {
		actors = []doc.Actor{*stateActor}
	}
	if len(actors) == 0 {
		return doc.Event{}, false
	}
	if Reciprocal(m.p.Type) && len(actors) >= 2 && len(recips) > 0 && m.slotR < 0 && len(recipIdx) > 0 && !introducedByWith(d, infos, d.Mentions[recipIdx[0]].FirstToken) {
		// "Menlu Rusia dan Menlu AS bertemu di sela-sela KTT G20": the
		// parties are the coordinated subjects, not the venue
		recips = nil
	}
	allPairs := false
	if parties := distinctCodes(actors); Reciprocal(m.p.Type) && len(recips) == 0 && len(parties) >= 3 {
		// "Amerika Serikat, Jepang dan Australia bertemu": every party
		// meets every other one (splitMutual pairs them)
		actors, recips, allPairs = parties, parties, true
		why = append(why, "reciprocal: all pairs of the coordinated actors")
	} else if (Reciprocal(m.p.Type) || m.p.Type == "SUPPORT") && len(recips) == 0 && len(actors) >= 2 {
		recips = actors[1:]
		actors = actors[:1]
		why = append(why, "reciprocal: coordinated actors paired")
	}
	if Reciprocal(m.p.Type) && !allPairs {
		// Meeting or agreeing with oneself is not a dyad; a state and its
		// own minister named in one list ("Lavrov, Rusia") are one party.
		recips = dropMatching(recips, actors, func(r, a doc.Actor) bool {
			return a.Code == r.Code && (a.Sector == "" || r.Sector == "" || a.Sector == r.Sector)
		})
	}
	// "unjuk rasa di depan Kedutaan Besar Amerika Serikat", "latihan militer
	// di sekitar Taiwan": a protest or a show of force aimed at a place's
	// owner.
	if len(recips) == 0 && (m.p.Type == "PROTEST" || m.p.Type == "MOBILIZE") {
		for j := m.end; j+1 < s.LastToken && j < m.end+6; j++ {
			if !aimWords[infos[j].lower] {
				continue
			}
			if mi, ok := startAt[j+1]; ok {
				recips = collect(d, []int{mi})
				recipIdx = []int{mi}
				why = append(why, "aimed at '"+d.Mentions[mi].Text+"'")
			}
			break
		}
	}
	// "baku tembak antara pasukan Pakistan dan India": a clash between two
	// parties is an attack by each on the other.
	mutual := allPairs
	if m.p.Type == "ASSAULT" && strings.Contains(m.p.Text, "antara [A]") && len(recips) > 0 {
		actors = append(append([]doc.Actor{}, actors...), recips...)
		recips, mutual = actors, true
		why = append(why, "clash: mutual")
	}
	// "India dan Pakistan saling menuding": each party acts on the others.
	if len(recips) == 0 && len(actors) >= 2 && saling(infos, s.FirstToken, m.start) {
		recips, mutual = actors, true
		why = append(why, "'saling': mutual")
	}
	// Drop recipients that are the actor itself (splitMutual pairs the
	// parties of a mutual event later).
	if !mutual {
		recips = without(recips, actors)
	}
	if len(recips) == 0 && needsRecipient[m.p.Type] && !saling(infos, s.FirstToken, m.start) && !condemnsAct {
		// PLOVER's dyadic types without a target carry no usable event.
		return doc.Event{}, false
	}
	ev := doc.Event{
		ArticleID: d.ID,
		EventType: m.p.Type,
		Mode:      m.p.Mode,
		Actor:     actors,
		Recipient: recips,
		CAMEO:     m.p.CAMEO,
	}
	if ev.Recipient == nil {
		ev.Recipient = []doc.Actor{}
	}
	if row, ok := c.Dict.cameo[m.p.CAMEO]; ok {
		ev.Goldstein, ev.QuadClass = row.goldstein, row.quad
	}
	ev.PloverScore = c.Dict.PloverScore(m.p.Type, m.p.Mode)
	// Flags: look back from the verb to the subject (or 4 tokens).
	from := m.start - 4
	if len(actorsIdx) > 0 && !passive {
		if f := d.Mentions[actorsIdx[len(actorsIdx)-1]].LastToken; f < m.start && f > from {
			from = f
		}
	}
	if from < s.FirstToken {
		from = s.FirstToken
	}
	for j := from; j < m.start; j++ {
		w := infos[j].lower
		if negators[w] {
			ev.Negated = true
		}
		if futures[w] {
			ev.Future = true
		}
		if allegations[w] && j >= m.start-2 {
			// "yang dituduh membantu": an allegation reported, not an event
			ev.Hypothetical = true
		}
	}
	if !isVerb(infos[m.head]) {
		// a nominal pattern's predicate follows it: "demonstrasi mahasiswa
		// belum meletus"
		for j := m.end; j < s.LastToken && j < m.end+3; j++ {
			if negators[infos[j].lower] {
				ev.Negated = true
			}
		}
	}
	for j := s.FirstToken; j < m.start; j++ {
		if hypotheticals[infos[j].lower] {
			ev.Hypothetical = true
		}
		if infos[j].lower == "saja" && j > s.FirstToken && (infos[j-1].lower == "bisa" || infos[j-1].lower == "dapat") && j >= m.start-3 {
			ev.Hypothetical = true // "bisa saja menyerang": speculation
		}
		if historicalCue[infos[j].lower] {
			ev.Historical = true
		}
	}
	if strings.HasSuffix(strings.TrimSpace(d.SentenceText(si)), "?") {
		ev.Hypothetical = true
	}
	if unasserted {
		ev.Hypothetical = true
	}
	// PLOVER codes promised cooperation as AGREE and promised concessions
	// as CONCEDE.
	if ev.Future {
		switch ev.EventType {
		case "CONSULT", "SUPPORT", "COOPERATE", "AID":
			ev.EventType, ev.Mode, ev.CAMEO = "AGREE", "", futureCAMEO[ev.EventType]
		case "RETREAT":
			ev.EventType, ev.Mode, ev.CAMEO = "CONCEDE", "", "035"
		}
		if row, ok := c.Dict.cameo[ev.CAMEO]; ok {
			ev.Goldstein, ev.QuadClass = row.goldstein, row.quad
		}
		ev.PloverScore = c.Dict.PloverScore(ev.EventType, ev.Mode)
	}
	// Date.
	if te := sentenceTime(d, si, m.head); te != nil {
		ev.Date, ev.DatePrecision, ev.DateSource = te.Date.Format("2006-01-02"), te.Precision, "sentence"
		if !d.Published.IsZero() && te.Date.Before(d.Published.AddDate(0, 0, -14)) && te.Past {
			ev.Historical = true
		}
	} else if lead != nil && !ev.Historical {
		ev.Date, ev.DatePrecision, ev.DateSource = lead.Date.Format("2006-01-02"), lead.Precision, "article"
	} else if !d.Published.IsZero() {
		ev.Date, ev.DatePrecision, ev.DateSource = d.Published.Format("2006-01-02"), doc.PrecisionDay, "publication"
	}
	// Location: "di <place>" in the sentence, else the dateline.
	ev.Location = sentencePlace(d, si, infos)
	if ev.Location == nil && d.Dateline != nil && d.Dateline.Place != nil && involves(ev, d.Dateline.Place.Country) {
		// The dateline places an event only when its country takes part.
		p := *d.Dateline.Place
		ev.Location = &p
	}
	ev.Contexts = c.contexts(infos, s.FirstToken, s.LastToken)
	if len(ev.Contexts) == 0 {
		ev.Contexts = articleContexts()
	}
	ev.Evidence = doc.Evidence{Sentence: si, Start: s.Start, End: s.End, Text: d.Text[s.Start:s.End]}
	ev.Source = doc.SourceInfo{URL: d.URL, Outlet: d.Source, Language: "id"}
	if d.Dateline != nil && ev.Source.Outlet == "" {
		ev.Source.Outlet = d.Dateline.Outlet
	}
	if !d.Published.IsZero() {
		ev.Source.Published = d.Published.Format(time.RFC3339)
	}
	// Confidence.
	conf := 0.5
	for _, mi := range append(append([]int{}, actorsIdx...), recipIdx...) {
		switch d.Mentions[mi].Kind {
		case doc.MentionPronoun:
			conf -= 0.1
		case doc.MentionAgent:
			if strings.Contains(d.Mentions[mi].Resolution, "article context") {
				conf -= 0.1
			}
		default:
			conf += 0.05
		}
	}
	if len(recips) > 0 {
		conf += 0.1
	}
	if m.p.literals >= 2 {
		conf += 0.1
	}
	if ev.DateSource == "sentence" {
		conf += 0.05
	}
	if conf > 0.95 {
		conf = 0.95
	}
	if conf < 0.1 {
		conf = 0.1
	}
	ev.Confidence = float64(int(conf*100+0.5)) / 100
	ev.ID = eventID(d.ID, si, m.start, ev)
	// Explanation.
	var b strings.Builder
	fmt.Fprintf(&b, "pattern %q (%s) matched %q", m.p.Text, m.p.Source, spanText(d, m.start, m.end))
	for _, w := range why {
		b.WriteString("; " + w)
	}
	for _, mi := range actorsIdx {
		fmt.Fprintf(&b, "\n      actor %q: %s", d.Mentions[mi].Text, d.Mentions[mi].Resolution)
	}
	for _, mi := range recipIdx {
		fmt.Fprintf(&b, "\n      recipient %q: %s", d.Mentions[mi].Text, d.Mentions[mi].Resolution)
	}
	ev.Explanation = b.String()
	return ev, true
}

// distinctCodes keeps the first actor of each country or organisation code.
func distinctCodes(as []doc.Actor) []doc.Actor {
	var out []doc.Actor
	seen := map[string]bool{}
	for _, a := range as {
		if !seen[a.Code] {
			seen[a.Code] = true
			out = append(out, a)
		}
	}
	return out
}

// splitMutual turns a mutual event (actors == recipients, from "saling")
// into one event per party, each acting on the others.
func splitMutual(ev doc.Event) []doc.Event {
	if len(ev.Actor) < 2 || !sameActors(ev.Actor, ev.Recipient) {
		return []doc.Event{ev}
	}
	var out []doc.Event
	for i, a := range ev.Actor {
		e := ev
		e.Actor = []doc.Actor{a}
		e.Recipient = nil
		for j, r := range ev.Actor {
			// A reciprocal event (a meeting of three states) is one event
			// per pair, in the order the parties were named; a directed one
			// ("saling menuding") goes both ways.
			if j > i || j < i && !Reciprocal(ev.EventType) {
				e.Recipient = append(e.Recipient, r)
			}
		}
		if len(e.Recipient) == 0 {
			continue
		}
		e.ID = eventID(ev.ID, i, 0, e)
		out = append(out, e)
	}
	return out
}

// saling reports whether "saling" (each other) stands just before the verb.
func saling(infos []tokInfo, first, start int) bool {
	for j := start - 1; j >= first && j >= start-2; j-- {
		if infos[j].lower == "saling" {
			return true
		}
	}
	return infos[start].lower == "saling"
}

func collect(d *doc.Document, idx []int) []doc.Actor {
	var out []doc.Actor
	seen := map[string]bool{}
	for _, mi := range idx {
		for _, a := range d.Mentions[mi].Actors {
			if a.Code == "" {
				continue
			}
			k := a.Code + "/" + a.Sector + "/" + a.Name
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
}

// without drops recipients that are the actor itself: the same named
// person or the same words. Opposition leaders urging their own supporters
// (both IRN OPP) stay a dyad.
func without(rs, as []doc.Actor) []doc.Actor {
	return dropMatching(rs, as, func(r, a doc.Actor) bool {
		// the same named party, or the very same words ("mereka … mereka")
		return a.Code == r.Code && (a.Name == r.Name && a.Name != "" || a.Text == r.Text)
	})
}

func dropMatching(rs, as []doc.Actor, same func(r, a doc.Actor) bool) []doc.Actor {
	var out []doc.Actor
	for _, r := range rs {
		dup := false
		for _, a := range as {
			if same(r, a) {
				dup = true
			}
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out
}

// sentenceTime picks the time expression of sentence si nearest to token head.
func sentenceTime(d *doc.Document, si, head int) *doc.TimeExpr {
	s := d.Sentences[si]
	hs := d.Tokens[head].Start
	var best *doc.TimeExpr
	bestDist := 1 << 30
	for i := range d.Times {
		t := &d.Times[i]
		if t.Start < s.Start || t.End > s.End {
			continue
		}
		dist := t.Start - hs
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = t, dist
		}
	}
	return best
}

func sentencePlace(d *doc.Document, si int, infos []tokInfo) *doc.Place {
	for _, m := range locatives(d, si, infos) {
		if m.Kind == doc.MentionPlace && m.Place != nil && m.Place.Name != "" {
			p := *m.Place
			return &p
		}
	}
	return nil
}

// locatives returns the mentions of sentence si that follow "di", in order.
// Mentions are stored sentence by sentence, so the sentence's run is found
// by binary search.
func locatives(d *doc.Document, si int, infos []tokInfo) []doc.Mention {
	lo := sort.Search(len(d.Mentions), func(i int) bool { return d.Mentions[i].Sentence >= si })
	var out []doc.Mention
	for _, m := range d.Mentions[lo:] {
		if m.Sentence != si {
			break
		}
		if m.FirstToken > 0 && infos[m.FirstToken-1].lower == "di" {
			out = append(out, m)
		}
	}
	return out
}

// clauseBreaks are the words that open another clause: a place named after
// one is not where the trigger's act happened.
var clauseBreaks = map[string]bool{";": true, "ketika": true, "saat": true, "setelah": true, "sebelum": true, "karena": true,
	"sebab": true, "tuduhan": true, "yang": true, "sedangkan": true, "sementara": true, "tapi": true, "tetapi": true,
	"namun": true, "meski": true, "meskipun": true, "walaupun": true, "usai": true, "sejak": true, "bahwa": true}

// locativeState returns the state of the first "di X" in sentence si, where
// X is a country or a place in one ("ditangkap di Belanda"), as its
// government (GOV): the authorities that arrest, try or deport. Only a
// place in the clause of the trigger (tokens [start, end)) counts, with no
// subordinating word between: in "dijebloskan ke penjara Guantanamo ketika
// …, dengan tuduhan membunuh tentara AS di Afghanistan" Afghanistan did not
// jail him; in "ratusan ditangkap, sejumlah tempat di Jakarta menjadi
// arang" the listed clauses share their place.
func locativeState(d *doc.Document, si int, infos []tokInfo, start, end int) *doc.Actor {
	sameClause := func(from, to int) bool {
		for j := from; j < to; j++ {
			if clauseBreaks[infos[j].lower] {
				return false
			}
		}
		return true
	}
	for _, m := range locatives(d, si, infos) {
		if m.FirstToken >= end && !sameClause(end, m.FirstToken) || m.LastToken <= start && !sameClause(m.LastToken, start) {
			continue
		}
		if m.Kind == doc.MentionPlace && m.Place != nil && m.Place.Country != "" {
			return &doc.Actor{Code: m.Place.Country, Sector: "GOV", Text: m.Text}
		}
		if m.Kind == doc.MentionCountry && len(m.Actors) == 1 {
			a := m.Actors[0]
			return &doc.Actor{Code: a.Code, Sector: "GOV", Text: m.Text, Name: a.Name}
		}
	}
	return nil
}

// contexts returns, in dictionary order, the PLOVER contexts whose cue
// words occur among tokens [from, to).
func (c *Coder) contexts(infos []tokInfo, from, to int) []string {
	found := make([]bool, len(c.Dict.contexts))
	for j := from; j < to; j++ {
		ti := infos[j]
		if !ti.word {
			continue
		}
		for _, ci := range c.Dict.cueIndex[byKey][ti.key] {
			found[ci] = true
		}
		for _, ci := range c.Dict.cueIndex[byRoot][ti.root] {
			found[ci] = true
		}
		for _, ci := range c.Dict.cueIndex[byExact][ti.lower] {
			found[ci] = true
		}
	}
	var out []string
	for ci, ok := range found {
		if ok {
			out = append(out, c.Dict.contexts[ci].name)
		}
	}
	return out
}

func spanText(d *doc.Document, first, last int) string {
	if first >= last {
		return ""
	}
	return d.Text[d.Tokens[first].Start:d.Tokens[last-1].End]
}

func eventID(article string, si, tok int, ev doc.Event) string {
	h := sha1.New()
	fmt.Fprintf(h, "%s|%d|%d|%s", article, si, tok, ev.EventType)
	for _, a := range ev.Actor {
		fmt.Fprintf(h, "|a:%s/%s", a.Code, a.Sector)
	}
	for _, a := range ev.Recipient {
		fmt.Fprintf(h, "|r:%s/%s", a.Code, a.Sector)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func involves(ev doc.Event, code string) bool {
	for _, a := range ev.Actor {
		if a.Code == code {
			return true
		}
	}
	for _, a := range ev.Recipient {
		if a.Code == code {
			return true
		}
	}
	return false
}

func sameEvent(a, b doc.Event) bool {
	if a.EventType != b.EventType || a.Negated != b.Negated || a.Hypothetical != b.Hypothetical {
		return false
	}
	return sameActors(a.Actor, b.Actor) && sameActors(a.Recipient, b.Recipient) ||
		Reciprocal(a.EventType) && sameActors(a.Actor, b.Recipient) && sameActors(a.Recipient, b.Actor)
}

func sameActors(x, y []doc.Actor) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i].Code != y[i].Code || x[i].Sector != y[i].Sector {
			return false
		}
	}
	return true
}
