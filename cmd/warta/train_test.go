package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const trainConllu = `# text = Polisi menangkap pencuri itu.
1	Polisi	polisi	NOUN	_	_	2	nsubj	_	_
2	menangkap	tangkap	VERB	_	_	0	root	_	_
3	pencuri	curi	NOUN	_	_	2	obj	_	_
4	itu	itu	DET	_	_	3	det	_	SpaceAfter=No
5	.	.	PUNCT	_	_	2	punct	_	_

# text = Dia akan datang ke Bandung.
1	Dia	dia	PRON	_	_	3	nsubj	_	_
2	akan	akan	AUX	_	_	3	aux	_	_
3	datang	datang	VERB	_	_	0	root	_	_
4	ke	ke	ADP	_	_	5	case	_	_
5	Bandung	Bandung	PROPN	_	_	3	obl	_	SpaceAfter=No
6	.	.	PUNCT	_	_	3	punct	_	_

`

const legacyConllu = `1	Ia	ia	PRON	_	_	3	nsubj	_	_
2	akan	akan	ADV	_	_	3	advmod	_	_
3	pergi	pergi	VERB	_	_	0	root	_	_
4	.	.	PUNCT	_	_	3	punct	_	_

`

func TestTrainPOSReproducible(t *testing.T) {
	dir := t.TempDir()
	tr := filepath.Join(dir, "train.conllu")
	lg := filepath.Join(dir, "legacy.conllu")
	// Three copies so "akan" reaches the harmonisation threshold.
	if err := os.WriteFile(tr, []byte(strings.Repeat(trainConllu, 3)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(lg, []byte(legacyConllu), 0o644); err != nil {
		t.Fatal(err)
	}
	var models [2][]byte
	for i := range models {
		out := filepath.Join(dir, "pos"+string(rune('a'+i))+".model")
		var stdout, stderr bytes.Buffer
		code := cmdTrain([]string{"pos", "--train", tr, "--legacy", lg, "--dev", tr, "--epochs", "3", "--out", out}, &stdout, &stderr)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		for _, want := range []string{"1 tags harmonised", "epoch  3", "dev ", "wrote "} {
			if !strings.Contains(stdout.String(), want) {
				t.Errorf("output lacks %q:\n%s", want, stdout.String())
			}
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		models[i] = b
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("two runs on the same data wrote different model bytes")
	}
	// Usage errors.
	var sink bytes.Buffer
	if code := cmdTrain(nil, &sink, &sink); code != 2 {
		t.Errorf("no subcommand: exit %d", code)
	}
	if code := cmdTrain([]string{"pos"}, &sink, &sink); code != 2 {
		t.Errorf("no --train: exit %d", code)
	}
	if code := cmdTrain([]string{"pos", "--train", filepath.Join(dir, "missing.conllu")}, &sink, &sink); code != 1 {
		t.Errorf("missing file: exit %d", code)
	}
}

func TestEvalUDReportsUPOS(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := cmdEvalUD([]string{"--gold", filepath.Join("..", "..", "eval", "testdata", "mini.conllu")}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{`"upos": `, `"lemma": `, `"tokens": `, `"sentences": `} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %s:\n%s", want, stdout.String())
		}
	}
}
