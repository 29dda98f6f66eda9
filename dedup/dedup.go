// Package dedup detects exact and near-duplicate news articles: syndicated
// wire copy, re-posts with different boilerplate, and copies whose paragraphs
// were re-ordered, trimmed or lightly edited.
//
// It takes an article's full text (boilerplate such as "Baca juga: …" lines,
// a "Jakarta (ANTARA News) -" dateline and "(ant)" sign-offs may still be in
// it) and gives:
//
//   - ContentHash: a hex SHA-256 of the normalised text (lower case, letters
//     and digits only, whitespace collapsed), equal for exact duplicates that
//     differ only in spacing, punctuation or case;
//   - Sign: a Signature, a MinHash sketch of K = 128 permutations over the
//     article's word shingles, whose Similarity estimates the Jaccard
//     similarity of two articles' shingle sets;
//   - Index: an LSH (banding) index over Signatures whose Near returns the
//     most similar indexed article at or above a threshold.
//
// Before shingling, Sign runs the text through article.Clean (which drops
// "Baca juga"/"Berita terkait"/"Simak" lines, captions, credits, sign-offs
// and the dateline) and then splits the kept text into lower-case words
// (runs of letters and digits). Shingles run across line breaks, so a text
// wrapped differently gives the same shingles and a re-ordered paragraph
// changes only the few shingles that span its edges. Shingles are 5 words
// long (ShingleSize); a text of fewer than 30 words uses 3-word shingles and
// one of fewer than 10 words uses single words, so short texts still match
// their copies (a short text and a long copy of it that fall on different
// sides of these limits will not). A text with no words gets a nil
// Signature, which matches nothing: compare such texts by ContentHash.
//
// Signatures are stable: shingles are hashed with FNV-1a 64 and permuted
// with fixed seeds, so the same text gives the same Signature on every run
// and machine, and MarshalBinary gives fixed little-endian bytes fit for
// storage. Sign depends on article.Clean's boilerplate rules, so a change to
// those rules can change the signature of a text that contains boilerplate;
// SignatureVersion is raised whenever this package changes how it signs.
//
// Nothing in this package panics on any input.
package dedup

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"github.com/warta-id/warta/article"
	"github.com/warta-id/warta/doc"
)

const (
	// K is the number of MinHash permutations in a Signature.
	K = 128
	// ShingleSize is the number of words in a shingle for texts of at least
	// 30 words.
	ShingleSize = 5
	// SignatureVersion identifies how Sign builds a Signature; it is the
	// first byte of MarshalBinary's output.
	SignatureVersion = 1
	// DefaultThreshold is the estimated Jaccard similarity at or above which
	// two articles count as near-duplicates, chosen on the corpus
	// evaluation (see testdata/README.md): there, labelled re-posts and
	// variants scored ≥ 0.31 and distinct same-story articles ≤ 0.10, but
	// follow-up stories that reuse an earlier article's background
	// paragraphs (new events in them) start to match below 0.5. Storing a
	// distinct article as a copy loses its events, so the default leans
	// towards keeping articles: at 0.5 precision stays 1.00 and recall is
	// 0.95.
	DefaultThreshold = 0.5
)

// ContentHash returns the hex SHA-256 of text after normalisation: lower
// case, every rune that is not a letter or digit replaced by a space, runs of
// spaces collapsed to one and the ends trimmed. Texts that differ only in
// spacing, punctuation or case get the same hash. It does not remove
// boilerplate.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(normalise(text)))
	return hex.EncodeToString(sum[:])
}

// normalise lowers text and keeps only letters and digits, separated by
// single spaces. Invalid UTF-8 bytes count as separators.
func normalise(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}

// words returns the lower-case words of an article's text after
// article.Clean has removed boilerplate and the dateline.
func words(text string) []string {
	d := &doc.Document{Raw: text}
	article.Clean(d)
	return strings.Fields(normalise(d.Text))
}

// shingleSize gives the shingle length used for a text of n words.
func shingleSize(n int) int {
	switch {
	case n >= 30:
		return ShingleSize
	case n >= 10:
		return 3
	default:
		return 1
	}
}

// FNV-1a 64 constants.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// shingleHashes returns the FNV-1a 64 hash of every shingle of ws (words
// separated by a 0x1f byte), duplicates included.
func shingleHashes(ws []string) []uint64 {
	if len(ws) == 0 {
		return nil
	}
	k := shingleSize(len(ws))
	n := len(ws) - k + 1
	out := make([]uint64, 0, n)
	for i := 0; i < n; i++ {
		h := uint64(fnvOffset)
		for j, w := range ws[i : i+k] {
			if j > 0 {
				h ^= 0x1f
				h *= fnvPrime
			}
			for p := 0; p < len(w); p++ {
				h ^= uint64(w[p])
				h *= fnvPrime
			}
		}
		out = append(out, h)
	}
	return out
}

// splitmix64 is the SplitMix64 finaliser: a fixed, well-mixing bijection on
// uint64 used both to derive the permutation seeds and to permute hashes.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// seeds are the fixed per-permutation seeds; never change them (stored
// signatures depend on them). maxK bounds the permutations sign can use.
const maxK = 512

var seeds = func() [maxK]uint64 {
	var s [maxK]uint64
	x := uint64(0x5761727461446564) // "WartaDed"
	for i := range s {
		x = splitmix64(x)
		s[i] = x
	}
	return s
}()

// Signature is a MinHash sketch of an article's shingles: element i is the
// minimum over all shingles of the i-th hash permutation. Sign returns K
// elements, or nil for a text with no words.
type Signature []uint32

// Sign returns the MinHash signature of an article's full text (see the
// package documentation for cleaning and shingling).
func Sign(text string) Signature {
	return signWords(words(text), K)
}

// SignCleaned returns the signature of a text article.Clean has already
// cleaned (doc.Document.Text): Sign(d.Raw) == SignCleaned(d.Text), without
// cleaning a second time.
func SignCleaned(text string) Signature {
	return signWords(strings.Fields(normalise(text)), K)
}

// signWords signs a word list with k permutations (1 ≤ k ≤ maxK).
func signWords(ws []string, k int) Signature {
	hs := shingleHashes(ws)
	if len(hs) == 0 || k <= 0 || k > maxK {
		return nil
	}
	sig := make(Signature, k)
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for _, h := range hs {
		for i := range sig {
			v := uint32(splitmix64(h^seeds[i]) >> 32)
			if v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// Similarity estimates the Jaccard similarity of the shingle sets behind s
// and o: the share of positions where the two signatures agree. It is 0 when
// either signature is empty or their lengths differ.
func (s Signature) Similarity(o Signature) float64 {
	if len(s) == 0 || len(s) != len(o) {
		return 0
	}
	eq := 0
	for i, v := range s {
		if v == o[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(s))
}
