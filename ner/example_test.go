package ner_test

import (
	"fmt"
	"strings"

	"github.com/warta-id/warta/ner"
)

func Example() {
	r, err := ner.Default()
	if err != nil {
		panic(err)
	}
	words := strings.Fields("Menteri Keuangan Sri Mulyani berbicara di Jakarta .")
	fmt.Println(r.Label(words))
	for _, e := range r.Entities(words) {
		fmt.Println(e.Label, strings.Join(words[e.Start:e.End], " "))
	}
	// Output:
	// [O O B-PER I-PER O O B-LOC O]
	// PER Sri Mulyani
	// LOC Jakarta
}
