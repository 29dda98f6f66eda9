// Package pipeline wires Warta's stages into one pass over a Document —
// clean → segment → lemmatise → time expressions → name → resolve → tag →
// parse → code events — and runs that pass over a stream of articles on a pool of
// workers, keeping the input order in the output.
//
// The tagging and parsing stages (packages tagger and parser, or biaffine
// with Options.Parser) set the UPOS tags and dependency arcs of the
// sentences Options.Parse selects; the event coder takes an event's actor or recipient from the subject or
// object relations of the parse where word order finds none. By default
// they analyse only the sentences where the coder reads the parse, which
// the coder lists by coding the Document without one
// (event.Coder.CodeWithoutParse): that needs the resolved mentions, so
// tagging and parsing come after resolving, and when the coder lists no
// sentence (most articles) that coding is the result.
//
// The naming stage (package ner) sets the BIO named-entity tags
// (Token.NER) of the sentences Options.Names selects, before resolving: the
// resolver reads them to tell an unknown name's kind (a person, an
// organisation or a place). By default it labels only the sentences the
// resolver may ask about (resolve.Resolver.NameSentences).
package pipeline

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/warta-id/warta/article"
	"github.com/warta-id/warta/biaffine"
	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/event"
	"github.com/warta-id/warta/kb"
	"github.com/warta-id/warta/morph"
	"github.com/warta-id/warta/ner"
	"github.com/warta-id/warta/parser"
	"github.com/warta-id/warta/resolve"
	"github.com/warta-id/warta/segment"
	"github.com/warta-id/warta/source"
	"github.com/warta-id/warta/tagger"
	"github.com/warta-id/warta/timex"
)

// Options configure a Pipeline.
type Options struct {
	KBDir   string // user knowledge-base overlay directory ("" for none)
	DictDir string // user dictionary overlay directory ("" for none)
	// Parse selects the sentences the tagging and parsing stages analyse
	// (see Scope); "" means ScopeEvents.
	Parse Scope
	// NoParse, when true, overrides Parse with ScopeNone (the older
	// spelling of it, kept for --no-parse).
	NoParse bool
	// Names selects the sentences the naming stage labels (see
	// NameScope); "" means NamesSentences.
	Names NameScope
	// Parser chooses the dependency parser; "" means ParserTransition.
	Parser ParserKind
}

// ParserKind names the dependency parser of the parsing stage.
type ParserKind string

const (
	// ParserTransition is the greedy transition parser (package parser):
	// fast, the default.
	ParserTransition ParserKind = "transition"
	// ParserBiaffine is the BiLSTM biaffine parser (package biaffine),
	// helped by the transition parser: more accurate (UD LAS about 2.5
	// points higher), about 13 times slower to parse a sentence.
	ParserBiaffine ParserKind = "biaffine"
)

// ParseParserKind reads a parser name as given on a command line.
func ParseParserKind(s string) (ParserKind, error) {
	return oneOf("parser", s, ParserTransition, ParserBiaffine)
}

// oneOf returns s as a T when it is one of choices, and otherwise an error
// naming what was asked for and listing the choices.
func oneOf[T ~string](what, s string, choices ...T) (T, error) {
	names := make([]string, len(choices))
	for i, c := range choices {
		if string(c) == s {
			return c, nil
		}
		names[i] = string(c)
	}
	want := names[len(names)-1]
	if len(names) > 1 {
		want = strings.Join(names[:len(names)-1], ", ") + " or " + want
	}
	return "", fmt.Errorf("pipeline: unknown %s %q (want %s)", what, s, want)
}

// documentParser is a parsing stage: package parser's or package biaffine's.
type documentParser interface {
	ParseDocument(d *doc.Document, sentences []int) int
}

// NameScope says which sentences of a Document the naming stage labels.
type NameScope string

const (
	// NamesSentences labels the sentences in which the resolver may ask
	// about a name (resolve.Resolver.NameSentences: a capitalised word the
	// knowledge base does not know). The default.
	NamesSentences NameScope = "sentences"
	// NamesAll labels every sentence: for callers that want named-entity
	// tags on the whole Document.
	NamesAll NameScope = "all"
	// NamesNone runs no naming stage: the resolver asks the recogniser on
	// demand about a few tokens around each unknown name, and no Token.NER
	// is set.
	NamesNone NameScope = "none"
)

// ParseNameScope reads a naming scope as given on a command line.
func ParseNameScope(s string) (NameScope, error) {
	return oneOf("naming scope", s, NamesSentences, NamesAll, NamesNone)
}

