package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestCmdEvalTimex(t *testing.T) {
	var out, errb bytes.Buffer
	if c := cmdEvalTimex(nil, &out, &errb); c != 2 {
		t.Errorf("no --gold: exit %d, want 2", c)
	}
	news := filepath.Join("..", "..", "..", "shared", "data", "news")
	if _, err := os.Stat(news); err != nil {
		t.Skipf("skipping: shared news data not found at %s (%v)", news, err)
	}
	out.Reset()
	errb.Reset()
	gold := filepath.Join("..", "..", "eval", "gold", "timex.tsv")
	if c := cmdEvalTimex([]string{"--gold", gold, "--news", news}, &out, &errb); c != 0 {
		t.Fatalf("exit %d: %s", c, errb.String())
	}
	var rep struct {
		Gold     int                        `json:"gold"`
		ExactAcc float64                    `json:"exact_accuracy"`
		Kinds    map[string]json.RawMessage `json:"kinds"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Gold < 120 || len(rep.Kinds) == 0 || rep.ExactAcc < 0.95 {
		t.Errorf("report: %d gold, %d kinds, exact %.3f", rep.Gold, len(rep.Kinds), rep.ExactAcc)
	}
}
