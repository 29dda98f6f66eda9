package parser

import (
	"strings"
	"unicode/utf8"
)

// Features are 64-bit hashes of a template number and per-token attribute
// hashes, so extraction allocates nothing and the model stores no strings.

const k0 = 0x9e3779b97f4a7c15

func mix(h, v uint64) uint64 {
	h = (h ^ v) * k0
	return h ^ h>>31
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return mix(h, uint64(len(s)))
}

func f1(t, a uint64) uint64       { return mix(mix(t*k0, a), 1) }
func f2(t, a, b uint64) uint64    { return mix(mix(mix(t*k0, a), b), 2) }
func f3(t, a, b, c uint64) uint64 { return mix(mix(mix(mix(t*k0, a), b), c), 3) }

// Attribute hashes of absent tokens and of the root.
var (
	hNone   = hashString("\x00none")
	hRoot   = hashString("\x00root")
	hNoRel  = hashString("\x00norel")
	hashRel [256]uint64 // relation index -> hash
)

func init() {
	for i := range hashRel {
		hashRel[i] = mix(hashString("\x00rel"), uint64(i))
	}
}

// token holds the attribute hashes of one token.
type token struct {
	w, p, wp, suf uint64 // lower-cased word, UPOS, both, last 3 letters
	punct, verb   int32  // punctuation marks and verbs before this token
}

// tokens computes the attribute hashes of a sentence; the root is last.
func tokens(dst []token, words, upos []string) []token {
	dst = dst[:0]
	var punct, verb int32
	for i, w := range words {
		lw := strings.ToLower(w)
		t := token{w: hashString(lw), p: hashString(upos[i])}
		t.wp = mix(t.w, t.p)
		suf := lw
		if n := utf8.RuneCountInString(lw); n > 3 {
			k := len(lw)
			for j := 0; j < 3; j++ {
				_, sz := utf8.DecodeLastRuneInString(lw[:k])
				k -= sz
			}
			suf = lw[k:]
		}
		t.suf = mix(hashString(suf), 7)
		t.punct, t.verb = punct, verb
		switch upos[i] {
		case "PUNCT":
			punct++
		case "VERB":
			verb++
		}
		dst = append(dst, t)
	}
	return append(dst, token{w: hRoot, p: hRoot, wp: hRoot, suf: hRoot, punct: punct, verb: verb})
}

var noneTok = token{w: hNone, p: hNone, wp: hNone, suf: hNone}

func (s *state) tok(ts []token, i int) token {
	if i == none {
		return noneTok
	}
	return ts[i]
}

func (s *state) rel(i int) uint64 {
	if i == none || s.rels[i] == none {
		return hNoRel
	}
	return hashRel[s.rels[i]&0xff]
}

func child(x []int, i int) int {
	if i == none {
		return none
	}
	return x[i]
}

func dist(a, b int) uint64 {
	if a == none || b == none {
		return 0
	}
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	}
	return 7
}

func count(x []int, i int) uint64 {
	if i == none {
		return 99
	}
	return uint64(min(x[i], 4))
}

