package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/warta-id/warta/biaffine"

	"github.com/warta-id/warta/eval"
	"github.com/warta-id/warta/morph"
	"github.com/warta-id/warta/parser"
	"github.com/warta-id/warta/segment"
	"github.com/warta-id/warta/tagger"
)

func cmdEval(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "ud" {
		return cmdEvalUD(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "extract" {
		return cmdEvalExtract(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "ner" {
		return cmdEvalNER(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "geo" {
		return cmdEvalGeo(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "timex" {
		return cmdEvalTimex(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "actors" {
		return cmdEvalActors(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "events" {
		fmt.Fprintln(stderr, "usage: warta eval events --gold GOLD.jsonl EVENTS.jsonl\n       warta eval actors --gold GOLD.jsonl EVENTS.jsonl\n       warta eval timex --gold eval/gold/timex.tsv\n       warta eval geo --gold eval/gold/geo.tsv\n       warta eval ner --gold FILE\n       warta eval extract --fixtures DIR\n       warta eval ud --gold FILE.conllu")
		return 2
	}
	fs := flag.NewFlagSet("eval events", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gold := fs.String("gold", "", "gold JSONL (one article a line: article_id, events)")
	details := fs.Bool("details", false, "also list, per article, the missed and spurious triples")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *gold == "" || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: warta eval events --gold GOLD.jsonl EVENTS.jsonl (\"-\" reads events from stdin)")
		return 2
	}
	g, err := eval.ReadGold(*gold)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval: gold: %v\n", err)
		return 1
	}
	var in io.Reader = os.Stdin
	name := fs.Arg(0)
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "warta eval: %v\n", err)
			return 1
		}
		defer f.Close()
		in = f
	}
	pred, err := eval.ReadPredicted(in, name)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval: events: %v\n", err)
		return 1
	}
	rep := eval.Events(g, pred)
	if !*details {
		rep.Errors = nil
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return 1
	}
	return 0
}

// cmdEvalUD scores the segmenter (sentences, tokens), the lemmatizer, the
// tagger and the dependency parser (UAS, LAS on the tagger's tags) on a
// Universal Dependencies CoNLL-U file.
func cmdEvalUD(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval ud", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gold := fs.String("gold", "", "CoNLL-U file (e.g. ../shared/data/ud/UD_Indonesian-GSD/id_gsd-ud-test.conllu)")
	posModel := fs.String("pos-model", "", "POS model file (default: the embedded tagger/model/pos.model)")
	confusions := fs.Bool("confusions", false, "also list UPOS confusions (GOLD>PREDICTED: count)")
	parseModel := fs.String("parse-model", "", "parser model file (default: the embedded parser/model/parse.model)")
	treebank := fs.String("treebank", "", "parse in the annotation style of this treebank of the parser model (default: the model's own; e.g. gsd)")
	helpers := fs.String("helpers", "", "with a biaffine --parse-model: comma-separated transition-parser models whose arcs each add --helper-weight to the biaffine arc log-probabilities before decoding")
	helperWeight := fs.Float64("helper-weight", 1, "weight of each helper's arcs (see --helpers)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *gold == "" {
		fmt.Fprintln(stderr, "usage: warta eval ud --gold FILE.conllu [--pos-model FILE] [--parse-model FILE [--helpers A.model,B.model]] [--treebank NAME] [--confusions]")
		return 2
	}
	sents, err := eval.ReadCoNLLU(*gold)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval ud: %v\n", err)
		return 1
	}
	an, err := morph.Default()
	if err != nil {
		fmt.Fprintf(stderr, "warta eval ud: %v\n", err)
		return 1
	}
	rep, err := eval.UD(sents, segment.Segment, an.Lemma)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval ud: %s: %v\n", *gold, err)
		return 1
	}
	var tg *tagger.Tagger
	if *posModel != "" {
		b, err := os.ReadFile(*posModel)
		if err == nil {
			tg, err = tagger.Load(b)
		}
		if err != nil {
			fmt.Fprintf(stderr, "warta eval ud: %s: %v\n", *posModel, err)
			return 1
		}
	} else if tg, err = tagger.Default(); err != nil {
		fmt.Fprintf(stderr, "warta eval ud: %v\n", err)
		return 1
	}
	pos := eval.UPOS(sents, tg.Tag)
	parse, err := loadDependencyParser(*parseModel, *treebank, fileList(*helpers), *helperWeight)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval ud: %v\n", err)
		return 1
	}
	deps, err := eval.Deps(sents, tg.Tag, eval.DepParser(parse))
	if err != nil {
		fmt.Fprintf(stderr, "warta eval ud: %s: %v\n", *gold, err)
		return 1
	}
	out := struct {
		eval.UDReport
		UPOS       float64        `json:"upos"` // accuracy under gold tokenization
		UAS        float64        `json:"uas"`  // attachment scores under gold tokenization, on the tagger's tags
		LAS        float64        `json:"las"`
		Confusions map[string]int `json:"upos_confusions,omitempty"`
	}{UDReport: rep, UPOS: pos.Accuracy, UAS: deps.UAS, LAS: deps.LAS}
	if *confusions {
		out.Confusions = pos.Confusions
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return 1
	}
	return 0
}

// cmdEvalActors scores actor resolution on the events both the gold set and
// the coder found: warta eval actors --gold GOLD.jsonl EVENTS.jsonl
func cmdEvalActors(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval actors", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gold := fs.String("gold", "", "gold JSONL (one article a line: article_id, events)")
	details := fs.Bool("details", false, "also list the gold actors resolved wrongly")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *gold == "" || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: warta eval actors --gold GOLD.jsonl EVENTS.jsonl (\"-\" reads events from stdin)")
		return 2
	}
	g, err := eval.ReadGold(*gold)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval actors: gold: %v\n", err)
		return 1
	}
	var in io.Reader = os.Stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "warta eval actors: %v\n", err)
			return 1
		}
		defer f.Close()
		in = f
	}
	evs, err := eval.ReadEvents(in, fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "warta eval actors: events: %v\n", err)
		return 1
	}
	rep := eval.Actors(g, evs)
	if !*details {
		rep.Errors = nil
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		return 1
	}
	return 0
}

