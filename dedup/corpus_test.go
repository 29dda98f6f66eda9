package dedup

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/warta-id/warta/article"
	"github.com/warta-id/warta/doc"
)

// The corpus evaluation. The construction rules are written out in
// testdata/README.md; keep the two in step.

// newsDir is the shared news data, read at run time only.
var newsDir = filepath.Join("..", "..", "shared", "data", "news")

// corpusFiles are read in this order; the order fixes every later choice.
var corpusFiles = []string{
	"indosum-dev/indosum_dev_text.jsonl",
	"id-news-1100-lanin/1000news.jsonl",
	"id-hoax-news-pratiwi2017/news600.jsonl",
}

type corpusDoc struct {
	ID, Set, Title, Text string
}

// loadCorpus reads the three article sets, minus the held-out ids, or skips
// the test when the shared data is absent.
func loadCorpus(tb testing.TB) []corpusDoc {
	tb.Helper()
	held, err := os.ReadFile(filepath.Join(newsDir, "heldout-ids.txt"))
	if err != nil {
		tb.Skipf("shared news corpus not found (%v); the corpus evaluation needs %s", err, newsDir)
	}
	skip := map[string]bool{}
	for _, l := range strings.Split(string(held), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			skip[l] = true
		}
	}
	var docs []corpusDoc
	for _, name := range corpusFiles {
		f, err := os.Open(filepath.Join(newsDir, name))
		if err != nil {
			tb.Skipf("shared news corpus incomplete (%v)", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			var r struct {
				ID        string `json:"id"`
				Text      string `json:"text"`
				TitleSlug string `json:"title_slug"`
			}
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				f.Close()
				tb.Fatalf("%s: %v", name, err)
			}
			// held-out ids are never used; texts under 50 words once
			// cleaned (e.g. a bare "Akses Bola.net melalui …" promo line)
			// are not articles.
			if skip[r.ID] || len(words(r.Text)) < 50 {
				continue
			}
			docs = append(docs, corpusDoc{ID: r.ID, Set: strings.SplitN(name, "/", 2)[0], Title: slugTitle(r.TitleSlug), Text: r.Text})
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
	}
	if len(docs) < 4000 {
		tb.Skipf("shared news corpus has %d articles, want ≥ 4000", len(docs))
	}
	return docs
}

// slugTitle turns "korut-siapkan-35-juta" into "Korut Siapkan 35 Juta".
func slugTitle(slug string) string {
	ws := strings.FieldsFunc(slug, func(r rune) bool { return r == '-' })
	for i, w := range ws {
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		ws[i] = string(rs)
	}
	return strings.Join(ws, " ")
}

