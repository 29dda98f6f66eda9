package biaffine

import "math"

// Dense vector and matrix helpers over row-major float64 slices. They are
// written for the small (≤ 512) dimensions of the network.

// matVec adds W·x to out, W rows×cols row-major.
func matVec(out, w []float64, rows, cols int, x []float64) {
	x = x[:cols]
	for r := 0; r < rows; r++ {
		row := w[r*cols : r*cols+cols]
		var s0, s1, s2, s3 float64
		c := 0
		for ; c+4 <= cols; c += 4 {
			s0 += row[c] * x[c]
			s1 += row[c+1] * x[c+1]
			s2 += row[c+2] * x[c+2]
			s3 += row[c+3] * x[c+3]
		}
		for ; c < cols; c++ {
			s0 += row[c] * x[c]
		}
		out[r] += s0 + s1 + s2 + s3
	}
}

// matVecs adds W·x_t to out[t*stride : t*stride+rows] for each of the n
// rows x_t of xs (n × cols), row by row of W so that each row of W is read
// from memory once for the whole sentence. It gives the same sums as
// matVec.
func matVecs(out []float64, stride int, w []float64, rows, cols int, xs []float64, n int) {
	for r := 0; r < rows; r++ {
		row := w[r*cols : r*cols+cols]
		for t := 0; t < n; t++ {
			out[t*stride+r] += dot(row, xs[t*cols:t*cols+cols])
		}
	}
}

// matTVec adds Wᵀ·v to out (out has cols entries).
func matTVec(out, w []float64, rows, cols int, v []float64) {
	out = out[:cols]
	for r := 0; r < rows; r++ {
		a := v[r]
		if a == 0 {
			continue
		}
		axpy(out, w[r*cols:r*cols+cols], a)
	}
}

// outer adds a·bᵀ to G (len(a) rows × len(b) cols).
func outer(g []float64, a, b []float64) {
	cols := len(b)
	for r, x := range a {
		if x == 0 {
			continue
		}
		axpy(g[r*cols:r*cols+cols], b, x)
	}
}

// axpy adds a·x to y.
func axpy(y, x []float64, a float64) {
	y = y[:len(x)]
	i := 0
	for ; i+4 <= len(x); i += 4 {
		y[i] += a * x[i]
		y[i+1] += a * x[i+1]
		y[i+2] += a * x[i+2]
		y[i+3] += a * x[i+3]
	}
	for ; i < len(x); i++ {
		y[i] += a * x[i]
	}
}

func dot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// softmax turns scores into probabilities in place (entries with mask false
// get 0) and returns the log of the normaliser.
func softmax(s []float64, ok func(int) bool) float64 {
	m := math.Inf(-1)
	for i, v := range s {
		if ok(i) && v > m {
			m = v
		}
	}
	z := 0.0
	for i, v := range s {
		if ok(i) {
			s[i] = math.Exp(v - m)
			z += s[i]
		} else {
			s[i] = 0
		}
	}
	for i := range s {
		s[i] /= z
	}
	return m + math.Log(z)
}

func zero(x []float64) {
	for i := range x {
		x[i] = 0
	}
}

func grow(x []float64, n int) []float64 {
	if cap(x) < n {
		return make([]float64, n)
	}
	x = x[:n]
	zero(x)
	return x
}
