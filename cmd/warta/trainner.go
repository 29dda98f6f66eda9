package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/warta-id/warta/ner"
)

const trainNERUsage = "usage: warta train ner --train FILE[,FILE] [--dev FILE[,FILE]] [--epochs N] [--seed N] [--min-weight F] [--out ner/model/ner.model]"

// cmdTrainNER trains the named-entity recogniser (package ner) on CoNLL
// files (word first column, BIO tag last) and writes the model file. It
// prints, per epoch, the training loss and tag accuracy and the dev F1, and
// keeps the epoch with the best dev F1. The same files and flags always give
// the same model bytes.
func cmdTrainNER(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train ner", flag.ContinueOnError)
	fs.SetOutput(stderr)
	train := fs.String("train", "", "comma-separated CoNLL training files (word first column, BIO tag last)")
	dev := fs.String("dev", "", "comma-separated CoNLL files; keep the epoch with the best entity F1 on them")
	epochs := fs.Int("epochs", 10, "training epochs")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	minW := fs.Float64("min-weight", 0.001, "drop averaged weights below this share of the largest")
	out := fs.String("out", filepath.Join("ner", "model", "ner.model"), "model file to write")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *train == "" || fs.NArg() != 0 || *epochs <= 0 {
		fmt.Fprintln(stderr, trainNERUsage)
		return 2
	}
	start := time.Now()
	tr, err := readNERFiles(*train)
	if err != nil {
		fmt.Fprintf(stderr, "warta train ner: %v\n", err)
		return 1
	}
	if len(tr) == 0 {
		fmt.Fprintln(stderr, "warta train ner: no training sentences")
		return 1
	}
	var dv []ner.Sentence
	if *dev != "" {
		if dv, err = readNERFiles(*dev); err != nil {
			fmt.Fprintf(stderr, "warta train ner: %v\n", err)
			return 1
		}
	}
	words := 0
	for _, s := range tr {
		words += len(s.Words)
	}
	fmt.Fprintf(stdout, "train: %d sentences, %d words; dev: %d sentences\n", len(tr), words, len(dv))
	r, err := ner.Train(tr, ner.TrainOptions{
		Epochs: *epochs,
		Seed:   *seed,
		Dev:    dv,
		MinAbs: *minW,
		Report: func(st ner.EpochStats) {
			dev := "-"
			if st.DevF1 >= 0 {
				dev = fmt.Sprintf("%.4f", st.DevF1)
			}
			fmt.Fprintf(stdout, "epoch %2d  train loss %.3f  train acc %.4f  dev F1 %s  features %d\n",
				st.Epoch, st.Loss, st.TrainAcc, dev, st.Features)
		},
	})
	if err != nil {
		fmt.Fprintf(stderr, "warta train ner: %v\n", err)
		return 1
	}
	n, err := writeModel(*out, r)
	if err != nil {
		fmt.Fprintf(stderr, "warta train ner: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes) in %s\n", *out, n, time.Since(start).Round(time.Millisecond))
	return 0
}
