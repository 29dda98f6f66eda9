package dedup

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// pairOutcome classifies one labelled pair with an Index of threshold t over
// signatures of k permutations: the first text is indexed alone, the second
// is looked up with Near, so LSH banding is part of what is measured.
func pairMatch(a, b Signature, t float64) (bool, float64) {
	ix := newIndexK(t, len(a))
	ix.Add("a", a)
	_, sim, ok := ix.Near(b)
	return ok, sim
}

type prf struct{ tp, fp, fn, tn int }

func (c prf) p() float64  { return ratio(c.tp, c.tp+c.fp) }
func (c prf) r() float64  { return ratio(c.tp, c.tp+c.fn) }
func (c prf) f1() float64 { return ratio(2*c.tp, 2*c.tp+c.fp+c.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestCorpusPairs is the "must show": pair-level precision ≥ 0.95 and recall
// ≥ 0.90 at DefaultThreshold with K = 128, on the pair set described in
// testdata/README.md. With -v it also prints the threshold × K table, recall
// per variant kind, the hardest negatives and the missed positives.
func TestCorpusPairs(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus evaluation skipped in -short mode")
	}
	docs := loadCorpus(t)
	pairs := buildPairs(t, docs)

	const bigK = 256
	sigA := make([]Signature, len(pairs))
	sigB := make([]Signature, len(pairs))
	for i, p := range pairs {
		sigA[i] = signWords(words(p.A), bigK)
		sigB[i] = signWords(words(p.B), bigK)
	}
	nPos, nNeg := 0, 0
	for _, p := range pairs {
		if p.Kind == "corpus-gray" {
			continue
		}
		if p.Pos {
			nPos++
		} else {
			nNeg++
		}
	}
	t.Logf("corpus: %d articles; %d positive pairs, %d negative pairs (+%d unlabelled rewrites)", len(docs), nPos, nNeg, len(pairs)-nPos-nNeg)
	if nPos < 300 || nNeg < 300 {
		t.Fatalf("pair set too small: %d positives, %d negatives (want ≥ 300 each)", nPos, nNeg)
	}

	eval := func(t0 float64, k int) (prf, map[string][2]int, int) {
		var c prf
		kinds := map[string][2]int{}
		gray := 0
		for i, p := range pairs {
			ok, _ := pairMatch(sigA[i][:k], sigB[i][:k], t0)
			if p.Kind == "corpus-gray" {
				if ok {
					gray++
				}
				continue
			}
			kc := kinds[p.Kind]
			kc[1]++
			if ok {
				kc[0]++
			}
			kinds[p.Kind] = kc
			switch {
			case p.Pos && ok:
				c.tp++
			case p.Pos:
				c.fn++
			case ok:
				c.fp++
			default:
				c.tn++
			}
		}
		return c, kinds, gray
	}

	var tbl strings.Builder
	fmt.Fprintf(&tbl, "\n| threshold | K | bands×rows | P | R | F1 | FP | FN | rewrites flagged |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, k := range []int{32, 64, 128, 256} {
		for _, t0 := range []float64{0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6} {
			c, _, gray := eval(t0, k)
			b, r := banding(k, t0)
			fmt.Fprintf(&tbl, "| %.2f | %d | %d×%d | %.3f | %.3f | %.3f | %d | %d | %d/%d |\n", t0, k, b, r, c.p(), c.r(), c.f1(), c.fp, c.fn, gray, len(pairs)-nPos-nNeg)
		}
	}
	t.Log(tbl.String())

	c, kinds, _ := eval(DefaultThreshold, K)
	var names []string
	for n := range kinds {
		names = append(names, n)
	}
	sort.Strings(names)
	var kb strings.Builder
	for _, n := range names {
		fmt.Fprintf(&kb, "\n  %-28s %3d/%3d flagged", n, kinds[n][0], kinds[n][1])
	}
	t.Logf("at threshold %.2f, K=%d: P=%.3f R=%.3f F1=%.3f (TP %d FP %d FN %d TN %d); per kind:%s",
		DefaultThreshold, K, c.p(), c.r(), c.f1(), c.tp, c.fp, c.fn, c.tn, kb.String())

	// hardest negatives and misses, for the reviewer.
	type scored struct {
		i   int
		sim float64
	}
	var negs, miss []scored
	for i, p := range pairs {
		sim := sigA[i][:K].Similarity(sigB[i][:K])
		if p.Kind == "negative" {
			negs = append(negs, scored{i, sim})
		} else if p.Pos {
			if ok, _ := pairMatch(sigA[i][:K], sigB[i][:K], DefaultThreshold); !ok {
				miss = append(miss, scored{i, sim})
			}
		}
	}
	sort.SliceStable(negs, func(x, y int) bool { return negs[x].sim > negs[y].sim })
	minPos := 1.0
	for i, p := range pairs {
		if p.Pos && p.Kind != "corpus-gray" {
			minPos = min(minPos, sigA[i][:K].Similarity(sigB[i][:K]))
		}
	}
	t.Logf("K=%d: lowest positive similarity %.3f, highest negative %.3f", K, minPos, negs[0].sim)
	for _, s := range negs[:min(8, len(negs))] {
		p := pairs[s.i]
		t.Logf("hard negative sim=%.3f %s | %s (%s)", s.sim, p.AID, p.BID, p.Note)
	}
	for _, s := range miss {
		p := pairs[s.i]
		t.Logf("missed positive sim=%.3f %s | %s [%s] %s", s.sim, p.AID, p.BID, p.Kind, p.Note)
	}

	if c.p() < 0.95 || c.r() < 0.90 {
		t.Fatalf("precision %.3f (want ≥ 0.95), recall %.3f (want ≥ 0.90)", c.p(), c.r())
	}
}

// TestCorpusIndex indexes every corpus article and checks that each
// synthetic variant finds its own base article (not just any match).
func TestCorpusIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus evaluation skipped in -short mode")
	}
	docs := loadCorpus(t)
	pairs := buildPairs(t, docs)
	ix := NewIndex(DefaultThreshold)
	for _, d := range docs {
		ix.Add(d.ID, Sign(d.Text))
	}
	found, total := 0, 0
	for _, p := range pairs {
		if p.AID+"~"+p.Kind != p.BID {
			continue
		}
		total++
		id, _, ok := ix.Near(Sign(p.B))
		if ok && id == p.AID {
			found++
		}
	}
	t.Logf("%d articles indexed; %d/%d synthetic variants found their own base article", ix.Len(), found, total)
	if float64(found) < 0.9*float64(total) {
		t.Fatalf("only %d/%d variants found their base", found, total)
	}
}
