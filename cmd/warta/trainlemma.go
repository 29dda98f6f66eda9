package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/warta-id/warta/morph"
)

const trainLemmaUsage = "usage: warta train lemma --train A.conllu[,B.conllu] [--out data/morph/udlemma/lemmas.tsv]"

// cmdTrainLemma learns the UD-style lemma table of package morph from
// lemma-annotated CoNLL-U files, given in priority order (a form takes its
// majority lemma in the first file where it occurs), and writes it sorted,
// so the same files always give the same bytes. Test sets are refused.
func cmdTrainLemma(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train lemma", flag.ContinueOnError)
	fs.SetOutput(stderr)
	train := fs.String("train", "", "comma-separated CoNLL-U training files, highest priority first")
	out := fs.String("out", filepath.Join("data", "morph", "udlemma", "lemmas.tsv"), "lemma table to write")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *train == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, trainLemmaUsage)
		return 2
	}
	var sources [][]morph.LemmaExample
	var names []string
	words := 0
	for _, p := range fileList(*train) {
		if strings.Contains(strings.ToLower(filepath.Base(p)), "test") {
			fmt.Fprintf(stderr, "warta train lemma: %s looks like a test set; refusing to learn from it\n", p)
			return 1
		}
		ex, err := readLemmaExamples(p)
		if err != nil {
			fmt.Fprintf(stderr, "warta train lemma: %v\n", err)
			return 1
		}
		sources = append(sources, ex)
		names = append(names, filepath.Base(p))
		words += len(ex)
	}
	if words == 0 {
		fmt.Fprintln(stderr, "warta train lemma: no training words")
		return 1
	}
	table := morph.LearnLemmas(sources...)
	header := []string{
		"UD-style lemma table of the morphology stage (package morph, Analyzer.Lemma): lowercased form<TAB>lemma.",
		"A form takes its most frequent lemma in the first training file where it occurs; words not listed get",
		"the rule lemma. Learned from: " + strings.Join(names, ", ") + ".",
		"License: CC BY-SA 4.0 (derived from Universal Dependencies treebanks); see README.md here and NOTICE.",
		"Rebuild: warta train lemma --train " + strings.Join(names, ",") + " (paths to the files; see README.md).",
	}
	var buf bytes.Buffer
	if err := morph.WriteLemmaTable(&buf, table, header); err != nil {
		fmt.Fprintf(stderr, "warta train lemma: %v\n", err)
		return 1
	}
	if err := createFile(*out, buf.Bytes()); err != nil {
		fmt.Fprintf(stderr, "warta train lemma: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "train: %d files, %d words; wrote %s: %d forms, %d bytes\n", len(sources), words, *out, len(table), buf.Len())
	return 0
}

func readLemmaExamples(path string) ([]morph.LemmaExample, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return morph.ReadLemmaExamples(f, path)
}
