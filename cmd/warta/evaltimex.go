package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/warta-id/warta/eval"
	"github.com/warta-id/warta/timex"
)

// cmdEvalTimex scores package timex against a time-expression gold set
// (eval/gold/timex.tsv): it reads the gold rows' articles from the news
// directory, runs timex.Find on each full text with its publication date,
// and prints the report as JSON.
func cmdEvalTimex(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval timex", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gold := fs.String("gold", "", "gold TSV (eval/gold/timex.tsv; format in eval/gold/TIMEX.md)")
	news := fs.String("news", "../shared/data/news", "news data directory (holds "+eval.IndoSumText+")")
	errs := fs.Bool("errors", true, "list the expressions not resolved exactly")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *gold == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: warta eval timex --gold eval/gold/timex.tsv [--news DIR]")
		return 2
	}
	g, err := eval.ReadTimexGold(*gold)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval timex: gold: %v\n", err)
		return 1
	}
	arts, err := eval.ReadTimexArticles(*news, g)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval timex: news: %v\n", err)
		return 1
	}
	if _, err := timex.Default(); err != nil {
		fmt.Fprintf(stderr, "warta eval timex: %v\n", err)
		return 1
	}
	rep := eval.EvalTimex(g, arts, timex.Find)
	if !*errs {
		rep.Errors = nil
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return 1
	}
	return 0
}
