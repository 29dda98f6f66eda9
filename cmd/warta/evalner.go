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

const evalNERUsage = `usage: warta eval ner --gold FILE[,FILE] [--model FILE]
       warta eval ner --folds DIR [--extra-train FILE[,FILE]] [--extra-dev FILE[,FILE]] [--epochs N] [--seed N] [--min-weight F]`

// cmdEvalNER labels the words of CoNLL gold files (word first column, BIO
// tag last; labels mapped to PER/ORG/LOC with ner.MapLabel) with the
// recogniser and prints entity-level precision, recall and F1, overall and
// per label, as JSON. Scoring follows conlleval: exact-match entities, and
// an I- tag without a B- starts an entity.
//
// With --folds DIR it runs a cross-validation instead (the IndoLEM NER-UI
// protocol): for each fold k of DIR it trains a recogniser in memory on
// train.0k.tsv (plus --extra-train), keeps the epoch with the best F1 on
// dev.0k.tsv (plus --extra-dev), scores it on test.0k.tsv and prints each
// fold's scores and the mean F1 as JSON. No model is written; the same files
// and flags always print the same figures.
func cmdEvalNER(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval ner", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gold := fs.String("gold", "", "comma-separated CoNLL gold files")
	model := fs.String("model", "", "model file (default: the embedded model)")
	folds := fs.String("folds", "", "cross-validate on the folds of this directory (train/dev/test.0k.tsv) instead")
	extraTrain := fs.String("extra-train", "", "with --folds: comma-separated CoNLL files added to every fold's training data")
	extraDev := fs.String("extra-dev", "", "with --folds: comma-separated CoNLL files added to every fold's dev data")
	epochs := fs.Int("epochs", 20, "with --folds: training epochs per fold")
	seed := fs.Uint64("seed", 1, "with --folds: shuffling seed")
	minW := fs.Float64("min-weight", 0.001, "with --folds: drop averaged weights below this share of the largest")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *folds != "" {
		if *gold != "" || *model != "" || fs.NArg() != 0 || *epochs <= 0 {
			fmt.Fprintln(stderr, evalNERUsage)
			return 2
		}
		return evalNERFolds(*folds, *extraTrain, *extraDev, ner.TrainOptions{Epochs: *epochs, Seed: *seed, MinAbs: *minW}, stdout, stderr)
	}
	if *gold == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, evalNERUsage)
		return 2
	}
	sents, err := readNERFiles(*gold)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval ner: gold: %v\n", err)
		return 1
	}
	var r *ner.Recognizer
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

// readNERFiles reads the sentences of a comma-separated list of CoNLL files.
func readNERFiles(list string) ([]ner.Sentence, error) {
	var all []ner.Sentence
	for _, p := range fileList(list) {
		s, err := ner.ReadFile(p)
		if err != nil {
			return nil, err
		}
		all = append(all, s...)
	}
	return all, nil
}

// nerFolds is the JSON printed by warta eval ner --folds.
type nerFolds struct {
	Dir        string   `json:"dir"`
	ExtraTrain []string `json:"extra_train,omitempty"`
	ExtraDev   []string `json:"extra_dev,omitempty"`
	Epochs     int      `json:"epochs"`
	Seed       uint64   `json:"seed"`
	ner.CrossValidation
}

func evalNERFolds(dir, extraTrain, extraDev string, opt ner.TrainOptions, stdout, stderr io.Writer) int {
	folds, err := ner.ReadFolds(dir)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval ner: %v\n", err)
		return 1
	}
	et, err := readNERFiles(extraTrain)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval ner: extra-train: %v\n", err)
		return 1
	}
	ed, err := readNERFiles(extraDev)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval ner: extra-dev: %v\n", err)
		return 1
	}
	cv, err := ner.CrossValidate(folds, et, ed, opt)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval ner: %s: %v\n", dir, err)
		return 1
	}
	out := nerFolds{Dir: dir, ExtraTrain: fileList(extraTrain), ExtraDev: fileList(extraDev), Epochs: opt.Epochs, Seed: opt.Seed, CrossValidation: cv}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return 1
	}
	return 0
}

// fileList splits a comma-separated list of files, dropping empty items.
func fileList(list string) []string {
	var out []string
	for _, p := range strings.Split(list, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
