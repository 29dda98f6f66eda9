package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

type nerReport struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Gold      int     `json:"gold"`
	Labels    map[string]struct {
		F1   float64 `json:"f1"`
		Gold int     `json:"gold"`
	} `json:"labels"`
}

func TestCmdEvalNER(t *testing.T) {
	var out, errb bytes.Buffer
	if c := cmdEvalNER(nil, &out, &errb); c != 2 {
		t.Errorf("no --gold: exit %d, want 2", c)
	}
	if c := cmdEvalNER([]string{"--gold", "/nonexistent/x.conll"}, &out, &errb); c != 1 {
		t.Errorf("missing file: exit %d, want 1", c)
	}
	fix := writeNERFixture(t)
	m := filepath.Join(t.TempDir(), "tiny.model")
	if c := cmdTrainNER([]string{"--train", fix, "--epochs", "4", "--out", m}, &out, &errb); c != 0 {
		t.Fatalf("train: exit %d: %s", c, errb.String())
	}
	// The tiny model on its own training data: every entity found.
	out.Reset()
	if c := cmdEvalNER([]string{"--gold", fix, "--model", m}, &out, &errb); c != 0 {
		t.Fatalf("exit %d: %s", c, errb.String())
	}
	var rep nerReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	// 7 entities: B-TIME is mapped to O.
	if rep.Gold != 7 || rep.F1 != 1 || rep.Labels["PER"].Gold != 3 || rep.Labels["ORG"].Gold != 2 || rep.Labels["LOC"].Gold != 2 {
		t.Errorf("report %+v", rep)
	}
	// The embedded model on the fixture: a valid report.
	out.Reset()
	if c := cmdEvalNER([]string{"--gold", fix}, &out, &errb); c != 0 {
		t.Fatalf("embedded model: exit %d: %s", c, errb.String())
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil || rep.Gold != 7 || rep.F1 <= 0.5 {
		t.Errorf("embedded model: %v %+v", err, rep)
	}
	// A bad model file.
	bad := filepath.Join(t.TempDir(), "bad.model")
	os.WriteFile(bad, []byte("nonsense"), 0o644)
	if c := cmdEvalNER([]string{"--gold", fix, "--model", bad}, &out, &errb); c != 1 {
		t.Errorf("bad model: exit %d, want 1", c)
	}
}
