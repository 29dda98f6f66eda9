// Package doc holds Warta's document model: one Document carries an article's
// raw and cleaned text and every annotation the pipeline stages add to it
// (dateline, sentences, tokens with lemmas, part-of-speech tags and
// dependency arcs, mentions, time expressions, events).
//
// Offsets are byte offsets into Document.Text (the cleaned text) unless a
// field says otherwise. Stages add annotations; they never copy or rewrite
// Text once the cleaning stage has set it. This package depends on nothing
// but the standard library, and every other package depends on it.
package doc

import "time"

// Document is one news article flowing through the pipeline.
type Document struct {
	ID        string    // article id (file name without extension, JSONL "id", or a content hash)
	Title     string    // headline, when the input has one
	URL       string    // canonical URL, when known
	Source    string    // outlet name given by the input ("source" in JSONL)
	Published time.Time // publication time; zero when unknown
	// PublishedGuessed is true when Published did not come from the input
	// itself (e.g. it was set by --published or is today's date).
	PublishedGuessed bool

	Raw  string // the text as read, before cleaning
	Text string // the cleaned text all offsets refer to
	// Cleaned is set by article.Clean: Text, Dateline and Removed are those
	// of Raw, and a pipeline does not clean the Document again (so whoever
	// changes Raw afterwards must clear it).
	Cleaned bool

	Dateline *Dateline // parsed dateline, nil when none was found
	// Focus is the ISO-3 code of the country the article is mostly about,
	// set by the resolver; bare agent nouns default to it.
	Focus   string
	Removed []Removed // boilerplate lines dropped from Raw by the cleaner

	Sentences []Sentence
	Tokens    []Token
	Mentions  []Mention
	Times     []TimeExpr
	Events    []Event
}

// Dateline is the "Caracas, Purna Warta –" opening of an article.
type Dateline struct {
	Location string // place named by the dateline ("Caracas"); may be empty
	Outlet   string // outlet named by the dateline ("Purna Warta"); may be empty
	Raw      string // the dateline as written, without the dash
	Place    *Place // Location resolved by the resolver; nil when unknown
}

// Removed records one line the cleaner dropped and why.
type Removed struct {
	Line   string // the line as it appeared in Raw (trimmed)
	Reason string // e.g. "baca-juga", "advertisement", "caption", "sign-off"
}

// Span is a half-open byte range [Start, End) in Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// TokenKind classifies a token by its shape.
type TokenKind uint8

const (
	Word   TokenKind = iota // letters, possibly with hyphens or apostrophes (negara-negara)
	Number                  // 1.000, 3,5, 2023
	Date                    // 4/1, 04/01/2023
	Punct                   // . , ; : ( ) " etc.
	Abbrev                  // Dr., dll., S.H.
	URL                     // http://…, www.…
	Symbol                  // anything else (@user, #tag, %, emoji)
)

// String names the kind for --explain and tests.
func (k TokenKind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Date:
		return "date"
	case Punct:
		return "punct"
	case Abbrev:
		return "abbrev"
	case URL:
		return "url"
	default:
		return "symbol"
	}
}

// Token is one token of the cleaned text.
type Token struct {
	Start, End int       // byte offsets into Document.Text
	Text       string    // Document.Text[Start:End]
	Kind       TokenKind // shape class
	Sentence   int       // index into Document.Sentences
	Lemma      string    // lemma in UD Indonesian style (morph.Analyzer.Lemma), set by the morphology stage ("" before it)
	Clitic     string    // enclitic split off the word by morphology: "nya", "lah", "kah", "pun"
	// UPOS is the Universal Dependencies part of speech (NOUN, VERB,
	// PROPN, ADP, …), set by the tagging stage; "" before it and in the
	// sentences the pipeline does not analyse.
	UPOS string
	// Head and Deprel are the token's dependency arc, set by the parsing
	// stage. They mean something only when Document.Sentences[Sentence].Parsed
	// is true; before, they are zero values, and Head 0 is also a valid
	// index, so read Parsed first. In a parsed sentence, Head is the index
	// in Document.Tokens of the token's head, a token of the same
	// sentence, or -1 when the token is the root of its sentence.
	Head   int
	Deprel string // relation to the head: "nsubj", "obj", "obl:agent", "root", …
	// NER is the token's named-entity tag in BIO form ("B-PER", "I-ORG",
	// "B-LOC", "O"), set by the naming stage for every token of the
	// sentences it labels (Document.Sentences[Sentence].Named); "" before
	// it and in the sentences it does not label.
	NER string
}

// Sentence is one sentence of the cleaned text.
type Sentence struct {
	Index      int // position in Document.Sentences
	Start, End int // byte offsets into Document.Text
	// FirstToken and LastToken delimit the sentence's tokens in
	// Document.Tokens: tokens [FirstToken, LastToken).
	FirstToken, LastToken int
	// Parsed is true once the parsing stage has set Head and Deprel of
	// every token of the sentence. The pipeline parses only the sentences
	// its options select, so the other sentences stay unparsed.
	Parsed bool
	// Named is true once the naming stage has set Token.NER of every token
	// of the sentence. The pipeline names only the sentences its options
	// select, so the other sentences stay unnamed.
	Named bool
}

// MentionKind says what a mention refers to.
type MentionKind string

const (
	MentionCountry MentionKind = "country" // a state, by name, alias, capital or demonym
	MentionOrg     MentionKind = "org"     // an international or domestic organisation
	MentionPerson  MentionKind = "person"  // a known person
	MentionAgent   MentionKind = "agent"   // a role or collective noun (presiden, polisi, demonstran)
	MentionBloc    MentionKind = "bloc"    // a bloc of states (Barat)
	MentionPronoun MentionKind = "pronoun" // dia, ia, beliau, mereka
	MentionPlace   MentionKind = "place"   // a city or region (location, not an actor by itself)
)

