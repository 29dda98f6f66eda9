// Package ner finds the names of people, organisations and places in
// tokenised Indonesian sentences.
//
// The recogniser is a first-order structured perceptron (averaged weights,
// Viterbi decoding constrained to valid BIO sequences) over the tags O,
// B-/I-PER, B-/I-ORG and B-/I-LOC. Its features are the word, its lower-cased
// form, prefixes and suffixes of 1–4 runes, word shape, capitalisation,
// sentence position, the words up to two positions either side, and
// gazetteer features from Warta's knowledge base (package kb): whether an
// alias of a known country, organisation, person, role, place or bloc
// starts at, covers or ends at the word.
//
// The model (trained with `warta train ner` on idner-news-2k and IndoLEM
// NER-UI fold 1; see model/README.md) is embedded in the binary and loaded on
// first use by Default. Training is deterministic: the same data, options and
// seed give the same model bytes. ReadFolds and CrossValidate run the IndoLEM
// cross-validation protocol (train, pick the epoch and test on each fold).
//
// Other corpora's labels are mapped onto PER/ORG/LOC by MapLabel: PERSON and
// PPL → PER; ORGANIZATION, ORGANISATION and IND → ORG; LOCATION, GPE, PLACE
// and PLC → LOC; every other label (TIME, QUANTITY, EVT, FNB, MISC, …) → O.
package ner

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/warta-id/warta/internal/weights"
	"github.com/warta-id/warta/kb"
)

//go:embed model/ner.model
var embedded []byte

// Tags are the BIO tags the recogniser assigns, in model order.
var Tags = []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}

// Labels are the entity labels.
var Labels = []string{"PER", "ORG", "LOC"}

const nt = 7 // len(Tags)

// Entity is one recognised name: words[Start:End] of the sentence.
type Entity struct {
	Start, End int    // word indexes, half-open
	Label      string // PER, ORG or LOC
}

// Recognizer labels sentences. It is safe for concurrent use.
type Recognizer struct {
	index map[uint64]int32 // feature hash → row
	// index as a probing table, built on the first decode (a Recognizer's
	// weights are not changed after it is made)
	tabOnce sync.Once
	tab     *weights.Table
	w       []int16 // rows × nt quantised emission weights
	scale   float32 // real weight = w × scale
	trans   [(nt + 1) * nt]float32
	kb      *kb.KB
}

var (
	defaultOnce sync.Once
	defaultR    *Recognizer
	defaultErr  error
)

// Default returns the recogniser over the embedded model, loading it (and
// the knowledge base) on the first call.
func Default() (*Recognizer, error) {
	defaultOnce.Do(func() {
		defaultR, defaultErr = Load(embedded)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("ner: embedded model: %w", defaultErr)
		}
	})
	return defaultR, defaultErr
}

// allowed reports whether tag b may follow tag a (a == nt: sentence start).
func allowed(a, b int) bool {
	if b == 0 || b%2 == 1 { // O or B-X
		return true
	}
	// I-X (b even, ≥2) needs B-X (b-1) or I-X (b) before it.
	return a == b-1 || a == b
}

// Label returns the BIO tag of every word.
func (r *Recognizer) Label(words []string) []string {
	out := make([]string, len(words))
	for i, k := range r.decode(words) {
		out[i] = Tags[k]
	}
	return out
}

// Entities returns the names in words, in order.
func (r *Recognizer) Entities(words []string) []Entity {
	return Spans(r.Label(words))
}

func (r *Recognizer) decode(words []string) []int {
	if len(words) == 0 {
		return nil
	}
	r.tabOnce.Do(func() { r.tab = weights.NewTable(r.index) })
	ts := prepare(words, r.kb)
	em := make([]float32, len(ts)*nt)
	feats := make([]uint64, 0, 96)
	var acc [nt]int32
	for i := range ts {
		feats = features(feats[:0], ts, i)
		acc = [nt]int32{}
		for _, f := range feats {
			row := r.tab.Row(f)
			if row < 0 {
				continue
			}
			ws := r.w[int(row)*nt : int(row)*nt+nt]
			for k, v := range ws {
				acc[k] += int32(v)
			}
		}
		for k := range acc {
			em[i*nt+k] = float32(acc[k]) * r.scale
		}
	}
	return viterbi(em, len(ts), r.trans[:])
}

// viterbi returns the best valid tag sequence for emission scores em
// (n × nt) and transition scores trans ((nt+1) × nt, last row = start).
func viterbi[F float32 | float64](em []F, n int, trans []F) []int {
	const neg = -1e30
	score := make([]F, n*nt)
	back := make([]int8, n*nt)
	for b := 0; b < nt; b++ {
		if !allowed(nt, b) {
			score[b] = neg
			continue
		}
		score[b] = em[b] + trans[nt*nt+b]
	}
	for i := 1; i < n; i++ {
		for b := 0; b < nt; b++ {
			best, arg := F(neg), -1
			for a := 0; a < nt; a++ {
				if !allowed(a, b) || score[(i-1)*nt+a] <= neg {
					continue
				}
				s := score[(i-1)*nt+a] + trans[a*nt+b]
				if arg < 0 || s > best {
					best, arg = s, a
				}
			}
			if arg < 0 {
				score[i*nt+b] = neg
				back[i*nt+b] = 0
				continue
			}
			score[i*nt+b] = best + em[i*nt+b]
			back[i*nt+b] = int8(arg)
		}
	}
	out := make([]int, n)
	best := 0
	for b := 1; b < nt; b++ {
		if score[(n-1)*nt+b] > score[(n-1)*nt+best] {
			best = b
		}
	}
	out[n-1] = best
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i*nt+out[i]])
	}
	return out
}

// Spans returns the entities of a BIO tag sequence with conlleval's
// semantics: an entity starts at B-X, or at I-X when the previous tag is not
// of type X (an I- without a B- starts an entity); it ends before the next O,
// B- or tag of another type. Tags other than B-/I- are treated as O.
func Spans(tags []string) []Entity {
	var out []Entity
	cur := -1 // index in out of the open entity
	for i, t := range tags {
		prefix, typ := splitTag(t)
		switch prefix {
		case 'B':
			out = append(out, Entity{Start: i, End: i + 1, Label: typ})
			cur = len(out) - 1
		case 'I':
			if cur >= 0 && out[cur].Label == typ && out[cur].End == i {
				out[cur].End = i + 1
			} else {
				out = append(out, Entity{Start: i, End: i + 1, Label: typ})
				cur = len(out) - 1
			}
		default:
			cur = -1
		}
	}
	return out
}

func splitTag(t string) (byte, string) {
	if len(t) > 2 && (t[0] == 'B' || t[0] == 'I') && (t[1] == '-' || t[1] == '_') {
		return t[0], t[2:]
	}
	return 'O', ""
}

// MapLabel maps a corpus's BIO tag onto the recogniser's tag set (see the
// package comment); unknown labels become "O".
func MapLabel(tag string) string {
	p, typ := splitTag(strings.TrimSpace(tag))
	if p == 'O' {
		return "O"
	}
	var l string
	switch strings.ToUpper(typ) {
	case "PER", "PERSON", "PPL":
		l = "PER"
	case "ORG", "ORGANIZATION", "ORGANISATION", "IND":
		l = "ORG"
	case "LOC", "LOCATION", "GPE", "PLACE", "PLC":
		l = "LOC"
	default:
		return "O"
	}
	return string(p) + "-" + l
}
