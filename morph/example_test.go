package morph_test

import (
	"fmt"

	"github.com/warta-id/warta/morph"
)

func ExampleAnalyzer_Analyze() {
	a, err := morph.Default()
	if err != nil {
		panic(err)
	}
	for _, w := range []string{"menyerukan", "pertemuannya", "diserang", "negara-negara"} {
		an := a.Analyze(w)
		fmt.Printf("%s: %s + %s + %s (clitic %q) key %s\n", w, an.Prefix, an.Root, an.Suffix, an.Clitic, an.Key())
	}
	// Output:
	// menyerukan: meN + seru + kan (clitic "") key V+seru+kan
	// pertemuannya: per + temu + an (clitic "nya") key per+temu+an
	// diserang: di + serang +  (clitic "") key V+serang+
	// negara-negara:  + negara +  (clitic "") key 0+negara+
}

func ExampleAnalyzer_Lemma() {
	a, err := morph.Default()
	if err != nil {
		panic(err)
	}
	for _, w := range []string{"menyerukan", "Kecamatan", "tapi", "nya", "negara-negara", "perbankan"} {
		fmt.Printf("%s: %s (root %s)\n", w, a.Lemma(w), a.Analyze(w).Root)
	}
	// Output:
	// menyerukan: seru (root seru)
	// Kecamatan: kecamatan (root camat)
	// tapi: tetapi (root tap)
	// nya: dia (root nya)
	// negara-negara: negara (root negara)
	// perbankan: bank (root perban)
}
