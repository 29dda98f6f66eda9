package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCmdTrainBiaffine trains the biaffine parser on the tiny fixture
// twice (same bytes), with a held-out dev part, and scores the model with
// eval ud, alone and with a transition-parser helper.
func TestCmdTrainBiaffine(t *testing.T) {
	var out, errb bytes.Buffer
	if c := cmdTrainBiaffine(nil, &out, &errb); c != 2 {
		t.Errorf("no --train: exit %d, want 2", c)
	}
	if c := cmdTrainBiaffine([]string{"--train", "/nonexistent/x.conllu"}, &out, &errb); c != 1 {
		t.Errorf("missing file: exit %d, want 1", c)
	}
	dir := t.TempDir()
	fix := filepath.Join(dir, "tiny.conllu")
	if err := os.WriteFile(fix, []byte(parseFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	var models [2][]byte
	model := filepath.Join(dir, "m", "biaffine.model")
	for i := range models {
		out.Reset()
		errb.Reset()
		args := []string{"--train", "a=" + fix + ",b=" + fix, "--target", "a", "--hold-out", "1", "--epochs", "2", "--out", model}
		if c := cmdTrainBiaffine(args, &out, &errb); c != 0 {
			t.Fatalf("exit %d: %s", c, errb.String())
		}
		for _, want := range []string{"epoch  2", "dev UAS", "train: 3 sentences; dev: 1 sentences", "wrote "} {
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
		t.Error("two runs wrote different model bytes")
	}
	out.Reset()
	errb.Reset()
	if c := run([]string{"eval", "ud", "--gold", fix, "--parse-model", model}, strings.NewReader(""), &out, &errb); c != 0 || !strings.Contains(out.String(), `"las"`) {
		t.Errorf("eval ud with the biaffine model: exit %d, %s %s", c, out.String(), errb.String())
	}
	out.Reset()
	errb.Reset()
	if c := run([]string{"eval", "ud", "--gold", fix, "--parse-model", model, "--helpers", filepath.Join("..", "..", "parser", "model", "parse.model")}, strings.NewReader(""), &out, &errb); c != 0 || !strings.Contains(out.String(), `"las"`) {
		t.Errorf("eval ud with a helper: exit %d, %s %s", c, out.String(), errb.String())
	}
	out.Reset()
	errb.Reset()
	if c := run([]string{"eval", "ud", "--gold", fix, "--helpers", model}, strings.NewReader(""), &out, &errb); c != 1 || !strings.Contains(errb.String(), "--helpers needs a biaffine") {
		t.Errorf("eval ud --helpers without a biaffine model: exit %d, stderr %q", c, errb.String())
	}
}