// Scope says which sentences of a Document the tagging and parsing stages
// cover. The event coder reads the parse of a sentence only where word
// order finds no actor, or no recipient for an event that needs one.
type Scope string

const (
	// ScopeEvents analyses the sentences whose parse the event coder
	// reads (event.Coder.CodeWithoutParse: an event verb with no actor,
	// or no needed recipient, found by word order), so it codes the same
	// events as ScopeAll at a fraction of its cost. The default.
	ScopeEvents Scope = "events"
	// ScopeAll analyses every sentence: for callers that want UPOS tags
	// and dependency arcs on the whole Document (about a tenth of the
	// throughput of ScopeNone).
	ScopeAll Scope = "all"
	// ScopeNone analyses no sentence: the coder finds parties by word
	// order alone (faster, and slightly less accurate).
	ScopeNone Scope = "none"
)

// ParseScope reads a scope name as given on a command line.
func ParseScope(s string) (Scope, error) {
	return oneOf("parse scope", s, ScopeEvents, ScopeAll, ScopeNone)
}

// Pipeline holds the loaded resources of every stage. It is safe for
// concurrent use.
type Pipeline struct {
	Morph    *morph.Analyzer
	KB       *kb.KB
	Resolver *resolve.Resolver
	Coder    *event.Coder
	// Scope is the sentences the tagging and parsing stages analyse
	// (never "").
	Scope Scope
	// Names is the sentences the naming stage labels (never "").
	Names NameScope
	// Parser is the dependency parser of the parsing stage (never "").
	Parser ParserKind

	// The named-entity recogniser, loaded on the first sentence to label.
	nerOnce sync.Once
	ner     *ner.Recognizer
	nerErr  error

	// The tagger and the parser, loaded on the first sentence to analyse.
	analyserOnce sync.Once
	tagger       *tagger.Tagger
	parser       documentParser
	analyserErr  error
}

// New loads the embedded data (and the overlays named in opts).
func New(opts Options) (*Pipeline, error) {
	an, err := morph.Default()
	if err != nil {
		return nil, err
	}
	if err := article.DataError(); err != nil {
		return nil, err
	}
	var k *kb.KB
	if opts.KBDir == "" {
		k, err = kb.Default()
	} else {
		k, err = kb.LoadWithOverlay(opts.KBDir)
	}
	if err != nil {
		return nil, err
	}
	dict, err := event.LoadDictionary(an, opts.DictDir)
	if err != nil {
		return nil, err
	}
	scope := opts.Parse
	switch {
	case opts.NoParse:
		scope = ScopeNone
	case scope == "":
		scope = ScopeEvents
	}
	if _, err := ParseScope(string(scope)); err != nil {
		return nil, err
	}
	names := opts.Names
	if names == "" {
		names = NamesSentences
	}
	if _, err := ParseNameScope(string(names)); err != nil {
		return nil, err
	}
	kind := opts.Parser
	if kind == "" {
		kind = ParserTransition
	}
	if _, err := ParseParserKind(string(kind)); err != nil {
		return nil, err
	}
	res := &resolve.Resolver{KB: k, Morph: an}
	if names == NamesNone {
		// no naming stage: the resolver asks the recogniser itself
		res.NER = loadNER
	}
	return &Pipeline{
		Morph:    an,
		KB:       k,
		Resolver: res,
		Coder:    &event.Coder{Dict: dict, An: an},
		Scope:    scope,
		Names:    names,
		Parser:   kind,
	}, nil
}

// analysers returns the tagger and the parser, loading them on the first
// call.
func (p *Pipeline) analysers() (*tagger.Tagger, documentParser, error) {
	p.analyserOnce.Do(func() {
		if p.tagger, p.analyserErr = tagger.Default(); p.analyserErr == nil {
			var ps *parser.Parser
			ps, p.analyserErr = parser.Default()
			p.parser = ps
			if p.analyserErr == nil && p.Parser == ParserBiaffine {
				// the transition parser's arcs help the biaffine one
				// choose its trees (biaffine/model/README.md)
				var m *biaffine.Model
				if m, p.analyserErr = biaffine.Default(); p.analyserErr == nil {
					p.parser = m.WithHelpers(1, ps.Parse)
				}
			}
		}
		if p.analyserErr != nil {
			p.analyserErr = fmt.Errorf("pipeline: tagger and parser: %w", p.analyserErr)
		}
	})
	return p.tagger, p.parser, p.analyserErr
}

