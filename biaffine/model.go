// Package biaffine is a graph-based dependency parser over a bidirectional
// LSTM (Kiperwasser and Goldberg 2016; Dozat and Manning 2017): each word
// is read as the concatenation of embeddings of its lower-cased form, its
// word-cluster paths, its last three letters, its UPOS tag and its shape;
// two BiLSTM layers give every word a context vector; a biaffine scorer
// gives every (head, dependent) pair a score and the best projective tree
// is found with Eisner's algorithm; a classifier over the two words'
// vectors gives the arc its relation.
//
// It takes the words and the UPOS tags of a sentence (package tagger) and
// gives the head and relation of each word, like package parser, at a
// fraction of its speed and with higher accuracy.
package biaffine

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/warta-id/warta/parser"
	"github.com/warta-id/warta/tagger"
)

// Config gives the sizes of the network.
type Config struct {
	Word, Cluster, Cluster8, Cluster4, Suffix, Tag, Shape, Treebank int // embedding sizes
	Hidden, Layers                                                  int // LSTM units per direction, BiLSTM layers
	Arc, Label                                                      int // arc and label MLP sizes
}

// DefaultConfig is the configuration the shipped model was trained with.
var DefaultConfig = Config{Word: 64, Cluster: 32, Cluster8: 16, Cluster4: 8, Suffix: 16, Tag: 24, Shape: 4, Treebank: 8,
	Hidden: 100, Layers: 2, Arc: 128, Label: 64}

// The embedding tables, in the order of a word's rows and of the input
// vector.
const (
	embWord = iota
	embCluster
	embCluster8
	embCluster4
	embSuffix
	embTag
	embShape
	embTreebank
	nEmb
)

func (c Config) dims() [nEmb]int {
	return [nEmb]int{c.Word, c.Cluster, c.Cluster8, c.Cluster4, c.Suffix, c.Tag, c.Shape, c.Treebank}
}

func (c Config) input() int {
	n := 0
	for _, d := range c.dims() {
		n += d
	}
	return n
}

type param struct {
	id         int
	rows, cols int
	w          []float64
}

type lstmParams struct{ wx, wh, b *param }

// Model is a trained parser. It is safe for concurrent use.
type Model struct {
	cfg                                   Config
	words, sufs, clus, c8, c4, tags, tbs  vocab
	target                                string            // treebank whose annotation style the parser follows
	clusters                              map[string]string // word -> path
	rels                                  []string
	root                                  int // index of "root" in rels
	params                                []*param
	emb                                   [nEmb]*param
	lstm                                  [][2]lstmParams
	rootVec                               *param
	arcH, arcHb, arcD, arcDb, arcU, arcW  *param
	labH, labHb, labD, labDb, labV, labVb *param
	pool                                  sync.Pool
	helpers                               []parser.ParseFunc // see WithHelpers
	helperWeight                          float64
}

// vocab numbers strings; 0 is the unknown entry.
type vocab struct {
	ids   map[string]int32
	names []string
}

func newVocab() vocab { return vocab{ids: map[string]int32{}, names: []string{"\x00unk"}} }

func (v *vocab) add(s string) int32 {
	if id, ok := v.ids[s]; ok {
		return id
	}
	id := int32(len(v.names))
	v.ids[s] = id
	v.names = append(v.names, s)
	return id
}