// features appends the features of the transition classifier in state s.
func (s *state) features(dst []uint64, ts []token) []uint64 {
	s0i, s1i, s2i := s.st(0), s.st(1), s.st(2)
	b0i, b1i, b2i := s.buf(0), s.buf(1), s.buf(2)
	s0, s1, s2 := s.tok(ts, s0i), s.tok(ts, s1i), s.tok(ts, s2i)
	b0, b1, b2 := s.tok(ts, b0i), s.tok(ts, b1i), s.tok(ts, b2i)
	s0l1, s0r1, s0l2, s0r2 := child(s.lc1, s0i), child(s.rc1, s0i), child(s.lc2, s0i), child(s.rc2, s0i)
	s1l1, s1r1 := child(s.lc1, s1i), child(s.rc1, s1i)
	b0l1, b0l2 := child(s.lc1, b0i), child(s.lc2, b0i)
	s0L, s0R, s0L2, s0R2 := s.tok(ts, s0l1), s.tok(ts, s0r1), s.tok(ts, s0l2), s.tok(ts, s0r2)
	s1L, s1R := s.tok(ts, s1l1), s.tok(ts, s1r1)
	b0L, b0L2 := s.tok(ts, b0l1), s.tok(ts, b0l2)
	// The words just before and after s0 and b0 in the sentence.
	s0prev, s0next := noneTok, noneTok
	if s0i != none {
		if s0i > 0 {
			s0prev = ts[s0i-1]
		}
		s0next = ts[s0i+1]
	}
	b0prev := noneTok
	if b0i != none && b0i > 0 {
		b0prev = ts[b0i-1]
	}
	// Punctuation marks and verbs between s0 and b0, and between s1 and s0.
	var pb, vb, p10, v10 uint64 = 9, 9, 9, 9
	if s0i != none {
		pb, vb = uint64(min(ts[b0i].punct-ts[s0i+1].punct, 3)), uint64(min(ts[b0i].verb-ts[s0i+1].verb, 3))
		if s1i != none {
			p10, v10 = uint64(min(ts[s0i].punct-ts[s1i+1].punct, 3)), uint64(min(ts[s0i].verb-ts[s1i+1].verb, 3))
		}
	}
	d01 := dist(s1i, s0i)
	d0b := dist(s0i, b0i)
	f := dst
	f = append(f,
		f1(0, 1),
		// single tokens
		f1(1, s0.w), f1(2, s0.p), f1(3, s0.wp), f1(4, s0.suf),
		f1(5, s1.w), f1(6, s1.p), f1(7, s1.wp),
		f1(8, s2.p), f1(9, s2.w),
		f1(10, b0.w), f1(11, b0.p), f1(12, b0.wp), f1(13, b0.suf),
		f1(14, b1.w), f1(15, b1.p), f1(16, b1.wp),
		f1(17, b2.p), f1(18, b2.w),
		// pairs s0-b0
		f2(20, s0.wp, b0.wp), f2(21, s0.wp, b0.w), f2(22, s0.w, b0.wp),
		f2(23, s0.wp, b0.p), f2(24, s0.p, b0.wp), f2(25, s0.w, b0.w), f2(26, s0.p, b0.p),
		f2(27, b0.p, b1.p), f2(28, s0.suf, b0.p), f2(29, s0.p, b0.suf),
		// pairs s1-s0
		f2(30, s1.wp, s0.wp), f2(31, s1.wp, s0.w), f2(32, s1.w, s0.wp),
		f2(33, s1.wp, s0.p), f2(34, s1.p, s0.wp), f2(35, s1.w, s0.w), f2(36, s1.p, s0.p),
		f2(37, s1.p, b0.p), f2(38, s1.w, b0.w), f2(39, s1.wp, b0.p),
		// triples of tags
		f3(40, b0.p, b1.p, b2.p), f3(41, s0.p, b0.p, b1.p), f3(42, s1.p, s0.p, b0.p),
		f3(43, s2.p, s1.p, s0.p), f3(44, s0.p, s0L.p, b0.p), f3(45, s0.p, s0R.p, b0.p),
		f3(46, s0.p, b0.p, b0L.p), f3(47, s1.p, s0.p, s0L.p), f3(48, s1.p, s0.p, s0R.p),
		f3(49, s1.p, s1R.p, s0.p), f3(50, s1.p, s1L.p, s0.p), f3(51, s0.w, b0.p, b1.p),
		f3(52, s1.p, s0.w, b0.p), f3(53, s2.p, s1.p, b0.p), f3(54, s0.p, s0L.p, s0L2.p),
		f3(55, s0.p, s0R.p, s0R2.p), f3(56, b0.p, b0L.p, b0L2.p),
		// context in the sentence
		f3(57, s0prev.p, s0.p, b0.p), f3(58, s0.p, s0next.p, b0.p), f3(59, s0.p, b0prev.p, b0.p),
		f3(60, s1.p, s0.p, s0next.p),
		// distance
		f2(61, s0.w, d0b), f2(62, s0.p, d0b), f2(63, b0.w, d0b), f2(64, b0.p, d0b),
		f3(65, s0.p, b0.p, d0b), f3(66, s0.w, b0.w, d0b),
		f2(67, s1.p, d01), f3(68, s1.p, s0.p, d01), f3(69, s1.w, s0.w, d01),
		// valency
		f2(70, s0.wp, count(s.nl, s0i)), f2(71, s0.wp, count(s.nr, s0i)),
		f2(72, s1.wp, count(s.nr, s1i)), f2(73, b0.wp, count(s.nl, b0i)),
		f3(74, s1.p, s0.p, count(s.nr, s0i)),
		// children: words, tags, relations
		f1(75, s0L.w), f1(76, s0L.p), f1(77, s.rel(s0l1)),
		f1(78, s0R.w), f1(79, s0R.p), f1(80, s.rel(s0r1)),
		f1(81, s1R.w), f1(82, s1R.p), f1(83, s.rel(s1r1)),
		f1(84, b0L.w), f1(85, b0L.p), f1(86, s.rel(b0l1)),
		f1(87, s.rel(s0l2)), f1(88, s.rel(s0r2)), f1(89, s.rel(b0l2)), f1(90, s.rel(s1l1)),
		f3(91, s0.p, s.rel(s0l1), s.rel(s0l2)), f3(92, s0.p, s.rel(s0r1), s.rel(s0r2)),
		f3(93, b0.p, s.rel(b0l1), s.rel(b0l2)), f3(94, s1.p, s.rel(s1r1), s0.p),
		f3(95, s0.wp, s.rel(s0l1), b0.p), f3(96, s0.wp, s.rel(s0r1), b0.p),
		f3(97, s1.wp, s.rel(s1r1), s0.p), f3(98, b0.wp, s.rel(b0l1), s0.p),
		f2(99, s0L.w, s0.w), f2(100, s0R.w, s0.w), f2(101, b0L.w, b0.w),
		// what lies between
		f3(102, s0.p, b0.p, pb), f3(103, s0.p, b0.p, vb), f3(104, s1.p, s0.p, p10), f3(105, s1.p, s0.p, v10),
		f3(106, s0.w, b0.p, pb), f3(107, s0.p, b0.w, pb),
		f3(108, s0.w, s1.p, b0.p), f2(109, b0.w, b1.w), f3(110, s0.p, b0.w, b1.p),
	)
	if s.tb != 0 {
		t := s.tb
		f = append(f,
			f1(150, t), f2(151, s0.p, t), f2(152, b0.p, t), f3(153, s0.p, b0.p, t), f3(154, s1.p, s0.p, t),
			f3(155, s0.wp, b0.p, t), f3(156, s0.p, b0.wp, t), f3(157, s1.wp, s0.p, t), f3(158, s1.p, s0.wp, t),
			f3(159, mix(s0.p, b0.p), pb, t), f3(160, mix(s1.p, s0.p), p10, t), f3(161, mix(s0.p, b0.p), d0b, t),
			f3(162, mix(s1.p, s0.p), d01, t), f3(163, mix(s0.p, b0.p), b1.p, t), f3(164, mix(s1.p, s0.p), b0.p, t),
		)
	}
	return f
}

