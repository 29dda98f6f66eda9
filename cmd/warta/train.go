package main

import (
	"encoding"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/warta-id/warta/eval"
	"github.com/warta-id/warta/tagger"
)

// cmdTrain trains Warta's statistical models: warta train pos ...
func cmdTrain(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "lemma" {
		return cmdTrainLemma(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "ner" {
		return cmdTrainNER(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "parse" {
		return cmdTrainParse(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "biaffine" {
		return cmdTrainBiaffine(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "clusters" {
		return cmdTrainClusters(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "pos" {
		fmt.Fprintln(stderr, "usage: warta train pos --train A.conllu,B.conllu [--legacy L.conllu] [--dev D.conllu] [--clusters C.txt] [--epochs N] [--out tagger/model/pos.model]\n       warta train ner --train A,B [--dev D] [--epochs N] [--out ner/model/ner.model]\n       warta train parse --train A.conllu,B.conllu [--dev D.conllu] [--epochs N] [--out parser/model/parse.model]\n       warta train biaffine --train A.conllu,B.conllu [--dev D.conllu] [--epochs N] [--out parser/model/biaffine.model]")
		return 2
	}
	return cmdTrainPOS(args[1:], stdout, stderr)
}

func cmdTrainPOS(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train pos", flag.ContinueOnError)
	fs.SetOutput(stderr)
	train := fs.String("train", "", "comma-separated CoNLL-U training files in the current UD annotation; a file listed k times is trained on k times (harmonisation counts it once)")
	legacy := fs.String("legacy", "", "comma-separated CoNLL-U training files in an older annotation (UD Indonesian-GSD r2.1); their tags are harmonised to the --train files' annotation first")
	dev := fs.String("dev", "", "CoNLL-U file; keep the epoch with the best UPOS accuracy on it")
	epochs := fs.Int("epochs", 10, "training epochs")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	minW := fs.Float64("min-weight", 0.005, "drop averaged weights below this share of the largest")
	out := fs.String("out", filepath.Join("tagger", "model", "pos.model"), "model file to write")
	relabel := fs.String("relabel", "", "OLD.conllu,NEW.conllu: the same sentences in an older and a newer release of the --legacy treebank (or, without --legacy, the --train treebank); the word tags that changed between them are changed in that training data too")
	bags := fs.Int("bags", 1, "train this many perceptrons with seeds seed, seed+1, ... and average them")
	clusterFile := fs.String("clusters", "", "word-cluster file (warta train clusters) whose paths become features; the model keeps the table")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *train == "" {
		fmt.Fprintln(stderr, "usage: warta train pos --train A.conllu,B.conllu [--legacy L.conllu] [--relabel OLD.conllu,NEW.conllu] [--dev D.conllu] [--clusters C.txt] [--bags N] [--epochs N] [--out FILE]")
		return 2
	}
	var clusters tagger.Clusters
	if *clusterFile != "" {
		f, err := os.Open(*clusterFile)
		if err != nil {
			fmt.Fprintf(stderr, "warta train pos: %v\n", err)
			return 1
		}
		clusters, err = tagger.ReadClusters(f, *clusterFile)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "warta train pos: %v\n", err)
			return 1
		}
	}
	read := func(list string) ([]tagger.Sentence, error) {
		var all []tagger.Sentence
		for _, p := range fileList(list) {
			s, err := readPOS(p)
			if err != nil {
				return nil, err
			}
			all = append(all, s...)
		}
		return all, nil
	}
	start := time.Now()
	// cur: each --train file once; extra: the further copies of files
	// listed more than once.
	var cur, extra []tagger.Sentence
	seen := map[string][]tagger.Sentence{}
	for _, p := range fileList(*train) {
		if s, ok := seen[p]; ok {
			extra = append(extra, s...)
			continue
		}
		s, err := readPOS(p)
		if err != nil {
			fmt.Fprintf(stderr, "warta train pos: %v\n", err)
			return 1
		}
		seen[p] = s
		cur = append(cur, s...)
	}
	var vmap map[string]string
	if *relabel != "" {
		f := strings.Split(*relabel, ",")
		if len(f) != 2 {
			fmt.Fprintln(stderr, "warta train pos: --relabel wants OLD.conllu,NEW.conllu")
			return 2
		}
		o, err := read(f[0])
		if err != nil {
			fmt.Fprintf(stderr, "warta train pos: %v\n", err)
			return 1
		}
		u, err := read(f[1])
		if err != nil {
			fmt.Fprintf(stderr, "warta train pos: %v\n", err)
			return 1
		}
		vmap = tagger.VersionMap(o, u, 1)
		if *legacy == "" {
			fmt.Fprintf(stdout, "relabel: %d word tags changed between releases, %d training tags changed\n", len(vmap), tagger.Relabel(cur, vmap))
		}
	}
	data := cur
	if *legacy != "" {
		old, err := read(*legacy)
		if err != nil {
			fmt.Fprintf(stderr, "warta train pos: %v\n", err)
			return 1
		}
		if vmap != nil {
			fmt.Fprintf(stdout, "relabel: %d word tags changed between releases, %d legacy tags changed\n", len(vmap), tagger.Relabel(old, vmap))
		}
		n := tagger.Harmonize(old, cur, 3, 0.9)
		fmt.Fprintf(stdout, "legacy: %d sentences, %d tags harmonised to the current annotation\n", len(old), n)
		data = append(append([]tagger.Sentence(nil), cur...), old...)
	}
	data = append(data, extra...)
	var devS []tagger.Sentence
	if *dev != "" {
		var err error
		if devS, err = read(*dev); err != nil {
			fmt.Fprintf(stderr, "warta train pos: %v\n", err)
			return 1
		}
	}
	words := 0
	for _, s := range data {
		words += len(s.Words)
	}
	fmt.Fprintf(stdout, "train: %d sentences, %d words; dev: %d sentences\n", len(data), words, len(devS))
	t, err := tagger.Train(data, tagger.TrainOptions{
		Epochs: *epochs, Seed: *seed, Dev: devS, MinAbs: *minW, Clusters: clusters, Bags: *bags,
		Report: func(st tagger.EpochStats) {
			if st.DevAcc >= 0 {
				fmt.Fprintf(stdout, "epoch %2d  train %.4f  dev %.4f  features %d  (%s)\n", st.Epoch, st.TrainAcc, st.DevAcc, st.Features, time.Since(start).Round(time.Second))
			} else {
				fmt.Fprintf(stdout, "epoch %2d  train %.4f  features %d  (%s)\n", st.Epoch, st.TrainAcc, st.Features, time.Since(start).Round(time.Second))
			}
		},
	})
	if err != nil {
		fmt.Fprintf(stderr, "warta train pos: %v\n", err)
		return 1
	}
	n, err := writeModel(*out, t)
	if err != nil {
		fmt.Fprintf(stderr, "warta train pos: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s: %d bytes, %d features (%s)\n", *out, n, t.Features(), time.Since(start).Round(time.Second))
	return 0
}

// readPOS reads the syntactic words and UPOS tags of a CoNLL-U file.
func readPOS(path string) ([]tagger.Sentence, error) {
	ud, err := eval.ReadCoNLLU(path)
	if err != nil {
		return nil, err
	}
	out := make([]tagger.Sentence, 0, len(ud))
	for _, s := range ud {
		ts := tagger.Sentence{Words: make([]string, len(s.Words)), Tags: make([]string, len(s.Words))}
		for i, w := range s.Words {
			ts.Words[i], ts.Tags[i] = w.Form, w.UPOS
		}
		out = append(out, ts)
	}
	return out, nil
}

// writeModel marshals a trained model and writes it to path (see
// createFile); it returns the file's size in bytes.
func writeModel(path string, m encoding.BinaryMarshaler) (int, error) {
	b, err := m.MarshalBinary()
	if err != nil {
		return 0, err
	}
	return len(b), createFile(path, b)
}

// createFile writes b to path, creating path's directory first.
func createFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
