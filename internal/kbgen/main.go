// Package kbgen builds Warta's generated knowledge-base files (data/kb) from
// the source data in ../shared/data/kb and the hand-curated overlays in
// data/kb/curated, and validates every kb file; `warta kb build` runs it:
//
//	warta kb build --src ../shared/data/kb --out data/kb
//	warta kb build --check --out data/kb     # validate only
//
// Output is deterministic: re-running gives identical bytes. Problems are
// reported as "file:line: problem".
package kbgen

import (
	"fmt"
	"os"
	"path/filepath"
)

// Generate writes the generated knowledge-base files of out (countries.tsv,
// people*.tsv, places.tsv) from the source data in src and the curated
// overlays in out/curated, reporting row counts and sizes to stderr. Output
// is deterministic: the same inputs give identical bytes.
func Generate(src, out string) error { return generate(src, out) }

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
