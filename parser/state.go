package parser

// The transition system is arc-hybrid (Kuhlmann, Gómez-Rodríguez and Satta
// 2011) with the root token at the end of the buffer (Ballesteros and Nivre
// 2013). Tokens are 0..n-1 for the words and n for the root. Transitions:
//
//	SHIFT  move the front of the buffer b0 onto the stack
//	LEFT   make b0 the head of the stack top s0 and pop s0
//	RIGHT  make s1 (below the top) the head of s0 and pop s0
//
// LEFT from the root is allowed only when s0 is the last stack item, so
// every parse has exactly one word attached to the root.

const (
	shift = iota
	left
	right
	nMoves
)

var moveNames = []string{"SHIFT", "LEFT", "RIGHT"}

const none = -1

type state struct {
	n     int
	stack []int
	b     int   // front of the buffer; the buffer is b..n
	heads []int // token index of the head, none while unattached
	rels  []int // relation index, none while unattached
	// The two leftmost and two rightmost children, and child counts.
	lc1, lc2, rc1, rc2 []int
	nl, nr             []int
	// tb is the hash of the treebank (annotation style) the parse follows,
	// 0 for none; with it, the relation features and some move features
	// are also conjoined with the treebank (Daumé 2007).
	tb uint64
}

func (s *state) reset(n int) {
	s.n, s.b, s.tb = n, 0, 0
	s.stack = s.stack[:0]
	grow := func(x []int) []int {
		if cap(x) < n+1 {
			x = make([]int, n+1)
		}
		x = x[:n+1]
		for i := range x {
			x[i] = none
		}
		return x
	}
	s.heads, s.rels = grow(s.heads), grow(s.rels)
	s.lc1, s.lc2, s.rc1, s.rc2 = grow(s.lc1), grow(s.lc2), grow(s.rc1), grow(s.rc2)
	s.nl, s.nr = grow(s.nl), grow(s.nr)
	for i := 0; i <= n; i++ {
		s.nl[i], s.nr[i] = 0, 0
	}
}

func (s *state) terminal() bool { return s.b == s.n && len(s.stack) == 0 }

// st returns the i-th stack item from the top, or none.
func (s *state) st(i int) int {
	if i < len(s.stack) {
		return s.stack[len(s.stack)-1-i]
	}
	return none
}

// buf returns the i-th buffer item (the root is the last), or none.
func (s *state) buf(i int) int {
	if s.b+i <= s.n {
		return s.b + i
	}
	return none
}

func (s *state) valid(m int) bool {
	switch m {
	case shift:
		return s.b < s.n
	case left:
		return len(s.stack) > 0 && (s.b < s.n || len(s.stack) == 1)
	case right:
		return len(s.stack) > 1
	}
	return false
}

// apply performs move m; for LEFT and RIGHT it returns the new arc's head
// and dependent (else none, none); the caller sets the relation.
func (s *state) apply(m int) (head, dep int) {
	switch m {
	case shift:
		s.stack = append(s.stack, s.b)
		s.b++
		return none, none
	case left:
		head, dep = s.b, s.stack[len(s.stack)-1]
	case right:
		head, dep = s.stack[len(s.stack)-2], s.stack[len(s.stack)-1]
	}
	s.stack = s.stack[:len(s.stack)-1]
	s.heads[dep] = head
	if dep < head { // left child: the newest is the leftmost
		s.lc2[head], s.lc1[head] = s.lc1[head], dep
		s.nl[head]++
	} else {
		s.rc2[head], s.rc1[head] = s.rc1[head], dep
		s.nr[head]++
	}
	return head, dep
}

// cost is the number of gold arcs (gold[i] = head token of i) that move m
// makes unreachable (Goldberg and Nivre 2013); exact for projective gold
// trees.
func (s *state) cost(m int, gold []int) int {
	c := 0
	switch m {
	case shift:
		b0 := s.b
		for i, k := range s.stack {
			if gold[k] == b0 {
				c++
			}
			if gold[b0] == k && i < len(s.stack)-1 {
				c++
			}
		}
	case left, right:
		s0 := s.stack[len(s.stack)-1]
		g := gold[s0]
		if m == left {
			if g != s.b && (g > s.b || (len(s.stack) > 1 && g == s.stack[len(s.stack)-2])) {
				c++
			}
		} else if g >= s.b {
			c++
		}
		for d := s.b; d < s.n; d++ {
			if gold[d] == s0 {
				c++
			}
		}
	}
	return c
}
