package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/warta-id/warta/parser"
	"github.com/warta-id/warta/tagger"
)

const trainParseUsage = "usage: warta train parse --train [NAME=]A.conllu[,[NAME=]B.conllu] [--dev D.conllu] [--target NAME] [--epochs N] [--tags tagger|gold] [--seed N] [--min-weight F] [--min-count N] [--beam K] [--out parser/model/parse.model]"

// cmdTrainParse trains the dependency parser (package parser) on CoNLL-U
// files and writes the model file. It prints, per epoch, the share of
// right moves and the dev UAS and LAS, and keeps the epoch with the best
// dev LAS. The dev words are always tagged by the embedded tagger, as at
// parse time; with --tags tagger (the default) so are the training words,
// with --tags gold they keep the files' tags. With --beam K > 1 the move
// weights are trained for, and the model parses with, beam search of width
// K. The same files and flags always give the same model bytes.
func cmdTrainParse(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	train := fs.String("train", "", "comma-separated CoNLL-U training files, each optionally named by its treebank: csui=FILE")
	target := fs.String("target", "", "treebank name (from --train) whose annotation style the parser follows; learns shared and per-treebank weights")
	dev := fs.String("dev", "", "comma-separated CoNLL-U files; keep the epoch with the best LAS on them")
	epochs := fs.Int("epochs", 15, "training epochs")
	seed := fs.Uint64("seed", 1, "shuffling and exploration seed")
	minW := fs.Float64("min-weight", 0.002, "drop averaged weights below this share of the largest")
	minCount := fs.Int("min-count", 2, "drop features seen fewer times on the gold move sequences of the training data")
	beam := fs.Int("beam", 1, "beam width: train for, and parse with, beam search of this width (1: greedy)")
	tags := fs.String("tags", "tagger", "UPOS tags to train on: tagger (predicted by the embedded tagger) or gold")
	out := fs.String("out", filepath.Join("parser", "model", "parse.model"), "model file to write")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *train == "" || fs.NArg() != 0 || *epochs <= 0 || *beam < 1 || *beam > parser.MaxBeam || (*tags != "tagger" && *tags != "gold") {
		fmt.Fprintln(stderr, trainParseUsage)
		return 2
	}
	tg, err := tagger.Default()
	if err != nil {
		fmt.Fprintf(stderr, "warta train parse: %v\n", err)
		return 1
	}
	read := func(list string, predicted bool) ([]parser.Sentence, error) {
		return readTreebanks(list, predicted, tg)
	}
	start := time.Now()
	tr, err := read(*train, *tags == "tagger")
	if err != nil {
		fmt.Fprintf(stderr, "warta train parse: %v\n", err)
		return 1
	}
	var dv []parser.Sentence
	if *dev != "" {
		if dv, err = read(*dev, true); err != nil {
			fmt.Fprintf(stderr, "warta train parse: %v\n", err)
			return 1
		}
	}
	p, st, err := parser.Train(tr, parser.TrainOptions{
		Epochs:   *epochs,
		Seed:     *seed,
		Dev:      dv,
		MinAbs:   *minW,
		MinCount: *minCount,
		Target:   *target,
		Beam:     *beam,
		Report: func(es parser.EpochStats) {
			dev := "-"
			if es.DevLAS >= 0 {
				dev = fmt.Sprintf("UAS %.2f LAS %.2f", 100*es.DevUAS, 100*es.DevLAS)
			}
			fmt.Fprintf(stdout, "epoch %2d  moves %.4f  dev %s  features %d  (%s)\n",
				es.Epoch, es.Moves, dev, es.Features, time.Since(start).Round(time.Second))
		},
	})
	if err != nil {
		fmt.Fprintf(stderr, "warta train parse: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "train: %d sentences, %d words (%s tags); %d skipped, %d projectivized (%d arcs lifted); dev: %d sentences\n",
		st.Sentences, st.Words, *tags, st.Skipped, st.Projectivized, st.Lifts, len(dv))
	n, err := writeModel(*out, p)
	if err != nil {
		fmt.Fprintf(stderr, "warta train parse: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s: %d bytes, %d features (%s)\n", *out, n, p.Features(), time.Since(start).Round(time.Second))
	return 0
}

// readTreebanks reads a comma-separated list of CoNLL-U files, each
// optionally named by its treebank (csui=FILE); with predicted, the words'
// tags are replaced by the tagger's, as at parse time.
func readTreebanks(list string, predicted bool, tg *tagger.Tagger) ([]parser.Sentence, error) {
	var all []parser.Sentence
	for _, p := range fileList(list) {
		tb := ""
		if i := strings.IndexByte(p, '='); i > 0 {
			tb, p = p[:i], p[i+1:]
		}
		s, err := parser.ReadFile(p)
		if err != nil {
			return nil, err
		}
		for i := range s {
			s[i].Treebank = tb
		}
		all = append(all, s...)
	}
	if predicted {
		for i := range all {
			all[i].UPOS = tg.Tag(all[i].Words)
		}
	}
	return all, nil
}
