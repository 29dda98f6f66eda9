package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/warta-id/warta/ner"
)

const evalNERUsage = "usage: warta eval ner --gold FILE[,FILE] [--model FILE]"

// cmdEvalNER labels the words of CoNLL gold files (word first column, BIO
// tag last; labels mapped to PER/ORG/LOC with ner.MapLabel) with the
// recogniser and prints entity-level precision, recall and F1, overall and
// per label, as JSON. Scoring follows conlleval: exact-match entities, and
// an I- tag without a B- starts an entity.
func cmdEvalNER(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval ner", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gold := fs.String("gold", "", "comma-separated CoNLL gold files")
	model := fs.String("model", "", "model file (default: the embedded model)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *gold == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, evalNERUsage)
		return 2
	}
	var sents []ner.Sentence
	for _, p := range strings.Split(*gold, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		s, err := ner.ReadFile(p)
		if err != nil {
			fmt.Fprintf(stderr, "warta eval ner: gold: %v\n", err)
			return 1
		}
		sents = append(sents, s...)
	}
	var r *ner.Recognizer
	var err error
	if *model != "" {
		b, rerr := os.ReadFile(*model)
		if rerr != nil {
			fmt.Fprintf(stderr, "warta eval ner: %v\n", rerr)
			return 1
		}
		r, err = ner.Load(b)
		if err != nil {
			err = fmt.Errorf("%s: %w", *model, err)
		}
	} else {
		r, err = ner.Default()
	}
	if err != nil {
		fmt.Fprintf(stderr, "warta eval ner: %v\n", err)
		return 1
	}
	rep := r.Evaluate(sents)
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return 1
	}
	return 0
}
