package ner

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Fold is one cross-validation fold: sentences to train on, sentences to
// pick the training epoch on, and sentences to test on.
type Fold struct {
	Name                         string // e.g. "01"
	Train, Dev, Test             []Sentence
	TrainFile, DevFile, TestFile string
}

// ReadFolds reads the cross-validation folds of an IndoLEM-style directory:
// train.0k.tsv, dev.0k.tsv and test.0k.tsv for k = 1, 2, … as long as
// train.0k.tsv exists (IndoLEM NER-UI and NER-UGM have five). A fold whose
// dev or test file is missing is an error; so is a directory without folds.
func ReadFolds(dir string) ([]Fold, error) {
	var folds []Fold
	for k := 1; ; k++ {
		name := fmt.Sprintf("%02d", k)
		f := Fold{
			Name:      name,
			TrainFile: filepath.Join(dir, "train."+name+".tsv"),
			DevFile:   filepath.Join(dir, "dev."+name+".tsv"),
			TestFile:  filepath.Join(dir, "test."+name+".tsv"),
		}
		if _, err := os.Stat(f.TrainFile); errors.Is(err, os.ErrNotExist) {
			break
		}
		var err error
		if f.Train, err = ReadFile(f.TrainFile); err != nil {
			return nil, err
		}
		if f.Dev, err = ReadFile(f.DevFile); err != nil {
			return nil, err
		}
		if f.Test, err = ReadFile(f.TestFile); err != nil {
			return nil, err
		}
		folds = append(folds, f)
	}
	if len(folds) == 0 {
		return nil, fmt.Errorf("%s: no folds (want train.01.tsv, dev.01.tsv, test.01.tsv, …)", dir)
	}
	return folds, nil
}

// FoldResult is the test score of the model trained on one fold.
type FoldResult struct {
	Fold   string  `json:"fold"`
	Epoch  int     `json:"epoch"`  // the epoch kept (best dev F1)
	DevF1  float64 `json:"dev_f1"` // its dev F1
	Report         // test scores
}

// CrossValidation is the result of CrossValidate: each fold's test scores
// and their unweighted means (the IndoLEM protocol reports the mean F1 of
// the folds).
type CrossValidation struct {
	Folds         []FoldResult `json:"folds"`
	MeanPrecision float64      `json:"mean_precision"`
	MeanRecall    float64      `json:"mean_recall"`
	MeanF1        float64      `json:"mean_f1"`
}

// CrossValidate trains a recogniser for each fold on extraTrain followed by
// the fold's training sentences (the order of `warta train ner --train
// EXTRA,FOLD`, so fold 1 with the shipped model's data rebuilds the shipped
// model), keeps the epoch with the best F1 on extraDev plus the fold's dev
// sentences, and scores it on the fold's test sentences. opt.Dev and opt.Report are ignored; everything else
// (epochs, seed, pruning) applies to every fold, so the same data and
// options always give the same figures.
func CrossValidate(folds []Fold, extraTrain, extraDev []Sentence, opt TrainOptions) (CrossValidation, error) {
	var cv CrossValidation
	if len(folds) == 0 {
		return cv, errors.New("ner: no folds")
	}
	for _, f := range folds {
		train := append(append([]Sentence(nil), extraTrain...), f.Train...)
		o := opt
		o.Dev = append(append([]Sentence(nil), extraDev...), f.Dev...)
		best, bestF1 := 0, -1.0
		o.Report = func(st EpochStats) {
			if st.DevF1 < 0 || st.DevF1 > bestF1 { // no dev: the last epoch is kept
				best, bestF1 = st.Epoch, st.DevF1
			}
		}
		r, err := Train(train, o)
		if err != nil {
			return cv, fmt.Errorf("fold %s: %w", f.Name, err)
		}
		res := FoldResult{Fold: f.Name, Epoch: best, DevF1: bestF1, Report: r.Evaluate(f.Test)}
		cv.Folds = append(cv.Folds, res)
		cv.MeanPrecision += res.Precision
		cv.MeanRecall += res.Recall
		cv.MeanF1 += res.F1
	}
	n := float64(len(cv.Folds))
	cv.MeanPrecision /= n
	cv.MeanRecall /= n
	cv.MeanF1 /= n
	return cv, nil
}