// paragraphs splits a text into its non-empty lines.
func paragraphs(text string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func wordCount(ps []string) int {
	n := 0
	for _, p := range ps {
		n += len(strings.Fields(p))
	}
	return n
}

// ---- independent overlap measures (not MinHash) used to mine the corpus ----

// gramSet is the set of hashed 8-word grams of a text's normalised words
// (raw text, no boilerplate removal): the yardstick for "is this a re-post".
func gramSet(text string) map[uint64]struct{} {
	ws := strings.Fields(normalise(text))
	const n = 8
	out := map[uint64]struct{}{}
	for i := 0; i+n <= len(ws); i++ {
		out[fnvString(strings.Join(ws[i:i+n], " "))] = struct{}{}
	}
	return out
}

func fnvString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

type overlap struct {
	shared          int
	containment     float64 // shared / smaller set
	jaccard         float64
	lenA, lenB      int
	containedInLong bool
}

func gramOverlap(a, b map[uint64]struct{}) overlap {
	if len(a) > len(b) {
		a, b = b, a
	}
	s := 0
	for g := range a {
		if _, ok := b[g]; ok {
			s++
		}
	}
	o := overlap{shared: s, lenA: len(a), lenB: len(b)}
	if len(a) > 0 {
		o.containment = float64(s) / float64(len(a))
		o.jaccard = float64(s) / float64(len(a)+len(b)-s)
	}
	return o
}

type pairIdx struct{ a, b int }

// gramPairs lists every pair of corpus articles sharing at least minShared
// 8-grams (grams shared by more than 20 articles are ignored as
// boilerplate).
func gramPairs(grams []map[uint64]struct{}, minShared int) map[pairIdx]int {
	post := map[uint64][]int32{}
	for i, g := range grams {
		for h := range g {
			post[h] = append(post[h], int32(i))
		}
	}
	out := map[pairIdx]int{}
	for _, p := range post {
		if len(p) < 2 || len(p) > 20 {
			continue
		}
		for x := 0; x < len(p); x++ {
			for y := x + 1; y < len(p); y++ {
				out[pairIdx{int(p[x]), int(p[y])}]++
			}
		}
	}
	for k, v := range out {
		if v < minShared {
			delete(out, k)
		}
	}
	return out
}

// tfidfTop returns, for every article, its most similar other articles by
// TF-IDF cosine over words of 4+ letters (words in more than 2% of articles
// are ignored), as pairs with a > b excluded; only pairs with cosine ≥ min.
type scoredPair struct {
	a, b int
	cos  float64
}

func tfidfPairs(docs []corpusDoc, min float64) []scoredPair {
	n := len(docs)
	tfs := make([]map[string]float64, n)
	df := map[string]int{}
	for i, d := range docs {
		tf := map[string]float64{}
		for _, w := range strings.Fields(normalise(d.Text)) {
			if len([]rune(w)) >= 4 {
				tf[w]++
			}
		}
		for w := range tf {
			df[w]++
		}
		tfs[i] = tf
	}
	maxDF := n / 50
	vecs := make([]map[string]float64, n)
	post := map[string][]int32{}
	for i, tf := range tfs {
		v := map[string]float64{}
		norm := 0.0
		for w, c := range tf {
			if df[w] > maxDF {
				continue
			}
			x := (1 + math.Log(c)) * math.Log(float64(n)/float64(df[w]))
			v[w] = x
			norm += x * x
		}
		norm = math.Sqrt(norm)
		for w := range v {
			v[w] /= norm
			if df[w] >= 2 {
				post[w] = append(post[w], int32(i))
			}
		}
		vecs[i] = v
	}
	var out []scoredPair
	acc := make([]float64, n)
	for i := range docs {
		for j := range acc {
			acc[j] = 0
		}
		for w, x := range vecs[i] {
			for _, j := range post[w] {
				if int(j) > i {
					acc[j] += x * vecs[j][w]
				}
			}
		}
		for j := i + 1; j < n; j++ {
			if acc[j] >= min {
				out = append(out, scoredPair{i, j, acc[j]})
			}
		}
	}
	sort.Slice(out, func(x, y int) bool {
		if out[x].cos != out[y].cos {
			return out[x].cos > out[y].cos
		}
		if out[x].a != out[y].a {
			return out[x].a < out[y].a
		}
		return out[x].b < out[y].b
	})
	return out
}

// ---- synthetic variants ----

var datelines = []string{
	"Jakarta (ANTARA News) -", "JAKARTA, KOMPAS.com -", "Suara.com -", "Jakarta, CNN Indonesia --",
	"TEMPO.CO, Jakarta -", "Merdeka.com -", "JAKARTA (Pos Kota) –", "Bandung, Warta Barat –",
}

var signoffs = []string{"(ant)", "(ant/red)", "Editor: Rahmat Hidayat", "(red)", "Pewarta: Sri Wahyuni"}

// invented filler sentences for the "sentence added" edit.
var fillers = []string{
	"Hingga berita ini diturunkan, pihak terkait belum memberikan keterangan resmi.",
	"Sementara itu, warga sekitar berharap persoalan tersebut segera diselesaikan.",
	"Informasi tersebut dibenarkan oleh sejumlah sumber yang enggan disebutkan namanya.",
	"Kegiatan itu dihadiri oleh puluhan peserta dari berbagai daerah.",
}

// variant kinds; combinations are listed as joined names.
var variantKinds = []string{
	"boilerplate", "reorder", "trim", "lead", "edit",
	"boilerplate+trim", "boilerplate+reorder+edit", "trim+edit", "lead+boilerplate", "reorder+trim+typo",
	"boilerplate+trim+edit+typo",
}

// setDateline replaces (or adds) the first paragraph's dateline.
func setDateline(ps []string, dl string) {
	d := &doc.Document{Raw: ps[0]}
	article.Clean(d)
	first := d.Text
	if first == "" {
		first = ps[0]
	}
	ps[0] = dl + " " + first
}

// makeVariant builds one variant of base ps; other gives headlines for
// "Baca juga" lines. It returns nil when the base is unsuitable.
func makeVariant(r *rand.Rand, kind string, ps []string, headlines []string) []string {
	v := append([]string(nil), ps...)
	for _, step := range strings.Split(kind, "+") {
		switch step {
		case "boilerplate":
			// remove existing link lines, change the dateline, add 1–2
			// "Baca juga" lines and a sign-off.
			var kept []string
			for _, p := range v {
				l := strings.ToLower(p)
				if strings.HasPrefix(l, "baca juga") || strings.HasPrefix(l, "berita terkait") {
					continue
				}
				kept = append(kept, p)
			}
			v = kept
			setDateline(v, datelines[r.IntN(len(datelines))])
			for n := 1 + r.IntN(2); n > 0; n-- {
				at := 1 + r.IntN(len(v))
				line := []string{"Baca juga: ", "Baca Juga : ", "BACA JUGA: ", "Berita Terkait: "}[r.IntN(4)] + headlines[r.IntN(len(headlines))]
				v = append(v[:at], append([]string{line}, v[at:]...)...)
			}
			v = append(v, signoffs[r.IntN(len(signoffs))])
		case "reorder":
			// move 1–2 non-lead paragraphs elsewhere.
			for n := 1 + r.IntN(2); n > 0 && len(v) > 3; n-- {
				from := 1 + r.IntN(len(v)-1)
				p := v[from]
				v = append(v[:from], v[from+1:]...)
				to := 1 + r.IntN(len(v))
				v = append(v[:to], append([]string{p}, v[to:]...)...)
			}
		case "trim":
			// drop the last 20–40 % of paragraphs.
			frac := 0.2 + 0.2*r.Float64()
			drop := int(math.Round(frac * float64(len(v))))
			if drop < 1 {
				drop = 1
			}
			if drop < len(v) {
				v = v[:len(v)-drop]
			}
		case "lead":
			// keep leading paragraphs until they hold ≥ 60 % of the words.
			total := wordCount(v)
			n, w := 0, 0
			for n < len(v) && float64(w) < 0.6*float64(total) {
				w += len(strings.Fields(v[n]))
				n++
			}
			v = v[:n]
		case "edit":
			// remove one sentence and add one invented sentence.
			i := r.IntN(len(v))
			if ss := strings.SplitAfter(v[i], ". "); len(ss) > 1 {
				k := r.IntN(len(ss))
				ss = append(ss[:k], ss[k+1:]...)
				v[i] = strings.TrimSpace(strings.Join(ss, ""))
			} else if len(v) > 3 {
				v = append(v[:i], v[i+1:]...)
			}
			at := 1 + r.IntN(len(v))
			v = append(v[:at], append([]string{fillers[r.IntN(len(fillers))]}, v[at:]...)...)
		case "typo":
			// swap two letters in 5 random words of 5+ letters.
			for n := 0; n < 5; n++ {
				i := r.IntN(len(v))
				ws := strings.Fields(v[i])
				if len(ws) == 0 {
					continue
				}
				j := r.IntN(len(ws))
				b := []byte(ws[j])
				if len(b) >= 5 {
					k := 1 + r.IntN(len(b)-3)
					b[k], b[k+1] = b[k+1], b[k]
					ws[j] = string(b)
				}
				v[i] = strings.Join(ws, " ")
			}
		}
	}
	return v
}

// ---- the labelled pair set ----

type labelledPair struct {
	A, B     string // texts
	AID, BID string
	Pos      bool
	Kind     string // variant kind, "corpus-exact", "corpus-near" or "negative"
	Note     string
}

// buildPairs constructs the evaluation pairs (see testdata/README.md).
func buildPairs(tb testing.TB, docs []corpusDoc) []labelledPair {
	tb.Helper()
	var pairs []labelledPair

	// 1. Existing near-duplicates in the corpus, by 8-gram overlap.
	grams := make([]map[uint64]struct{}, len(docs))
	for i, d := range docs {
		grams[i] = gramSet(d.Text)
	}
	near := gramPairs(grams, 5)
	keys := make([]pairIdx, 0, len(near))
	for k := range near {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(x, y int) bool {
		if keys[x].a != keys[y].a {
			return keys[x].a < keys[y].a
		}
		return keys[x].b < keys[y].b
	})
	related := map[pairIdx]bool{} // any pair sharing ≥ 5 8-grams: never a negative
	posUses := map[int]int{}
	for _, k := range keys {
		related[k] = true
		o := gramOverlap(grams[k.a], grams[k.b])
		a, b := docs[k.a], docs[k.b]
		note := fmt.Sprintf("8-gram containment %.2f, jaccard %.2f", o.containment, o.jaccard)
		switch {
		case posUses[k.a] >= 2 || posUses[k.b] >= 2:
			// the Pratiwi set holds cliques of copies of one viral story;
			// each article joins at most 2 positive pairs.
		case ContentHash(a.Text) == ContentHash(b.Text):
			posUses[k.a]++
			posUses[k.b]++
			pairs = append(pairs, labelledPair{a.Text, b.Text, a.ID, b.ID, true, "corpus-exact", note})
		case o.jaccard >= 0.5:
			posUses[k.a]++
			posUses[k.b]++
			pairs = append(pairs, labelledPair{a.Text, b.Text, a.ID, b.ID, true, "corpus-near", note})
		case o.containment >= 0.5:
			// rewrites sharing most of the shorter text: not labelled,
			// reported apart (Pos is ignored for kind "corpus-gray").
			pairs = append(pairs, labelledPair{a.Text, b.Text, a.ID, b.ID, false, "corpus-gray", note})
		}
	}

	// 2. Synthetic variants of 440 base articles with ≥ 5 paragraphs and
	// ≥ 150 words, drawn with a fixed seed.
	r := rand.New(rand.NewPCG(20240601, 7))
	var headlines []string
	for _, d := range docs {
		if d.Title != "" {
			headlines = append(headlines, d.Title)
		}
	}
	var bases []int
	for i, d := range docs {
		ps := paragraphs(d.Text)
		if len(ps) >= 5 && wordCount(ps) >= 150 {
			bases = append(bases, i)
		}
	}
	r.Shuffle(len(bases), func(i, j int) { bases[i], bases[j] = bases[j], bases[i] })
	if len(bases) > 440 {
		bases = bases[:440]
	}
	sort.Ints(bases)
	for n, i := range bases {
		kind := variantKinds[n%len(variantKinds)]
		v := makeVariant(r, kind, paragraphs(docs[i].Text), headlines)
		pairs = append(pairs, labelledPair{docs[i].Text, strings.Join(v, "\n"), docs[i].ID, docs[i].ID + "~" + kind, true, kind, ""})
	}

	// 3. Negatives: the different articles with the highest TF-IDF cosine,
	// excluding any pair sharing ≥ 5 8-grams; each article in at most 2
	// negative pairs, so the set is not one story repeated.
	uses := map[int]int{}
	negs := 0
	for _, p := range tfidfPairs(docs, 0.3) {
		if negs >= 450 {
			break
		}
		if related[pairIdx{p.a, p.b}] || uses[p.a] >= 2 || uses[p.b] >= 2 || ContentHash(docs[p.a].Text) == ContentHash(docs[p.b].Text) {
			continue
		}
		uses[p.a]++
		uses[p.b]++
		negs++
		a, b := docs[p.a], docs[p.b]
		pairs = append(pairs, labelledPair{a.Text, b.Text, a.ID, b.ID, false, "negative", fmt.Sprintf("tf-idf cosine %.2f", p.cos)})
	}
	return pairs
}

// TestCorpusExplore prints the mined corpus pairs for inspection by eye
// (run with -run CorpusExplore -v).
func TestCorpusExplore(t *testing.T) {
	if os.Getenv("DEDUP_EXPLORE") == "" {
		t.Skip("set DEDUP_EXPLORE=1 to print mined pairs for inspection")
	}
	docs := loadCorpus(t)
	pairs := buildPairs(t, docs)
	count := map[string]int{}
	for _, p := range pairs {
		count[p.Kind]++
	}
	t.Logf("%d articles; pairs by kind: %v", len(docs), count)
	for _, p := range pairs {
		if p.Kind == "corpus-near" || p.Kind == "corpus-gray" || (p.Kind == "negative" && count["neg-shown"] < 40) {
			if p.Kind == "negative" {
				count["neg-shown"]++
			}
			t.Logf("=== %s %s | %s (%s) sim=%.2f\nA: %.400s\nB: %.400s", p.Kind, p.AID, p.BID, p.Note,
				Sign(p.A).Similarity(Sign(p.B)), p.A, p.B)
		}
	}
}
