// Package parser finds the syntactic structure of Indonesian sentences:
// Universal Dependencies trees, as a head and a relation (deprel) per word.
//
// It takes the words of a sentence with their UPOS tags (from the tagger
// package) and gives, for each word, the 1-based index of its head (0 for
// the root of the sentence) and its relation to it ("nsubj", "obj",
// "nmod:poss", ...). The parser is a greedy transition-based parser
// (arc-hybrid, with the root at the end of the buffer) whose moves are
// chosen by an averaged perceptron over hashed features of the stack, the
// buffer and the partial tree, trained with a dynamic oracle (Goldberg and
// Nivre 2013); a second averaged perceptron labels each arc as it is made.
// Optionally (TrainOptions.Beam, WithBeam) the parser keeps the k best
// partial parses instead of one (beam search), for move weights trained
// globally for that beam; the embedded model is greedy.
//
// The model (parser/model/parse.model, CC BY-SA 4.0 because it is derived
// from Universal Dependencies treebanks) is embedded in the binary and
// loaded on the first call to Default. `warta train parse` rebuilds it
// reproducibly; parser/model/README.md is its model card.
package parser

import (
	_ "embed"
	"fmt"
	"sync"
)

//go:embed model/parse.model
var embedded []byte

// Parser is a trained dependency parser. It is safe for concurrent use.
type Parser struct {
	rels   []string // relation names, in the model's order
	root   int      // index of "root" in rels, -1 if absent
	target string   // treebank whose annotation the parser follows ("" for none)
	moves  table    // SHIFT, LEFT, RIGHT
	labels table    // one class per relation
	beam   int      // beam width (0 or 1: greedy)
	pool   sync.Pool
}

var (
	defaultOnce sync.Once
	defaultP    *Parser
	defaultErr  error
)

// Default returns the parser over the embedded model, loading it on the
// first call.
func Default() (*Parser, error) {
	defaultOnce.Do(func() {
		defaultP, defaultErr = Load(embedded)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("parser: embedded model: %w", defaultErr)
		}
	})
	return defaultP, defaultErr
}

// Treebank returns the name of the treebank whose annotation style the
// parser follows ("" when it was trained without treebank names).
func (p *Parser) Treebank() string { return p.target }

// ForTreebank returns a parser over the same model that follows the
// annotation style of another treebank the model was trained with (see
// TrainOptions.Target; the default model knows "csui", "gsd" for GSD v2.17
// and "legacy" for GSD before v2.9). A name the model was not trained with
// gives parses from the shared weights alone.
func (p *Parser) ForTreebank(name string) *Parser {
	return &Parser{rels: p.rels, root: p.root, target: name, moves: p.moves, labels: p.labels, beam: p.beam}
}

// WithBeam returns a parser over the same model that parses with a beam of
// width k (1 or less: greedy). Models trained for a beam (TrainOptions.Beam)
// parse with it already; greedily trained weights parse worse with a beam.
func (p *Parser) WithBeam(k int) *Parser {
	q := p.ForTreebank(p.target)
	q.beam = max(k, 1)
	return q
}

// Beam returns the beam width the parser parses with (1: greedy).
func (p *Parser) Beam() int { return max(p.beam, 1) }

// Relations returns the relation names the model can assign.
func (p *Parser) Relations() []string { return append([]string(nil), p.rels...) }

// Features returns the number of features of the move and relation tables.
func (p *Parser) Features() int { return p.moves.size + p.labels.size }

type work struct {
	st     state
	ts     []token
	feats  []uint64
	mscore []int32
	lscore []int32
	beam   beamWork
}

// Parse returns the head (1-based word index, 0 for the root) and the
// relation of each word. words and upos must have the same length; an
// empty sentence gives empty results.
func (p *Parser) Parse(words, upos []string) (heads []int, rels []string, err error) {
	if len(words) != len(upos) {
		return nil, nil, fmt.Errorf("parser: %d words but %d tags", len(words), len(upos))
	}
	heads = make([]int, len(words))
	rels = make([]string, len(words))
	if len(words) == 0 {
		return heads, rels, nil
	}
	w, _ := p.pool.Get().(*work)
	if w == nil {
		w = &work{mscore: make([]int32, nMoves), lscore: make([]int32, len(p.rels))}
	}
	defer p.pool.Put(w)
	p.parse(w, words, upos)
	n := len(words)
	for i := 0; i < n; i++ {
		h := w.st.heads[i]
		if h == n {
			heads[i] = 0
		} else {
			heads[i] = h + 1
		}
		rels[i] = p.rels[w.st.rels[i]]
	}
	return heads, rels, nil
}

func (p *Parser) parse(w *work, words, upos []string) {
	w.ts = tokens(w.ts, words, upos)
	s := &w.st
	s.reset(len(words))
	if p.target != "" {
		s.tb = treebankHash(p.target)
	}
	if p.beam > 1 {
		p.parseBeam(w, len(words), s.tb)
		return
	}
	for !s.terminal() {
		w.feats = s.features(w.feats[:0], w.ts)
		p.moves.scores(w.feats, w.mscore)
		best := -1
		for m := 0; m < nMoves; m++ {
			if s.valid(m) && (best < 0 || w.mscore[m] > w.mscore[best]) {
				best = m
			}
		}
		head, dep := s.apply(best)
		if dep == none {
			continue
		}
		w.feats = s.labelFeatures(w.feats[:0], w.ts, head, dep)
		p.labels.scores(w.feats, w.lscore)
		s.rels[dep] = argmax(w.lscore, relMask{root: p.root, fromRoot: head == s.n})
	}
}

// relMask allows only "root" on arcs from the root and anything but "root"
// elsewhere.
type relMask struct {
	root     int
	fromRoot bool
}

func (m relMask) ok(k int) bool {
	if m.root < 0 {
		return true
	}
	return (k == m.root) == m.fromRoot
}

// argmax is the best-scoring class the mask allows (the first on ties).
func argmax[T int32 | float64](scores []T, m relMask) int {
	best := -1
	for k, v := range scores {
		if m.ok(k) && (best < 0 || v > scores[best]) {
			best = k
		}
	}
	if best < 0 {
		best = 0
	}
	return best
}