// addFrequent adds the strings counted at least min times, in sorted order.
func (v *vocab) addFrequent(counts map[string]int, min int) {
	keys := make([]string, 0, len(counts))
	for k, n := range counts {
		if n >= min {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		v.add(k)
	}
}

func (v *vocab) id(s string) int32 { return v.ids[s] } // 0 when unknown

func (m *Model) newParam(rows, cols int) *param {
	p := &param{id: len(m.params), rows: rows, cols: cols, w: make([]float64, rows*cols)}
	m.params = append(m.params, p)
	return p
}

// weightCount is the number of weights build allocates.
func (m *Model) weightCount() int {
	c := m.cfg
	n := 0
	for k, rows := range m.embRows() {
		n += rows * c.dims()[k]
	}
	in := c.input()
	for l := 0; l < c.Layers; l++ {
		n += 2 * (4*c.Hidden*in + 4*c.Hidden*c.Hidden + 4*c.Hidden)
		in = 2 * c.Hidden
	}
	n += in + 2*(c.Arc*in+c.Arc) + c.Arc*c.Arc + c.Arc + 2*(c.Label*in+c.Label) + len(m.rels)*(3*c.Label+1)
	return n
}

func (m *Model) embRows() [nEmb]int {
	return [nEmb]int{len(m.words.names), len(m.clus.names), len(m.c8.names), len(m.c4.names), len(m.sufs.names), len(m.tags.names), 4, len(m.tbs.names)}
}

// build allocates the parameters for the model's vocabularies and config.
func (m *Model) build() {
	c := m.cfg
	m.params = nil
	for k, rows := range m.embRows() {
		m.emb[k] = m.newParam(rows, c.dims()[k])
	}
	in := c.input()
	m.lstm = make([][2]lstmParams, c.Layers)
	for l := range m.lstm {
		for d := 0; d < 2; d++ {
			m.lstm[l][d] = lstmParams{wx: m.newParam(4*c.Hidden, in), wh: m.newParam(4*c.Hidden, c.Hidden), b: m.newParam(4*c.Hidden, 1)}
		}
		in = 2 * c.Hidden
	}
	m.rootVec = m.newParam(in, 1)
	m.arcH, m.arcHb = m.newParam(c.Arc, in), m.newParam(c.Arc, 1)
	m.arcD, m.arcDb = m.newParam(c.Arc, in), m.newParam(c.Arc, 1)
	m.arcU, m.arcW = m.newParam(c.Arc, c.Arc), m.newParam(c.Arc, 1)
	m.labH, m.labHb = m.newParam(c.Label, in), m.newParam(c.Label, 1)
	m.labD, m.labDb = m.newParam(c.Label, in), m.newParam(c.Label, 1)
	m.labV, m.labVb = m.newParam(len(m.rels), 3*c.Label), m.newParam(len(m.rels), 1)
}

// initialise sets random starting weights (Glorot uniform; embeddings
// uniform; forget-gate biases 1; the biaffine matrix 0).
func (m *Model) initialise(rng *rand.Rand) {
	uni := func(p *param, a float64) {
		for i := range p.w {
			p.w[i] = (2*rng.Float64() - 1) * a
		}
	}
	for _, p := range m.emb {
		uni(p, math.Sqrt(3/float64(max(p.cols, 1))))
		for k := 0; k < p.cols; k++ { // the unknown entry starts at 0
			p.w[k] = 0
		}
	}
	glorot := func(p *param) { uni(p, math.Sqrt(6/float64(p.rows+p.cols))) }
	for _, l := range m.lstm {
		for _, d := range l {
			glorot(d.wx)
			glorot(d.wh)
			h := d.b.rows / 4
			for i := h; i < 2*h; i++ {
				d.b.w[i] = 1
			}
		}
	}
	uni(m.rootVec, 0.1)
	for _, p := range []*param{m.arcH, m.arcD, m.labH, m.labD, m.labV} {
		glorot(p)
	}
}

// Relations returns the relation names the model can assign.
func (m *Model) Relations() []string { return append([]string(nil), m.rels...) }

// shape numbers a word's form: 0 lower case, 1 capitalised, 2 all capitals,
// 3 has a digit.
func shape(w string) int {
	r, _ := utf8.DecodeRuneInString(w)
	hasDigit, allUpper, letters := false, true, 0
	for _, c := range w {
		if unicode.IsDigit(c) {
			hasDigit = true
		}
		if unicode.IsLetter(c) {
			letters++
			if !unicode.IsUpper(c) {
				allUpper = false
			}
		}
	}
	switch {
	case hasDigit:
		return 3
	case letters > 1 && allUpper:
		return 2
	case unicode.IsUpper(r):
		return 1
	}
	return 0
}

func suffix(k string) string {
	r := []rune(k)
	if len(r) > 3 {
		r = r[len(r)-3:]
	}
	return string(r)
}

func prefix(path string, n int) string {
	if len(path) > n {
		return path[:n]
	}
	return path
}

// word is one input word as embedding rows.
type word struct {
	ids  [nEmb]int32 // row of each embedding table
	freq int32       // training frequency of the form (word dropout)
}

// encode gives the embedding rows of a sentence's words, in the style of
// treebank tb.
func (m *Model) encode(words, upos []string, tb string) []word {
	out := make([]word, len(words))
	t := m.tbs.id(tb)
	for i, w := range words {
		k := tagger.ClusterKey(w)
		p := m.clusters[k]
		e := &out[i].ids
		e[embWord], e[embSuffix], e[embTag], e[embShape], e[embTreebank] = m.words.id(k), m.sufs.id(suffix(k)), m.tags.id(upos[i]), int32(shape(w)), t
		if p != "" {
			e[embCluster], e[embCluster8], e[embCluster4] = m.clus.id(p), m.c8.id(prefix(p, 8)), m.c4.id(prefix(p, 4))
		}
	}
	return out
}

// Treebank returns the name of the treebank whose annotation style the
// parser follows ("" when it was trained without treebank names).
func (m *Model) Treebank() string { return m.target }

// ForTreebank returns a parser over the same weights that follows the
// annotation style of another treebank the model was trained with.
func (m *Model) ForTreebank(name string) *Model {
	return &Model{cfg: m.cfg, words: m.words, sufs: m.sufs, clus: m.clus, c8: m.c8, c4: m.c4, tags: m.tags, tbs: m.tbs,
		target: name, clusters: m.clusters, rels: m.rels, root: m.root, params: m.params, emb: m.emb, lstm: m.lstm,
		rootVec: m.rootVec, arcH: m.arcH, arcHb: m.arcHb, arcD: m.arcD, arcDb: m.arcDb, arcU: m.arcU, arcW: m.arcW,
		labH: m.labH, labHb: m.labHb, labD: m.labD, labDb: m.labDb, labV: m.labV, labVb: m.labVb,
		helpers: m.helpers, helperWeight: m.helperWeight}
}