// labelFeatures appends the features of the relation classifier for the
// arc head -> dep, made in state s (the dependent's subtree is complete).
func (s *state) labelFeatures(dst []uint64, ts []token, head, dep int) []uint64 {
	h, d := ts[head], ts[dep]
	dir := uint64(1)
	if head > dep {
		dir = 2
	}
	if head == s.n {
		dir = 3
	}
	dd := dist(head, dep)*4 + dir
	dl1, dr1 := s.lc1[dep], s.rc1[dep]
	dL, dR := s.tok(ts, dl1), s.tok(ts, dr1)
	hl1, hr1 := s.lc1[head], s.rc1[head]
	dprev, dnext := noneTok, ts[dep+1]
	if dep > 0 {
		dprev = ts[dep-1]
	}
	hprev, hnext := noneTok, noneTok
	if head > 0 {
		hprev = ts[head-1]
	}
	if head < s.n {
		hnext = ts[head+1]
	}
	// The stack item below the dependent (for LEFT, the next candidate dependent
	// of head; for RIGHT, the head's own left neighbour on the stack).
	below := s.tok(ts, s.st(0))
	f := dst
	f = append(f,
		f1(200, 1), f1(201, dir), f1(202, dd),
		f1(203, d.w), f1(204, d.p), f1(205, d.wp), f1(206, d.suf),
		f1(207, h.w), f1(208, h.p), f1(209, h.wp), f1(210, h.suf),
		f2(211, d.p, dir), f2(212, d.wp, dir), f2(213, h.p, dir), f2(214, h.wp, dir),
		f3(215, d.p, h.p, dir), f3(216, d.w, h.p, dir), f3(217, d.p, h.w, dir), f3(218, d.w, h.w, dir),
		f3(219, d.p, h.p, dd), f3(220, d.wp, h.wp, dir), f3(221, d.suf, h.p, dir),
		f3(222, d.p, dL.w, dir), f3(223, d.p, dL.p, dir), f3(224, d.p, s.rel(dl1), dir),
		f3(225, d.p, dR.p, dir), f3(226, d.p, s.rel(dr1), dir), f2(227, dL.w, h.p),
		f3(228, d.p, count(s.nl, dep), count(s.nr, dep)),
		f3(229, h.p, s.rel(hl1), dir), f3(230, h.p, s.rel(hr1), dir),
		f3(231, d.p, dprev.p, dir), f3(232, d.p, dnext.p, dir),
		f3(233, h.p, hprev.p, dir), f3(234, h.p, hnext.p, dir),
		f3(235, d.p, h.p, below.p), f3(236, d.w, dL.w, dir), f3(237, d.wp, dL.p, h.p),
	)
	if s.tb != 0 {
		for _, g := range f[len(dst):] {
			f = append(f, mix(g, s.tb))
		}
	}
	return f
}
