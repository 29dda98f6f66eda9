package tagger_test

import (
	"fmt"
	"strings"

	"github.com/warta-id/warta/tagger"
)

func Example() {
	tg, err := tagger.Default()
	if err != nil {
		panic(err)
	}
	words := strings.Fields("Pemerintah akan membangun jembatan di Surabaya .")
	fmt.Println(tg.Tag(words))
	// Output: [NOUN AUX VERB NOUN ADP PROPN PUNCT]
}