// Mention is a span of tokens that names an actor or a place.
type Mention struct {
	Sentence              int         // sentence index
	FirstToken, LastToken int         // tokens [FirstToken, LastToken) in Document.Tokens
	Start, End            int         // byte offsets into Document.Text
	Text                  string      // Document.Text[Start:End]
	Kind                  MentionKind // what it names
	Actors                []Actor     // resolved actors (several for "kedua negara")
	Place                 *Place      // resolved place, when the mention names one
	Resolution            string      // how it was resolved, for --explain
	// CountryGuessed is true when the text names no country for the
	// mention and its code came from the article's context.
	CountryGuessed bool
}

// Actor is a coded participant of an event.
type Actor struct {
	Code     string `json:"code"`               // ISO-3 country or UNO, EUR, IGO, NGO, MNC, ISM, WST
	Sector   string `json:"sector,omitempty"`   // PLOVER sector: GOV, MIL, COP, JUD, LEG, PTY, REB, OPP, CVL, BUS, MED, REL…
	Text     string `json:"text"`               // the mention as written
	Name     string `json:"name,omitempty"`     // canonical name from the knowledge base
	Wikidata string `json:"wikidata,omitempty"` // Wikidata id, when known
}

// Place is a resolved location.
type Place struct {
	Text      string  `json:"text"`
	Name      string  `json:"name,omitempty"`
	Country   string  `json:"country,omitempty"` // ISO-3
	GeonameID int     `json:"geonameid,omitempty"`
	Lat       float64 `json:"lat,omitempty"`
	Lon       float64 `json:"lon,omitempty"`
	// Admin1 is the GeoNames admin-1 code "CC.XX" of the place's province
	// or state ("ID.30" = Jawa Barat), when known.
	Admin1 string `json:"admin1,omitempty"`
	// Level is "city", "province" (admin-1), "region" (island, territory,
	// sea) or "country".
	Level string `json:"level,omitempty"`
}

// Precision of a date.
const (
	PrecisionDay   = "day"
	PrecisionWeek  = "week"
	PrecisionMonth = "month"
	PrecisionYear  = "year"
)

// TimeExpr is a time expression found in the text and resolved against the
// publication date.
type TimeExpr struct {
	Start, End int       // byte offsets into Document.Text
	Text       string    // as written
	Date       time.Time // resolved date (first day of the period for month/year precision)
	Precision  string    // PrecisionDay, PrecisionWeek, PrecisionMonth or PrecisionYear
	Past       bool      // the expression places the event before publication ("lalu", "kemarin")
	// WeekdayMismatch is true when a written weekday disagrees with the
	// written date ("Senin (4/1)" when 4 January was a Wednesday).
	WeekdayMismatch bool
}

// Evidence points at the sentence an event was coded from.
type Evidence struct {
	Sentence int    `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
}

// SourceInfo describes the article an event comes from.
type SourceInfo struct {
	URL       string `json:"url,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	Language  string `json:"language,omitempty"`
}

// Event is one coded event, serialised as one JSON line (DESIGN §3).
type Event struct {
	ID            string `json:"id"`
	ArticleID     string `json:"article_id"`
	Date          string `json:"date"`
	DatePrecision string `json:"date_precision"`
	// DateSource says where Date came from: "sentence" (a time expression
	// in the evidence sentence), "article" (the article's lead date) or
	// "publication" (the publication date, a fallback).
	DateSource   string     `json:"date_source"`
	EventType    string     `json:"event_type"`
	Mode         string     `json:"mode,omitempty"`
	Contexts     []string   `json:"contexts,omitempty"`
	Actor        []Actor    `json:"actor"`
	Recipient    []Actor    `json:"recipient"`
	Location     *Place     `json:"location,omitempty"`
	CAMEO        string     `json:"cameo"`
	Goldstein    float64    `json:"goldstein"`
	QuadClass    int        `json:"quad_class"`
	PloverScore  float64    `json:"plover_score"`
	Negated      bool       `json:"negated"`
	Future       bool       `json:"future"`
	Hypothetical bool       `json:"hypothetical"`
	Historical   bool       `json:"historical"`
	Confidence   float64    `json:"confidence"`
	Evidence     Evidence   `json:"evidence"`
	Source       SourceInfo `json:"source"`
	// Explanation says which pattern and which resolutions produced the
	// event; printed by --explain, not part of the JSON record.
	Explanation string `json:"-"`
}

// SentenceText returns the text of sentence i.
func (d *Document) SentenceText(i int) string {
	s := d.Sentences[i]
	return d.Text[s.Start:s.End]
}

// SentenceTokens returns the tokens of sentence i.
func (d *Document) SentenceTokens(i int) []Token {
	s := d.Sentences[i]
	return d.Tokens[s.FirstToken:s.LastToken]
}

// SentenceSpan returns sentence i and its tokens, and false when i is out
// of range or the sentence's token span does not fit d.Tokens (a Document
// built by hand), so that a stage can skip such a sentence instead of
// failing.
func (d *Document) SentenceSpan(i int) (*Sentence, []Token, bool) {
	if i < 0 || i >= len(d.Sentences) {
		return nil, nil, false
	}
	s := &d.Sentences[i]
	if s.FirstToken < 0 || s.LastToken > len(d.Tokens) || s.FirstToken >= s.LastToken {
		return nil, nil, false
	}
	return s, d.Tokens[s.FirstToken:s.LastToken], true
}
