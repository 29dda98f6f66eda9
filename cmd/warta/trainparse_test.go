package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-id/warta/parser"
)

// parseFixture is a tiny CoNLL-U training set written for these tests.
const parseFixture = `# text = Budi membeli buku baru.
1	Budi	Budi	PROPN	_	_	2	nsubj	_	_
2	membeli	beli	VERB	_	_	0	root	_	_
3	buku	buku	NOUN	_	_	2	obj	_	_
4	baru	baru	ADJ	_	_	3	amod	_	SpaceAfter=No
5	.	.	PUNCT	_	_	2	punct	_	_

# text = Ani membaca koran di rumah.
1	Ani	Ani	PROPN	_	_	2	nsubj	_	_
2	membaca	baca	VERB	_	_	0	root	_	_
3	koran	koran	NOUN	_	_	2	obj	_	_
4	di	di	ADP	_	_	5	case	_	_
5	rumah	rumah	NOUN	_	_	2	obl	_	SpaceAfter=No
6	.	.	PUNCT	_	_	2	punct	_	_
`

func TestCmdTrainParse(t *testing.T) {
	var out, errb bytes.Buffer
	if c := cmdTrainParse(nil, &out, &errb); c != 2 {
		t.Errorf("no --train: exit %d, want 2", c)
	}
	if c := cmdTrainParse([]string{"--train", "x.conllu", "--tags", "silver"}, &out, &errb); c != 2 {
		t.Errorf("bad --tags: exit %d, want 2", c)
	}
	for _, k := range []string{"0", "65"} {
		if c := cmdTrainParse([]string{"--train", "x.conllu", "--beam", k}, &out, &errb); c != 2 {
			t.Errorf("--beam %s: exit %d, want 2", k, c)
		}
	}
	if c := cmdTrainParse([]string{"--train", "/nonexistent/x.conllu"}, &out, &errb); c != 1 {
		t.Errorf("missing file: exit %d, want 1", c)
	}
	dir := t.TempDir()
	fix := filepath.Join(dir, "tiny.conllu")
	if err := os.WriteFile(fix, []byte(parseFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	var models [2][]byte
	for i := range models {
		out.Reset()
		errb.Reset()
		model := filepath.Join(dir, "m", "parse.model")
		args := []string{"--train", "a=" + fix + ",b=" + fix, "--target", "a", "--dev", fix, "--epochs", "3", "--out", model}
		if c := cmdTrainParse(args, &out, &errb); c != 0 {
			t.Fatalf("exit %d: %s", c, errb.String())
		}
		for _, want := range []string{"epoch  3", "dev UAS", "train: 4 sentences, 22 words (tagger tags)", "wrote "} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("output lacks %q:\n%s", want, out.String())
			}
		}
		b, err := os.ReadFile(model)
		if err != nil {
			t.Fatal(err)
		}
		models[i] = b
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("training twice gives different model bytes")
	}
	p, err := parser.Load(models[0])
	if err != nil {
		t.Fatal(err)
	}
	if p.Treebank() != "a" || p.Beam() != 1 {
		t.Errorf("treebank %q, beam %d; want a, 1", p.Treebank(), p.Beam())
	}
	model := filepath.Join(dir, "beam.model")
	if c := cmdTrainParse([]string{"--train", fix, "--epochs", "2", "--beam", "4", "--out", model}, &out, &errb); c != 0 {
		t.Fatalf("--beam 4: exit %d: %s", c, errb.String())
	}
	b, err := os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	if p, err = parser.Load(b); err != nil {
		t.Fatalf("--beam 4: %v", err)
	}
	if p.Beam() != 4 {
		t.Errorf("--beam 4: model beam %d", p.Beam())
	}
}

func TestEvalUDReportsDeps(t *testing.T) {
	var stdout, stderr bytes.Buffer
	gold := filepath.Join("..", "..", "eval", "testdata", "mini.conllu")
	if code := cmdEvalUD([]string{"--gold", gold}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{`"uas": `, `"las": `} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %s:\n%s", want, stdout.String())
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.model")
	if err := os.WriteFile(bad, []byte("not a model"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := cmdEvalUD([]string{"--gold", gold, "--parse-model", bad}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "not a warta parser model") {
		t.Errorf("corrupt model: exit %d, %s", code, stderr.String())
	}
}
