package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nerFixture is a tiny CoNLL training set written for these tests: the
// idner-news-2k layout (word, UPOS, tag) and the IndoLEM layout (word<TAB>tag).
const nerFixture = `Budi PROPN B-PER
Santoso PROPN I-PER
pergi VERB O
ke ADP O
Bandung PROPN B-LOC
. PUNCT O

Siti PROPN B-PER
bekerja VERB O
di ADP O
Bank PROPN B-ORG
Mandiri PROPN I-ORG
. PUNCT O

Polisi	B-ORGANIZATION
Medan	I-ORGANIZATION
menangkap	O
Andi	B-PERSON
.	O

Hujan	O
turun	O
di	O
Bogor	B-LOCATION
kemarin	B-TIME
.	O
`

func writeNERFixture(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "tiny.conll")
	if err := os.WriteFile(p, []byte(nerFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCmdTrainNER(t *testing.T) {
	var out, errb bytes.Buffer
	if c := cmdTrainNER(nil, &out, &errb); c != 2 {
		t.Errorf("no --train: exit %d, want 2", c)
	}
	if c := cmdTrainNER([]string{"--train", "/nonexistent/x.conll"}, &out, &errb); c != 1 {
		t.Errorf("missing file: exit %d, want 1", c)
	}
	fix := writeNERFixture(t)
	dir := t.TempDir()
	var models [2][]byte
	for i := range models {
		out.Reset()
		errb.Reset()
		m := filepath.Join(dir, "m"+string(rune('0'+i))+".model")
		if c := cmdTrainNER([]string{"--train", fix, "--dev", fix, "--epochs", "4", "--out", m}, &out, &errb); c != 0 {
			t.Fatalf("exit %d: %s", c, errb.String())
		}
		for _, want := range []string{"train: 4 sentences, 23 words; dev: 4 sentences", "epoch  4  train loss", "dev F1 1.0000", "wrote "} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("output lacks %q:\n%s", want, out.String())
			}
		}
		b, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		models[i] = b
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("two runs gave different model bytes")
	}
}
