package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/warta-id/warta/biaffine"
	"github.com/warta-id/warta/parser"
	"github.com/warta-id/warta/tagger"
)

const trainBiaffineUsage = "usage: warta train biaffine --train [NAME=]A.conllu[,[NAME=]B.conllu] [--dev D.conllu] [--target NAME [--hold-out N]] [--epochs N] [--seed N] [--clusters FILE] [--out parser/model/biaffine.model]"

// cmdTrainBiaffine trains the BiLSTM biaffine dependency parser (package
// biaffine) on CoNLL-U files, on the embedded tagger's tags, and keeps the
// epoch with the best LAS on --dev. The same files and flags give the same
// model bytes on the same machine.
func cmdTrainBiaffine(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train biaffine", flag.ContinueOnError)
	fs.SetOutput(stderr)
	train := fs.String("train", "", "comma-separated CoNLL-U training files, each optionally named by its treebank: csui=FILE")
	target := fs.String("target", "", "treebank name (from --train) whose annotation style the parser follows")
	dev := fs.String("dev", "", "comma-separated CoNLL-U files; keep the epoch with the best LAS on them")
	epochs := fs.Int("epochs", 30, "training epochs")
	seed := fs.Uint64("seed", 1, "initialisation, shuffling and dropout seed")
	clusters := fs.String("clusters", "", "word-cluster file (warta train clusters; default: the embedded tagger's, tagger/model/clusters.txt)")
	holdOut := fs.Int("hold-out", 0, "keep the last N sentences of each --target training file out of training, as dev data")
	out := fs.String("out", filepath.Join("parser", "model", "biaffine.model"), "model file to write")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *train == "" || fs.NArg() != 0 || *epochs <= 0 {
		fmt.Fprintln(stderr, trainBiaffineUsage)
		return 2
	}
	tg, err := tagger.Default()
	if err != nil {
		fmt.Fprintf(stderr, "warta train biaffine: %v\n", err)
		return 1
	}
	cl := tg.Clusters()
	if *clusters != "" {
		f, err := os.Open(*clusters)
		if err != nil {
			fmt.Fprintf(stderr, "warta train biaffine: %v\n", err)
			return 1
		}
		cl, err = tagger.ReadClusters(f, *clusters)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "warta train biaffine: %v\n", err)
			return 1
		}
	}
	start := time.Now()
	var tr, dv []parser.Sentence
	for _, item := range fileList(*train) {
		s, err := readTreebanks(item, true, tg)
		if err != nil {
			fmt.Fprintf(stderr, "warta train biaffine: %v\n", err)
			return 1
		}
		if *holdOut > 0 && len(s) > 0 && s[0].Treebank == *target {
			k := max(len(s)-*holdOut, 0)
			if dv == nil {
				dv = s[k:]
			}
			s = s[:k]
		}
		tr = append(tr, s...)
	}
	if *dev != "" {
		d, err := readTreebanks(*dev, true, tg)
		if err != nil {
			fmt.Fprintf(stderr, "warta train biaffine: %v\n", err)
			return 1
		}
		dv = append(dv, d...)
	}
	for i := range dv {
		dv[i].Treebank = *target
	}
	m, err := biaffine.Train(tr, biaffine.TrainOptions{
		Epochs: *epochs, Seed: *seed, Clusters: cl, Target: *target, Dev: dv,
		Report: func(es biaffine.EpochStats) {
			dev := "-"
			if es.DevLAS >= 0 {
				dev = fmt.Sprintf("UAS %.2f LAS %.2f", 100*es.DevUAS, 100*es.DevLAS)
			}
			fmt.Fprintf(stdout, "epoch %2d  loss %.4f  dev %s  (%s)\n", es.Epoch, es.Loss, dev, time.Since(start).Round(time.Second))
		},
	})
	if err != nil {
		fmt.Fprintf(stderr, "warta train biaffine: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "train: %d sentences; dev: %d sentences\n", len(tr), len(dv))
	n, err := writeModel(*out, m)
	if err != nil {
		fmt.Fprintf(stderr, "warta train biaffine: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s: %d bytes (%s)\n", *out, n, time.Since(start).Round(time.Second))
	return 0
}
