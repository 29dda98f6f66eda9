package ner

// Scores are entity-level precision, recall and F1 (conlleval semantics:
// an entity counts as correct when its first word, last word and label all
// match a gold entity).
type Scores struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
}

// Report is the result of an evaluation.
type Report struct {
	Scores
	Sentences int               `json:"sentences"`
	Tokens    int               `json:"tokens"`
	Accuracy  float64           `json:"token_accuracy"` // share of words whose tag matches
	Labels    map[string]Scores `json:"labels"`
}

func (s *Scores) finish() {
	if s.Predicted > 0 {
		s.Precision = float64(s.Correct) / float64(s.Predicted)
	}
	if s.Gold > 0 {
		s.Recall = float64(s.Correct) / float64(s.Gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}

// Score compares predicted tag sequences with gold ones, sentence by
// sentence, with conlleval semantics (see Spans). Tags are compared as given;
// map corpus labels with MapLabel first.
func Score(gold, pred [][]string) Report {
	rep := Report{Labels: map[string]Scores{}}
	for _, l := range Labels {
		rep.Labels[l] = Scores{}
	}
	okTok := 0
	for si := range gold {
		g := gold[si]
		var p []string
		if si < len(pred) {
			p = pred[si]
		}
		rep.Sentences++
		for i := range g {
			rep.Tokens++
			if i < len(p) && normTag(p[i]) == normTag(g[i]) {
				okTok++
			}
		}
		gs, ps := Spans(g), Spans(p)
		set := map[Entity]bool{}
		for _, e := range gs {
			set[e] = true
			l := rep.Labels[e.Label]
			l.Gold++
			rep.Labels[e.Label] = l
			rep.Gold++
		}
		for _, e := range ps {
			l := rep.Labels[e.Label]
			l.Predicted++
			rep.Predicted++
			if set[e] {
				l.Correct++
				rep.Correct++
			}
			rep.Labels[e.Label] = l
		}
	}
	rep.finish()
	for k, l := range rep.Labels {
		l.finish()
		rep.Labels[k] = l
	}
	if rep.Tokens > 0 {
		rep.Accuracy = float64(okTok) / float64(rep.Tokens)
	}
	return rep
}

func normTag(t string) string {
	p, typ := splitTag(t)
	if p == 'O' {
		return "O"
	}
	return string(p) + "-" + typ
}

// Evaluate labels the words of sents and scores the result against their
// tags.
func (r *Recognizer) Evaluate(sents []Sentence) Report {
	gold := make([][]string, len(sents))
	pred := make([][]string, len(sents))
	for i, s := range sents {
		gold[i] = s.Tags
		pred[i] = r.Label(s.Words)
	}
	return Score(gold, pred)
}
