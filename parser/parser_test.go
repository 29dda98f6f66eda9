package parser

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warta-id/warta/tagger"
)

const sample = `# text = Budi membeli buku.
1	Budi	Budi	PROPN	_	_	2	nsubj	_	_
2	membeli	beli	VERB	_	_	0	root	_	_
3	buku	buku	NOUN	_	_	2	obj	_	SpaceAfter=No
4	.	.	PUNCT	_	_	2	punct	_	_

1-2	Dibelinya	_	_	_	_	_	_	_	_
1	Dibeli	beli	VERB	_	_	0	root	_	_
2	nya	dia	PRON	_	_	1	nsubj	_	_
3	.	.	PUNCT	_	_	1	punct	_	_
`

func TestReadCoNLLU(t *testing.T) {
	s, err := ReadCoNLLU(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 2 {
		t.Fatalf("%d sentences, want 2", len(s))
	}
	if got := strings.Join(s[1].Words, " "); got != "Dibeli nya ." {
		t.Errorf("words %q", got)
	}
	if s[0].Heads[0] != 2 || s[0].Rels[2] != "obj" || s[1].Lemmas[1] != "dia" {
		t.Errorf("sentence 1: %+v", s[0])
	}
	bad := []struct{ name, in, want string }{
		{"columns", "1\tBudi\tBudi\tPROPN\n", "x:1: want 10"},
		{"id", "2\tBudi\tBudi\tPROPN\t_\t_\t0\troot\t_\t_\n", "bad word id"},
		{"head", "1\tBudi\tBudi\tPROPN\t_\t_\tx\troot\t_\t_\n", "bad head"},
		{"self", "1\tBudi\tBudi\tPROPN\t_\t_\t1\troot\t_\t_\n", "own head"},
		{"range", "1\tBudi\tBudi\tPROPN\t_\t_\t5\troot\t_\t_\n", "outside the sentence"},
	}
	for _, c := range bad {
		_, err := ReadCoNLLU(strings.NewReader(c.in), "x")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

func TestProjectivize(t *testing.T) {
	cases := []struct {
		heads []int
		tree  bool
		lifts int
		want  []int
	}{
		{[]int{2, 0, 2}, true, 0, []int{2, 0, 2}},
		// 1 <- 3 crosses 2 <- 4: lift 2 to 4's head.
		{[]int{3, 4, 0, 3}, true, 1, []int{3, 3, 0, 3}},
		{[]int{0, 0}, false, 0, nil},       // two roots
		{[]int{2, 1, 0}, false, 0, nil},    // cycle
		{[]int{0, 3, 2, 1}, false, 0, nil}, // cycle not reaching the root
	}
	for _, c := range cases {
		if got := isTree(c.heads); got != c.tree {
			t.Errorf("isTree(%v) = %v", c.heads, got)
			continue
		}
		if !c.tree {
			continue
		}
		h := append([]int(nil), c.heads...)
		if n := projectivize(h); n != c.lifts || !equal(h, c.want) {
			t.Errorf("projectivize(%v) = %v, %d lifts; want %v, %d", c.heads, h, n, c.want, c.lifts)
		}
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestOracle checks that following the zero-cost moves rebuilds every
// projective tree exactly.
func TestOracle(t *testing.T) {
	trees := [][]int{{2, 0, 2, 3}, {0, 1, 1, 3, 3, 1}, {3, 3, 0, 5, 3, 5}, {4, 3, 4, 0}, {0}}
	for _, heads := range trees {
		n := len(heads)
		gold := make([]int, n+1)
		for i, h := range heads {
			gold[i] = h - 1
			if h == 0 {
				gold[i] = n
			}
		}
		var s state
		s.reset(n)
		for steps := 0; !s.terminal(); steps++ {
			if steps > 3*n {
				t.Fatalf("%v: no end", heads)
			}
			m := -1
			for k := 0; k < nMoves; k++ {
				if s.valid(k) && s.cost(k, gold) == 0 {
					m = k
					break
				}
			}
			if m < 0 {
				t.Fatalf("%v: no zero-cost move", heads)
			}
			s.apply(m)
		}
		for i := 0; i < n; i++ {
			if s.heads[i] != gold[i] {
				t.Errorf("%v: word %d head %d, want %d", heads, i+1, s.heads[i], gold[i])
			}
		}
	}
}

// toyTrain is a tiny treebank the parser can learn by heart.
func toyTrain(t testing.TB) []Sentence {
	const text = `1	Budi	_	PROPN	_	_	2	nsubj	_	_
2	membeli	_	VERB	_	_	0	root	_	_
3	buku	_	NOUN	_	_	2	obj	_	_
4	baru	_	ADJ	_	_	3	amod	_	_
5	.	_	PUNCT	_	_	2	punct	_	_

1	Ani	_	PROPN	_	_	2	nsubj	_	_
2	membaca	_	VERB	_	_	0	root	_	_
3	koran	_	NOUN	_	_	2	obj	_	_
4	di	_	ADP	_	_	5	case	_	_
5	rumah	_	NOUN	_	_	2	obl	_	_
6	.	_	PUNCT	_	_	2	punct	_	_

1	Buku	_	NOUN	_	_	2	nsubj:pass	_	_
2	dibeli	_	VERB	_	_	0	root	_	_
3	Budi	_	PROPN	_	_	2	obl:agent	_	_
4	.	_	PUNCT	_	_	2	punct	_	_
`
	s, err := ReadCoNLLU(strings.NewReader(text), "toy")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTrainParseRoundTrip(t *testing.T) {
	train := toyTrain(t)
	p, st, err := Train(train, TrainOptions{Epochs: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if st.Sentences != 3 || st.Words != 15 {
		t.Errorf("stats %+v", st)
	}
	b1, err := p.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	q, err := Load(b1)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := q.MarshalBinary()
	if !bytes.Equal(b1, b2) {
		t.Error("model bytes change after a round trip")
	}
	again, _, _ := Train(train, TrainOptions{Epochs: 10, Seed: 1})
	if b3, _ := again.MarshalBinary(); !bytes.Equal(b1, b3) {
		t.Error("training twice gives different bytes")
	}
	sc, err := q.Score(train)
	if err != nil {
		t.Fatal(err)
	}
	if sc.LAS() < 1 {
		t.Errorf("LAS on the training data %.2f, want 1", sc.LAS())
	}
	cases := []struct {
		words, upos string
		heads       []int
		rels        string
	}{
		{"", "", []int{}, ""},
		{"Ani membeli koran .", "PROPN VERB NOUN PUNCT", []int{2, 0, 2, 2}, "nsubj root obj punct"},
		{"Budi", "PROPN", []int{0}, "root"},
	}
	for _, c := range cases {
		heads, rels, err := q.Parse(strings.Fields(c.words), strings.Fields(c.upos))
		if err != nil {
			t.Fatal(err)
		}
		if !equal(heads, c.heads) || strings.Join(rels, " ") != c.rels {
			t.Errorf("Parse(%q) = %v %v, want %v %v", c.words, heads, rels, c.heads, c.rels)
		}
	}
	if _, _, err := q.Parse([]string{"a"}, nil); err == nil {
		t.Error("no error for words without tags")
	}
}

func TestLoadErrors(t *testing.T) {
	p, _, err := Train(toyTrain(t), TrainOptions{Epochs: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	good, _ := p.MarshalBinary()
	if _, err := Load(nil); err == nil {
		t.Error("empty model: no error")
	}
	if _, err := Load([]byte("not a model")); err == nil {
		t.Error("text: no error")
	}
	for n := 0; n < len(good); n += 7 {
		if _, err := Load(good[:n]); err == nil {
			t.Errorf("truncated at %d of %d bytes: no error", n, len(good))
		}
	}
}

func FuzzLoad(f *testing.F) {
	p, _, err := Train(toyTrain(f), TrainOptions{Epochs: 2, Seed: 1})
	if err != nil {
		f.Fatal(err)
	}
	good, _ := p.MarshalBinary()
	f.Add(good)
	pb, _, err := Train(toyTrain(f), TrainOptions{Epochs: 2, Seed: 1, Beam: 2})
	if err != nil {
		f.Fatal(err)
	}
	beam, _ := pb.MarshalBinary()
	f.Add(beam) // version 2: a beam model
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Load(b)
		if err != nil {
			return
		}
		// A model that loads must parse without panicking.
		if _, _, err := p.Parse([]string{"Budi", "membeli", "buku"}, []string{"PROPN", "VERB", "NOUN"}); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzReadCoNLLU(f *testing.F) {
	f.Add(sample)
	f.Add("1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadCoNLLU(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, s := range sents {
			if err := check(s); err != nil {
				t.Fatal(err)
			}
			for _, h := range s.Heads {
				if h < 0 || h > len(s.Words) {
					t.Fatalf("head %d out of range", h)
				}
			}
		}
	})
}

func TestDefault(t *testing.T) {
	start := time.Now()
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded %d features in %s", p.Features(), time.Since(start))
	heads, rels, err := p.Parse(strings.Fields("Presiden meresmikan jembatan baru di Surabaya ."), strings.Fields("NOUN VERB NOUN ADJ ADP PROPN PUNCT"))
	if err != nil {
		t.Fatal(err)
	}
	if heads[1] != 0 || rels[1] != "root" || heads[0] != 2 || heads[2] != 2 {
		t.Errorf("heads %v rels %v", heads, rels)
	}
}

// sharedUD is the UD folder of the shared data, or "" (and the test is
// skipped) when it is absent.
func sharedUD(tb testing.TB) string {
	dir := filepath.Join("..", "..", "shared", "data", "ud")
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		tb.Skipf("shared data not found at %s; skipping", dir)
	}
	return dir
}

// tagged reads a CoNLL-U file and replaces its tags with the tagger's.
func tagged(tb testing.TB, path string) []Sentence {
	sents, err := ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	tg, err := tagger.Default()
	if err != nil {
		tb.Fatal(err)
	}
	for i := range sents {
		sents[i].UPOS = tg.Tag(sents[i].Words)
	}
	return sents
}

// TestTrainBeam trains the toy treebank for beam search and checks that
// the model round-trips with its beam width, is reproducible, learns the
// toy data by heart and rejects truncation; WithBeam changes the width.
func TestTrainBeam(t *testing.T) {
	train := toyTrain(t)
	for _, k := range []int{2, 4} {
		opt := TrainOptions{Epochs: 10, Seed: 1, Beam: k}
		p, _, err := Train(train, opt)
		if err != nil {
			t.Fatalf("beam %d: %v", k, err)
		}
		b1, err := p.MarshalBinary()
		if err != nil {
			t.Fatalf("beam %d: %v", k, err)
		}
		q, err := Load(b1)
		if err != nil {
			t.Fatalf("beam %d: %v", k, err)
		}
		if q.Beam() != k || q.WithBeam(1).Beam() != 1 || q.ForTreebank("x").Beam() != k {
			t.Errorf("beam %d: loaded %d, WithBeam(1) %d", k, q.Beam(), q.WithBeam(1).Beam())
		}
		if b2, _ := q.MarshalBinary(); !bytes.Equal(b1, b2) {
			t.Errorf("beam %d: model bytes change after a round trip", k)
		}
		again, _, _ := Train(train, opt)
		if b3, _ := again.MarshalBinary(); !bytes.Equal(b1, b3) {
			t.Errorf("beam %d: training twice gives different bytes", k)
		}
		if sc, _ := q.Score(train); sc.LAS() < 1 {
			t.Errorf("beam %d: LAS on the training data %.2f, want 1", k, sc.LAS())
		}
		for n := 0; n < len(b1); n += 11 {
			if _, err := Load(b1[:n]); err == nil {
				t.Errorf("beam %d: truncated at %d of %d bytes: no error", k, n, len(b1))
			}
		}
	}
}
