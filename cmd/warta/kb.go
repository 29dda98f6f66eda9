package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/warta-id/warta/internal/kbgen"
	"github.com/warta-id/warta/kb"
	"github.com/warta-id/warta/source"
)

// kbEntry is how `warta kb` prints one knowledge-base entry.
type kbEntry struct {
	Kind     string   `json:"kind"`
	Code     string   `json:"code,omitempty"`
	Sector   string   `json:"sector,omitempty"`
	Name     string   `json:"name"`
	Wikidata string   `json:"wikidata,omitempty"`
	RoleAt   *kbRole  `json:"role_at_date,omitempty"`
	Roles    []kbRole `json:"roles,omitempty"`
	// places
	GeonameID  int      `json:"geonameid,omitempty"`
	Lat        *float64 `json:"lat,omitempty"`
	Lon        *float64 `json:"lon,omitempty"`
	Admin1     string   `json:"admin1,omitempty"`
	Population int      `json:"population,omitempty"`
	Feature    string   `json:"feature,omitempty"`
	Capital    bool     `json:"capital,omitempty"`
	Source     string   `json:"source"`
}

type kbRole struct {
	Code   string `json:"code"`
	Sector string `json:"sector,omitempty"`
	Role   string `json:"role,omitempty"`
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"`
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func toKBEntry(e *kb.Entry, at time.Time) kbEntry {
	out := kbEntry{Kind: e.Kind.String(), Code: e.Code, Sector: e.Sector, Name: e.Name, Wikidata: e.Wikidata, Source: e.Source}
	for _, r := range e.Roles {
		out.Roles = append(out.Roles, kbRole{r.Code, r.Sector, r.Role, day(r.From), day(r.To)})
	}
	if len(e.Roles) > 0 {
		if r, ok := e.RoleAt(at); ok {
			out.RoleAt = &kbRole{r.Code, r.Sector, r.Role, day(r.From), day(r.To)}
		}
	}
	if e.Kind == kb.Place {
		lat, lon := e.Lat, e.Lon
		out.GeonameID, out.Lat, out.Lon = e.GeonameID, &lat, &lon
		out.Admin1, out.Population, out.Feature, out.Capital = e.Admin1, e.Population, e.Feature, e.Capital
	}
	return out
}

// cmdKB answers what the knowledge base knows about a name:
//
//	warta kb lookup [--date D] [--kb DIR] ALIAS   every entry of the alias, with the role at D
//	warta kb place [--kb DIR] NAME                the places of that name, most populous first
//	warta kb build [--src DIR] [--out DIR]        regenerate the generated data/kb files
func cmdKB(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "build" {
		return cmdKBBuild(args[1:], stderr)
	}
	if len(args) == 0 || (args[0] != "lookup" && args[0] != "place") {
		fmt.Fprintln(stderr, "usage: warta kb lookup [--date YYYY-MM-DD] [--kb DIR] ALIAS\n       warta kb place [--kb DIR] NAME\n       warta kb build [--src ../shared/data/kb] [--out data/kb] [--check]")
		return 2
	}
	what := args[0]
	fs := flag.NewFlagSet("kb "+what, flag.ContinueOnError)
	fs.SetOutput(stderr)
	date := fs.String("date", "", "date at which to give a person's role (default: today)")
	kbDir := fs.String("kb", "", "directory of knowledge-base files laid over the embedded ones")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "warta kb %s: give a name\n", what)
		return 2
	}
	at := time.Now()
	if *date != "" {
		t, err := source.ParseDate(*date)
		if err != nil {
			fmt.Fprintf(stderr, "warta kb %s: --date: %v\n", what, err)
			return 2
		}
		at = t
	}
	var k *kb.KB
	var err error
	if *kbDir == "" {
		k, err = kb.Default()
	} else {
		k, err = kb.LoadWithOverlay(*kbDir)
	}
	if err != nil {
		fmt.Fprintf(stderr, "warta kb: %v\n", err)
		return 1
	}
	name := strings.Join(fs.Args(), " ")
	var out []kbEntry
	for _, e := range k.Lookup(name) {
		if what == "place" && e.Kind != kb.Place {
			continue
		}
		out = append(out, toKBEntry(e, at))
	}
	if what == "place" {
		sort.SliceStable(out, func(i, j int) bool { return out[i].Population > out[j].Population })
	}
	if len(out) == 0 {
		fmt.Fprintf(stderr, "warta kb %s: %q is not in the knowledge base\n", what, name)
		return 1
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]any{"query": name, "date": day(at), "entries": out}); err != nil {
		fmt.Fprintf(stderr, "warta kb: %v\n", err)
		return 1
	}
	return 0
}

// cmdKBBuild regenerates the generated knowledge-base files from the source
// data and the curated overlays, then validates every file.
func cmdKBBuild(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("kb build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("src", "../shared/data/kb", "source data directory (countries/, gazetteer/, actors/)")
	out := fs.String("out", "data/kb", "knowledge-base directory to write (holds curated/)")
	check := fs.Bool("check", false, "only validate the files in --out")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if !*check {
		if err := kbgen.Generate(*src, *out); err != nil {
			fmt.Fprintf(stderr, "warta kb build: %v\n", err)
			return 1
		}
	}
	if err := kbgen.Validate(*out); err != nil {
		fmt.Fprintf(stderr, "warta kb build: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "warta kb build: %s is valid\n", *out)
	return 0
}