// recognizer returns the named-entity recogniser, loading it on the first
// call.
func (p *Pipeline) recognizer() (*ner.Recognizer, error) {
	p.nerOnce.Do(func() { p.ner, p.nerErr = loadNER() })
	return p.ner, p.nerErr
}

// name is the naming stage: it labels the sentences p.Names selects. When
// the recogniser cannot be loaded (its model is embedded, so only a broken
// build does that), no sentence is named and unknown names stay people.
func (p *Pipeline) name(d *doc.Document) {
	var sents []int
	switch p.Names {
	case NamesAll:
		sents = make([]int, len(d.Sentences))
		for i := range sents {
			sents[i] = i
		}
	case NamesSentences:
		sents = p.Resolver.NameSentences(d)
	}
	if len(sents) == 0 {
		return
	}
	if rec, err := p.recognizer(); err == nil {
		rec.LabelDocument(d, sents)
	}
}

// loadNER loads the named-entity recogniser.
func loadNER() (*ner.Recognizer, error) {
	r, err := ner.Default()
	if err != nil {
		return nil, fmt.Errorf("pipeline: named-entity recogniser: %w", err)
	}
	return r, nil
}

// Process runs every stage over d. When the tagger or the parser cannot be
// loaded (their models are embedded, so only a broken build does that), the
// sentences stay unanalysed and the coder uses word order alone.
func (p *Pipeline) Process(d *doc.Document) {
	if !d.Cleaned {
		article.Clean(d) // the ingester may have cleaned it already, to sign it
	}
	segment.Segment(d)
	p.Morph.Lemmatize(d)
	d.Times = timex.Find(d.Text, d.Published)
	p.name(d)
	p.Resolver.Resolve(d)
	var sents []int
	switch p.Scope {
	case ScopeAll:
		sents = make([]int, len(d.Sentences))
		for i := range sents {
			sents[i] = i
		}
	case ScopeEvents:
		if sents = p.Coder.CodeWithoutParse(d); len(sents) == 0 {
			return // coded: no event needs a parse
		}
	}
	if len(sents) > 0 {
		if tg, ps, err := p.analysers(); err == nil {
			tg.TagDocument(d, sents)
			ps.ParseDocument(d, sents)
		}
	}
	p.Coder.Code(d)
}

// Result is one processed input: a Document, or the error that kept it
// from being processed.
type Result struct {
	Name string
	Doc  *doc.Document
	Err  error
}

// Run processes the items of in on workers goroutines (runtime.NumCPU when
// 0) and calls emit for each result in input order, from one goroutine.
// Memory stays bounded: at most 4×workers documents are in flight.
func (p *Pipeline) Run(in <-chan source.Item, workers int, emit func(Result)) {
	Ordered(in, workers, func(it source.Item) Result {
		r := Result{Name: it.Name, Doc: it.Doc, Err: it.Err}
		if r.Err == nil && r.Doc == nil && it.Load != nil {
			r.Doc, r.Err = safeLoad(it)
		}
		if r.Err == nil && r.Doc != nil {
			r.Err = p.Try(r.Doc, r.Name)
		}
		return r
	}, emit)
}

// Ordered runs work over the values of in on workers goroutines
// (runtime.NumCPU when 0) and calls emit with the results in input order,
// from one goroutine. At most 4×workers values are in flight between
// reading and emitting, so a slow value holds back the reader instead of
// letting the others pile up.
func Ordered[T, R any](in <-chan T, workers int, work func(T) R, emit func(R)) {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	type job struct {
		seq int
		v   T
	}
	type done struct {
		seq int
		r   R
	}
	jobs := make(chan job, workers*2)
	results := make(chan done, workers*2)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- done{j.seq, work(j.v)}
			}
		}()
	}
	inFlight := make(chan struct{}, workers*4)
	go func() {
		seq := 0
		for v := range in {
			inFlight <- struct{}{}
			jobs <- job{seq, v}
			seq++
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	pending := map[int]R{}
	next := 0
	for d := range results {
		pending[d.seq] = d.r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			emit(r)
			<-inFlight
			next++
		}
	}
}

// safeLoad runs an item's Load, turning a panic into an error naming it.
func safeLoad(it source.Item) (d *doc.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("%s: internal error while reading: %v", it.Name, r)
		}
	}()
	return it.Load()
}

// Try runs Process, turning a panic in a stage into an error naming the
// input, so one pathological article cannot take down a batch.
func (p *Pipeline) Try(d *doc.Document, name string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: internal error while processing: %v", name, r)
		}
	}()
	p.Process(d)
	return nil
}
