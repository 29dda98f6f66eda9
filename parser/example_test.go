package parser_test

import (
	"fmt"
	"strings"

	"github.com/warta-id/warta/parser"
)

func Example() {
	p, err := parser.Default()
	if err != nil {
		panic(err)
	}
	words := strings.Fields("Pemerintah akan membangun jembatan baru di Surabaya .")
	upos := strings.Fields("NOUN AUX VERB NOUN ADJ ADP PROPN PUNCT") // from tagger.Default().Tag(words)
	heads, rels, err := p.Parse(words, upos)
	if err != nil {
		panic(err)
	}
	for i, w := range words {
		fmt.Println(i+1, w, heads[i], rels[i])
	}
	// Output:
	// 1 Pemerintah 3 nsubj
	// 2 akan 3 aux
	// 3 membangun 0 root
	// 4 jembatan 3 obj
	// 5 baru 4 amod
	// 6 di 7 case
	// 7 Surabaya 4 nmod
	// 8 . 3 punct
}