// loadDependencyParser returns the Parse method of the parser in path: a
// transition parser (package parser) or a biaffine parser (package
// biaffine), told apart by the file's header; "" is the embedded default.
// A treebank name other than "" parses in that treebank's style. helpers
// (transition-parser model files) steer a biaffine parser's trees, each
// arc adding weight (biaffine.Model.WithHelpers).
func loadDependencyParser(path, treebank string, helpers []string, weight float64) (parser.ParseFunc, error) {
	loadTransition := func(path string) (*parser.Parser, error) {
		ps, err := parser.Default()
		if path != "" {
			var b []byte
			if b, err = os.ReadFile(path); err == nil {
				ps, err = parser.Load(b)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if treebank != "" {
			ps = ps.ForTreebank(treebank)
		}
		return ps, nil
	}
	var b []byte
	if path != "" {
		var err error
		if b, err = os.ReadFile(path); err != nil {
			return nil, err
		}
	}
	if !biaffine.IsModel(b) {
		if len(helpers) > 0 {
			return nil, fmt.Errorf("--helpers needs a biaffine --parse-model")
		}
		ps, err := loadTransition(path)
		if err != nil {
			return nil, err
		}
		return ps.Parse, nil
	}
	m, err := biaffine.Load(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if treebank != "" {
		m = m.ForTreebank(treebank)
	}
	if len(helpers) > 0 {
		var fs []parser.ParseFunc
		for _, h := range helpers {
			ps, err := loadTransition(h)
			if err != nil {
				return nil, err
			}
			fs = append(fs, ps.Parse)
		}
		m = m.WithHelpers(weight, fs...)
	}
	return m.Parse, nil
}
