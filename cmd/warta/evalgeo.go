package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/eval"
	"github.com/warta-id/warta/kb"
	"github.com/warta-id/warta/pipeline"
)

// cmdEvalGeo scores geocoding against a place-mention gold set
// (eval/gold/geo.tsv): it runs the full pipeline on each gold article and
// compares the place the resolver gave each gold mention. It prints the
// report as JSON.
func cmdEvalGeo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval geo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gold := fs.String("gold", "", "gold TSV (eval/gold/geo.tsv; format in eval/gold/GEO.md)")
	news := fs.String("news", "../shared/data/news", "news data directory (holds "+eval.IndoSumText+" and "+eval.LaninText+")")
	errs := fs.Bool("errors", true, "list the mentions not resolved exactly")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *gold == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: warta eval geo --gold eval/gold/geo.tsv [--news DIR]")
		return 2
	}
	rep, err := evalGeo(*gold, *news)
	if err != nil {
		fmt.Fprintf(stderr, "warta eval geo: %v\n", err)
		return 1
	}
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

// evalGeo reads the gold set and its articles and scores the pipeline.
func evalGeo(goldPath, newsDir string) (eval.GeoReport, error) {
	g, err := eval.ReadGeoGold(goldPath)
	if err != nil {
		return eval.GeoReport{}, fmt.Errorf("gold: %v", err)
	}
	arts, err := eval.ReadGeoArticles(newsDir, g)
	if err != nil {
		return eval.GeoReport{}, fmt.Errorf("news: %v", err)
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		return eval.GeoReport{}, err
	}
	process := func(id string, a eval.GeoArticle) *doc.Document {
		d := &doc.Document{ID: id, Raw: a.Text, Source: a.Source, Published: a.Published}
		p.Process(d)
		return d
	}
	countryName := func(c string) string {
		if e := p.KB.Country(c); e != nil {
			return e.Name
		}
		return ""
	}
	capital := func(code, text string) int {
		// a city-state: the capital that bears the name written
		for _, e := range p.KB.Lookup(text) {
			if e.Kind == kb.Place && e.Code == code && e.GeonameID != 0 && e.Feature == "PPLC" {
				return e.GeonameID
			}
		}
		return 0
	}
	return eval.EvalGeo(g, arts, process, countryName, capital), nil
}
