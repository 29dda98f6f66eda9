package biaffine_test

import (
	"fmt"

	"github.com/warta-id/warta/biaffine"
)

func Example() {
	m, err := biaffine.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	words := []string{"Amerika", "Serikat", "menjatuhkan", "sanksi", "kepada", "Iran", "."}
	tags := []string{"PROPN", "PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"}
	heads, rels, err := m.Parse(words, tags)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, w := range words {
		fmt.Println(w, heads[i], rels[i])
	}
}
