package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lemmaFixture is a tiny lemma-annotated CoNLL-U file written for these tests.
const lemmaFixture = `# text = Rumahnya tersebut besar.
1-2	Rumahnya	_	_	_	_	_	_	_	_
1	Rumah	rumah	NOUN	_	_	4	nsubj	_	_
2	nya	dia	PRON	_	_	1	nmod	_	_
3	tersebut	tersebut	DET	_	_	1	det	_	_
4	besar	besar	ADJ	_	_	0	root	_	_
5	.	.	PUNCT	_	_	4	punct	_	_

`

func TestCmdTrainLemma(t *testing.T) {
	var out, errb bytes.Buffer
	if c := cmdTrainLemma(nil, &out, &errb); c != 2 {
		t.Errorf("no --train: exit %d, want 2", c)
	}
	if c := cmdTrainLemma([]string{"--train", "/nonexistent/x.conllu"}, &out, &errb); c != 1 {
		t.Errorf("missing file: exit %d, want 1", c)
	}
	dir := t.TempDir()
	fix := filepath.Join(dir, "tiny-train.conllu")
	if err := os.WriteFile(fix, []byte(lemmaFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	test := filepath.Join(dir, "tiny-test.conllu")
	if err := os.WriteFile(test, []byte(lemmaFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	if c := cmdTrainLemma([]string{"--train", test, "--out", filepath.Join(dir, "t.tsv")}, &out, &errb); c != 1 || !strings.Contains(errb.String(), "test set") {
		t.Errorf("test file: exit %d (%s), want 1 and a refusal", c, errb.String())
	}
	var tables [2][]byte
	for i := range tables {
		out.Reset()
		errb.Reset()
		p := filepath.Join(dir, "l"+string(rune('0'+i))+".tsv")
		if c := cmdTrainLemma([]string{"--train", fix, "--out", p}, &out, &errb); c != 0 {
			t.Fatalf("exit %d: %s", c, errb.String())
		}
		if !strings.Contains(out.String(), "train: 1 files, 5 words; wrote") || !strings.Contains(out.String(), "5 forms") {
			t.Errorf("output: %s", out.String())
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		tables[i] = b
	}
	if !bytes.Equal(tables[0], tables[1]) {
		t.Error("two runs gave different bytes")
	}
	if !strings.Contains(string(tables[0]), "\nnya\tdia\n") || !strings.Contains(string(tables[0]), "\nrumah\trumah\n") {
		t.Errorf("table lacks entries:\n%s", tables[0])
	}
}

// TestLemmaTableUpToDate rebuilds the shipped lemma table from the shared
// UD data and checks it matches data/morph/udlemma/lemmas.tsv byte for byte.
func TestLemmaTableUpToDate(t *testing.T) {
	dev := filepath.Join("..", "..", "..", "shared", "data", "ud", "UD_Indonesian-GSD", "id_gsd-ud-dev.conllu")
	if _, err := os.Stat(dev); err != nil {
		t.Skipf("UD data not available (%v): ../shared/data is absent", err)
	}
	p := filepath.Join(t.TempDir(), "lemmas.tsv")
	var out, errb bytes.Buffer
	if c := cmdTrainLemma([]string{"--train", dev, "--out", p}, &out, &errb); c != 0 {
		t.Fatalf("exit %d: %s", c, errb.String())
	}
	got, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := os.ReadFile(filepath.Join("..", "..", "data", "morph", "udlemma", "lemmas.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, shipped) {
		t.Error("data/morph/udlemma/lemmas.tsv differs from a rebuild; run the command in data/morph/udlemma/README.md")
	}
}
