// Command kbgen builds Warta's generated knowledge-base files (data/kb) from
// the source data in ../shared/data/kb and the hand-curated overlays in
// data/kb/curated, and validates every kb file.
//
//	go run ./internal/kbgen -src ../shared/data/kb -out data/kb
//	go run ./internal/kbgen -check -out data/kb     # validate only
//
// Output is deterministic: re-running gives identical bytes. Problems are
// reported as "file:line: problem" and make the command exit with status 1.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	src := flag.String("src", "../shared/data/kb", "source data directory (countries/, gazetteer/, actors/)")
	out := flag.String("out", "data/kb", "knowledge-base directory to write (holds curated/)")
	check := flag.Bool("check", false, "only validate the files in -out")
	flag.Parse()
	if !*check {
		if err := generate(*src, *out); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := Validate(*out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func generate(src, out string) error {
	ct, err := buildCountries(src, out)
	if err != nil {
		return err
	}
	n, err := writeCountries(ct, out)
	if err != nil {
		return err
	}
	report(out, "countries.tsv", n)
	counts, err := buildPeople(src, out, ct)
	if err != nil {
		return err
	}
	for _, f := range []string{"people.tsv", "people-phoenix.tsv", "people-cc-by-sa.tsv"} {
		report(out, f, counts[f])
	}
	n, err = buildPlaces(src, out, ct)
	if err != nil {
		return err
	}
	report(out, "places.tsv", n)
	return nil
}

func report(out, name string, rows int) {
	st, err := os.Stat(filepath.Join(out, name))
	size := int64(0)
	if err == nil {
		size = st.Size()
	}
	fmt.Fprintf(os.Stderr, "kbgen: %-22s %7d rows %9d bytes\n", name, rows, size)
}
