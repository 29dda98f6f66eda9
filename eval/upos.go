package eval

// UPOSTagger returns one UPOS tag per word of a sentence.
type UPOSTagger func(words []string) []string

// UPOSReport is part-of-speech accuracy under gold tokenization.
type UPOSReport struct {
	Accuracy float64 `json:"accuracy"` // correct / words (= CoNLL 2018 UPOS F1 with gold tokenization)
	Correct  int     `json:"correct"`
	Words    int     `json:"words"`
	// Confusions counts the most frequent errors as "GOLD>PREDICTED".
	Confusions map[string]int `json:"confusions,omitempty"`
}

// UPOS scores a tagger on the syntactic words of CoNLL-U sentences (gold
// tokenization: multiword tokens are given split, "berdirinya" as
// "berdiri" + "nya"). A sentence whose tag count differs from its word
// count scores the missing words as wrong.
func UPOS(sents []UDSentence, tag UPOSTagger) UPOSReport {
	var rep UPOSReport
	rep.Confusions = map[string]int{}
	for _, s := range sents {
		words := make([]string, len(s.Words))
		for i, w := range s.Words {
			words[i] = w.Form
		}
		got := tag(words)
		for i, w := range s.Words {
			rep.Words++
			if i < len(got) && got[i] == w.UPOS {
				rep.Correct++
			} else if i < len(got) {
				rep.Confusions[w.UPOS+">"+got[i]]++
			}
		}
	}
	if rep.Words > 0 {
		rep.Accuracy = round(float64(rep.Correct) / float64(rep.Words))
	}
	return rep
}
