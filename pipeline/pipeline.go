// Package pipeline wires Warta's stages into one pass over a Document —
// clean → segment → lemmatise → time expressions → resolve → code events
// (parsing the event sentences whose parties word order does not find) —
// and runs that pass over a stream of articles on a pool of workers,
// keeping the input order in the output.
package pipeline

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/warta-id/warta/article"
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
	// NoParse turns off the dependency parse the event coder falls back on
	// when word order finds no actor or no needed recipient (faster; the
	// coder then uses word order alone).
	NoParse bool
}

// Pipeline holds the loaded resources of every stage. It is safe for
// concurrent use.
type Pipeline struct {
	Morph    *morph.Analyzer
	KB       *kb.KB
	Resolver *resolve.Resolver
	Coder    *event.Coder
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
	coder := &event.Coder{Dict: dict, An: an}
	if !opts.NoParse {
		coder.Parse = lazyParse()
	}
	return &Pipeline{
		Morph:    an,
		KB:       k,
		Resolver: &resolve.Resolver{KB: k, Morph: an, NER: loadNER},
		Coder:    coder,
	}, nil
}

// lazyParse tags and parses a sentence, loading the tagger and the parser
// on the first sentence that needs them.
func lazyParse() event.ParseFunc {
	var (
		once sync.Once
		tg   *tagger.Tagger
		ps   *parser.Parser
		err  error
	)
	return func(words []string) ([]int, []string, error) {
		once.Do(func() {
			if tg, err = tagger.Default(); err == nil {
				ps, err = parser.Default()
			}
		})
		if err != nil {
			return nil, nil, fmt.Errorf("pipeline: dependency parser: %w", err)
		}
		return ps.Parse(words, tg.Tag(words))
	}
}

// loadNER loads the named-entity recogniser on the resolver's first need.
func loadNER() (*ner.Recognizer, error) {
	r, err := ner.Default()
	if err != nil {
		return nil, fmt.Errorf("pipeline: named-entity recogniser: %w", err)
	}
	return r, nil
}

// Process runs every stage over d.
func (p *Pipeline) Process(d *doc.Document) {
	article.Clean(d)
	segment.Segment(d)
	p.Morph.Lemmatize(d)
	d.Times = timex.Find(d.Text, d.Published)
	p.Resolver.Resolve(d)
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
