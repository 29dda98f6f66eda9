// Package tagger assigns Universal Dependencies part-of-speech tags (UPOS:
// NOUN, VERB, PROPN, ADP, ...) to Indonesian words.
//
// It takes the words of a sentence (or a segmented doc.Document) and gives
// one UPOS tag per word. The model is a greedy left-to-right averaged
// perceptron (Collins 2002) over hashed features: the lower-cased word, its
// prefixes and suffixes, its shape, capitalisation, hyphenation and
// reduplication, the neighbouring words, the two previous tags, and the
// morph package's analysis (meN-/di-/ber- prefix, -kan/-i/-an suffix,
// clitic, root), which carries much of Indonesian word-class information,
// and word clusters learnt from unlabelled news (TrainClusters), which let
// words unseen in the treebanks share weights with words used alike.
//
// The model (tagger/model/pos.model, CC BY-SA 4.0 because it is derived from
// Universal Dependencies treebanks and news text; it carries its cluster
// table) is embedded in the binary and loaded on the first call to Default.
// `warta train clusters` and `warta train pos` rebuild the clusters and the
// model reproducibly; tagger/model/README.md and clusters.md are their cards.
package tagger

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/internal/weights"
	"github.com/warta-id/warta/morph"
)

// UPOS is the Universal Dependencies tag set, in the order the model
// indexes it.
var UPOS = []string{"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

const nUPOS = 17 // len(UPOS)

//go:embed model/pos.model
var embedded []byte

// Tagger is a trained UPOS tagger. It is safe for concurrent use.
type Tagger struct {
	tags  []string
	index map[uint64]int32 // feature hash -> row in w
	w     []int16          // len(index) rows of len(tags) quantised weights
	scale float32          // weight = w * scale
	an    *morph.Analyzer
	cl    Clusters // word clusters the model was trained with; nil for none

	tabOnce sync.Once
	tab     *weights.Table // index as a probing table, built on first use
}

var (
	defaultOnce sync.Once
	defaultT    *Tagger
	defaultErr  error
)

// Default returns the tagger over the embedded model, loading it on the
// first call.
// Clusters returns the word-cluster table the model was trained with (nil
// for none): the same table as tagger/model/clusters.txt for the embedded
// model. The map must not be modified.
func (t *Tagger) Clusters() Clusters { return t.cl }

func Default() (*Tagger, error) {
	defaultOnce.Do(func() {
		defaultT, defaultErr = Load(embedded)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("tagger: embedded model: %w", defaultErr)
		}
	})
	return defaultT, defaultErr
}

// Load reads a model written by MarshalBinary; the tagger uses the default
// morphological analyser (morph.Default).
func Load(b []byte) (*Tagger, error) {
	an, err := morph.Default()
	if err != nil {
		return nil, err
	}
	t, err := decode(b)
	if err != nil {
		return nil, err
	}
	t.an = an
	return t, nil
}

// Tags returns the tag set of the model.
func (t *Tagger) Tags() []string { return append([]string(nil), t.tags...) }

// Features returns the number of features the model keeps.
func (t *Tagger) Features() int { return len(t.index) }

// Tag returns one UPOS tag per word of a sentence. Words are surface forms
// as they appear (case matters: it tells names from nouns).
func (t *Tagger) Tag(words []string) []string {
	out := make([]string, len(words))
	if len(words) == 0 {
		return out
	}
	ws := make([]word, len(words))
	for i, w := range words {
		ws[i] = analyse(t.an, t.cl, w)
	}
	t.tagWords(ws, out)
	return out
}

// tagWords tags ws greedily left to right into out.
func (t *Tagger) tagWords(ws []word, out []string) {
	nt := len(t.tags)
	t.tabOnce.Do(func() { t.tab = weights.NewTable(t.index) })
	var buf [32]int32
	var scores []int32
	if nt <= len(buf) {
		scores = buf[:nt]
	} else {
		scores = make([]int32, nt)
	}
	feats := make([]uint64, 0, 64)
	p1, p2 := boundaryStart, boundaryStart
	for i := range ws {
		feats = features(feats[:0], ws, i, p1, p2)
		for k := range scores {
			scores[k] = 0
		}
		if nt == nUPOS {
			// The usual tag set: fixed-size rows, no bounds checks.
			sc := (*[nUPOS]int32)(scores)
			for _, f := range feats {
				row := t.tab.Row(f)
				if row < 0 {
					continue
				}
				r := (*[nUPOS]int16)(t.w[int(row)*nUPOS:])
				for k := range sc {
					sc[k] += int32(r[k])
				}
			}
		} else {
			for _, f := range feats {
				row := t.tab.Row(f)
				if row < 0 {
					continue
				}
				for k, v := range t.w[int(row)*nt : int(row)*nt+nt] {
					scores[k] += int32(v)
				}
			}
		}
		best := 0
		for k := 1; k < nt; k++ {
			if scores[k] > scores[best] {
				best = k
			}
		}
		out[i] = t.tags[best]
		p2, p1 = p1, out[i]
	}
}

// TagTokens tags a segmented document sentence by sentence and returns one
// tag per d.Tokens entry (aligned by index). Tokens outside every sentence
// are tagged as one extra run.
func (t *Tagger) TagTokens(d *doc.Document) []string {
	out := make([]string, len(d.Tokens))
	tagRun := func(a, b int) {
		if a < 0 || b > len(d.Tokens) || a >= b {
			return
		}
		words := make([]string, b-a)
		for i := a; i < b; i++ {
			words[i-a] = d.Tokens[i].Text
		}
		copy(out[a:b], t.Tag(words))
	}
	covered := 0
	for _, s := range d.Sentences {
		if s.FirstToken < covered {
			continue
		}
		if s.FirstToken > covered {
			tagRun(covered, s.FirstToken)
		}
		tagRun(s.FirstToken, min(s.LastToken, len(d.Tokens)))
		covered = max(covered, min(s.LastToken, len(d.Tokens)))
	}
	tagRun(covered, len(d.Tokens))
	return out
}
