package biaffine

import (
	"math"
	"math/rand/v2"
)

// lstmCache keeps one direction's activations for the backward pass.
type lstmCache struct {
	gates []float64 // n × 4H: i, f, g, o after their non-linearities
	c, tc []float64 // n × H: cell and tanh(cell)
	h     []float64 // n × H
}

// workspace holds one sentence's activations; one per goroutine.
type workspace struct {
	n      int
	x      []float64   // n × input, after dropout
	xmask  []float64   // dropout scale per input entry (train)
	layers [][]float64 // per layer: n × 2H outputs after dropout
	masks  [][]float64
	caches [][2]lstmCache
	hr     []float64 // (n+1) × 2H: root vector then the top layer's outputs
	hh, hd []float64 // (n+1) × A head and n × A dependent vectors (after ReLU)
	u      []float64 // n × A: U·hd
	lh, ld []float64 // (n+1) × B, n × B
	scores []float64 // scratch
	wids   []int32   // word rows used (after word dropout)
	// gradients of the activations
	dhr, dhh, dhd, du, dlh, dld, dtmp []float64
	dlayer, dx                        []float64
}

func (m *Model) newWorkspace() *workspace {
	return &workspace{caches: make([][2]lstmCache, m.cfg.Layers), layers: make([][]float64, m.cfg.Layers), masks: make([][]float64, m.cfg.Layers)}
}

func dropoutMask(mask []float64, p float64, rng *rand.Rand) {
	keep := 1 / (1 - p)
	for i := range mask {
		if rng.Float64() < p {
			mask[i] = 0
		} else {
			mask[i] = keep
		}
	}
}

// Training-time regularisation.
const (
	dropEmbed = 0.33
	dropLSTM  = 0.33
	wordDropA = 0.25 // a form seen f times is replaced by unknown with probability a/(a+f)
)

// forward computes the activations of a sentence; rng is nil at parse time
// (no dropout).
func (m *Model) forward(ws *workspace, enc []word, rng *rand.Rand) {
	c := m.cfg
	n := len(enc)
	ws.n = n
	in := c.input()
	ws.x = grow(ws.x, n*in)
	ws.wids = ws.wids[:0]
	for i, e := range enc {
		row := ws.x[i*in : i*in+in]
		wid := e.ids[embWord]
		if rng != nil && wid != 0 && rng.Float64() < wordDropA/(wordDropA+float64(e.freq)) {
			wid = 0
		}
		ws.wids = append(ws.wids, wid)
		off := 0
		for k, p := range m.emb {
			id := e.ids[k]
			if k == embWord {
				id = wid
			}
			copy(row[off:off+p.cols], p.w[int(id)*p.cols:int(id+1)*p.cols])
			off += p.cols
		}
	}
	ws.xmask = ws.xmask[:0] // empty: no dropout
	if rng != nil {
		ws.xmask = grow(ws.xmask, n*in)
		dropoutMask(ws.xmask, dropEmbed, rng)
		for i := range ws.x {
			ws.x[i] *= ws.xmask[i]
		}
	}
	H := c.Hidden
	xs, xin := ws.x, in
	for l := 0; l < c.Layers; l++ {
		ws.layers[l] = grow(ws.layers[l], n*2*H)
		for d := 0; d < 2; d++ {
			lstmForward(m.lstm[l][d], H, xs, xin, n, d == 1, &ws.caches[l][d], ws.layers[l], 2*H, d*H)
		}
		ws.masks[l] = ws.masks[l][:0] // empty: no dropout
		if rng != nil {
			ws.masks[l] = grow(ws.masks[l], n*2*H)
			dropoutMask(ws.masks[l], dropLSTM, rng)
			for i := range ws.layers[l] {
				ws.layers[l][i] *= ws.masks[l][i]
			}
		}
		xs, xin = ws.layers[l], 2*H
	}
	D := 2 * H
	ws.hr = grow(ws.hr, (n+1)*D)
	copy(ws.hr[:D], m.rootVec.w)
	copy(ws.hr[D:], xs)
	A, B := c.Arc, c.Label
	ws.hh = mlp(ws.hh, m.arcH, m.arcHb, ws.hr, n+1, D, A)
	ws.hd = mlp(ws.hd, m.arcD, m.arcDb, ws.hr[D:], n, D, A)
	ws.lh = mlp(ws.lh, m.labH, m.labHb, ws.hr, n+1, D, B)
	ws.ld = mlp(ws.ld, m.labD, m.labDb, ws.hr[D:], n, D, B)
	ws.u = grow(ws.u, n*A)
	for i := 0; i < n; i++ {
		matVec(ws.u[i*A:i*A+A], m.arcU.w, A, A, ws.hd[i*A:i*A+A])
	}
}

// mlp computes relu(W·x + b) for each of n input rows.
func mlp(out []float64, w, b *param, xs []float64, n, in, o int) []float64 {
	out = grow(out, n*o)
	for i := 0; i < n; i++ {
		copy(out[i*o:i*o+o], b.w)
	}
	matVecs(out, o, w.w, o, in, xs, n)
	for i := 0; i < n; i++ {
		row := out[i*o : i*o+o]
		for k, v := range row {
			if v < 0 {
				row[k] = 0
			}
		}
	}
	return out
}

// mlpBackward takes the gradient of the MLP's outputs (modified in place
// by the ReLU) and adds the weight gradients and dxs.
func mlpBackward(g [][]float64, w, b *param, xs, out, dout, dxs []float64, n, in, o int) {
	gw, gb := g[w.id], g[b.id]
	for i := 0; i < n; i++ {
		d := dout[i*o : i*o+o]
		y := out[i*o : i*o+o]
		for k := range d {
			if y[k] <= 0 {
				d[k] = 0
			}
		}
		axpy(gb, d, 1)
		outer(gw, d, xs[i*in:i*in+in])
		matTVec(dxs[i*in:i*in+in], w.w, o, in, d)
	}
}

func lstmForward(p lstmParams, H int, xs []float64, in, n int, rev bool, c *lstmCache, out []float64, stride, off int) {
	c.gates = grow(c.gates, n*4*H)
	c.c = grow(c.c, n*H)
	c.tc = grow(c.tc, n*H)
	c.h = grow(c.h, n*H)
	for t := 0; t < n; t++ {
		copy(c.gates[t*4*H:t*4*H+4*H], p.b.w)
	}
	matVecs(c.gates, 4*H, p.wx.w, 4*H, in, xs, n)
	for k := 0; k < n; k++ {
		t, prev := k, k-1
		if rev {
			t, prev = n-1-k, n-k
		}
		a := c.gates[t*4*H : t*4*H+4*H]
		var cPrev []float64
		if k > 0 {
			matVec(a, p.wh.w, 4*H, H, c.h[prev*H:prev*H+H])
			cPrev = c.c[prev*H : prev*H+H]
		}
		ct, tc, h := c.c[t*H:t*H+H], c.tc[t*H:t*H+H], c.h[t*H:t*H+H]
		for j := 0; j < H; j++ {
			i, f, g, o := sigmoid(a[j]), sigmoid(a[H+j]), math.Tanh(a[2*H+j]), sigmoid(a[3*H+j])
			a[j], a[H+j], a[2*H+j], a[3*H+j] = i, f, g, o
			v := i * g
			if cPrev != nil {
				v += f * cPrev[j]
			}
			ct[j] = v
			tc[j] = math.Tanh(v)
			h[j] = o * tc[j]
		}
		copy(out[t*stride+off:t*stride+off+H], h)
	}
}

// lstmBackward takes the gradient of the outputs (dout, with the layout of
// lstmForward's out) and adds the weight gradients and dxs.
func lstmBackward(g [][]float64, p lstmParams, H int, xs []float64, in, n int, rev bool, c *lstmCache, dout []float64, stride, off int, dxs []float64, scratch []float64) {
	gwx, gwh, gb := g[p.wx.id], g[p.wh.id], g[p.b.id]
	dhNext := scratch[:H]
	dcNext := scratch[H : 2*H]
	da := scratch[2*H : 6*H]
	zero(dhNext)
	zero(dcNext)
	for k := n - 1; k >= 0; k-- {
		t, prev := k, k-1
		if rev {
			t, prev = n-1-k, n-k
		}
		a := c.gates[t*4*H : t*4*H+4*H]
		tc := c.tc[t*H : t*H+H]
		dh := dout[t*stride+off : t*stride+off+H]
		for j := 0; j < H; j++ {
			i, f, gg, o := a[j], a[H+j], a[2*H+j], a[3*H+j]
			dhj := dh[j] + dhNext[j]
			do := dhj * tc[j]
			dc := dhj*o*(1-tc[j]*tc[j]) + dcNext[j]
			cp := 0.0
			if k > 0 {
				cp = c.c[prev*H+j]
			}
			da[j] = dc * gg * i * (1 - i)
			da[H+j] = dc * cp * f * (1 - f)
			da[2*H+j] = dc * i * (1 - gg*gg)
			da[3*H+j] = do * o * (1 - o)
			dcNext[j] = dc * f
		}
		axpy(gb, da, 1)
		outer(gwx, da, xs[t*in:t*in+in])
		matTVec(dxs[t*in:t*in+in], p.wx.w, 4*H, in, da)
		zero(dhNext)
		if k > 0 {
			outer(gwh, da, c.h[prev*H:prev*H+H])
			matTVec(dhNext, p.wh.w, 4*H, H, da)
		}
	}
}

// arcScores fills ws.scores with s(j, i) at [i*(n+1)+j]: head j (0 the
// root) of dependent i (0-based word).
func (m *Model) arcScores(ws *workspace) []float64 {
	n, A := ws.n, m.cfg.Arc
	ws.scores = grow(ws.scores, n*(n+1))
	for i := 0; i < n; i++ {
		ui := ws.u[i*A : i*A+A]
		for j := 0; j <= n; j++ {
			hj := ws.hh[j*A : j*A+A]
			ws.scores[i*(n+1)+j] = dot(hj, ui) + dot(hj, m.arcW.w)
		}
	}
	return ws.scores
}

// labelScores sets out to the relation scores of arc h -> i (h 0 the root,
// i 0-based) and returns the feature vector it used in feat.
func (m *Model) labelScores(ws *workspace, h, i int, feat, out []float64) {
	B := m.cfg.Label
	lh, ld := ws.lh[h*B:h*B+B], ws.ld[i*B:i*B+B]
	copy(feat[:B], lh)
	copy(feat[B:2*B], ld)
	for k := 0; k < B; k++ {
		feat[2*B+k] = lh[k] * ld[k]
	}
	copy(out, m.labVb.w)
	matVec(out, m.labV.w, len(m.rels), 3*B, feat)
}

// backward computes the loss of the gold tree (heads 0 for the root,
// 1-based otherwise; relation indices) and adds the gradients to g.
func (m *Model) backward(ws *workspace, heads []int, rels []int, g [][]float64, scratch []float64) float64 {
	c := m.cfg
	n, A, B, H := ws.n, c.Arc, c.Label, c.Hidden
	D := 2 * H
	loss := 0.0
	s := m.arcScores(ws)
	ws.dhh = grow(ws.dhh, (n+1)*A)
	ws.dhd = grow(ws.dhd, n*A)
	ws.du = grow(ws.du, n*A)
	ws.dlh = grow(ws.dlh, (n+1)*B)
	ws.dld = grow(ws.dld, n*B)
	gw, gU := g[m.arcW.id], g[m.arcU.id]
	for i := 0; i < n; i++ {
		row := s[i*(n+1) : i*(n+1)+n+1]
		self := i + 1
		softmax(row, func(j int) bool { return j != self })
		loss -= math.Log(math.Max(row[heads[i]], 1e-300))
		row[heads[i]] -= 1
		ui := ws.u[i*A : i*A+A]
		du := ws.du[i*A : i*A+A]
		for j := 0; j <= n; j++ {
			d := row[j]
			if d == 0 {
				continue
			}
			hj := ws.hh[j*A : j*A+A]
			dhj := ws.dhh[j*A : j*A+A]
			axpy(dhj, ui, d)
			axpy(dhj, m.arcW.w, d)
			axpy(gw, hj, d)
			axpy(du, hj, d)
		}
		outer(gU, du, ws.hd[i*A:i*A+A])
		matTVec(ws.dhd[i*A:i*A+A], m.arcU.w, A, A, du)
	}
	// relations on the gold arcs
	L := len(m.rels)
	feat, z, dfeat := scratch[:3*B], scratch[3*B:3*B+L], scratch[3*B+L:6*B+L]
	gV, gVb := g[m.labV.id], g[m.labVb.id]
	for i := 0; i < n; i++ {
		h := heads[i]
		m.labelScores(ws, h, i, feat, z)
		softmax(z, func(int) bool { return true })
		loss -= math.Log(math.Max(z[rels[i]], 1e-300))
		z[rels[i]] -= 1
		axpy(gVb, z, 1)
		outer(gV, z, feat)
		zero(dfeat)
		matTVec(dfeat, m.labV.w, L, 3*B, z)
		lh, ld := ws.lh[h*B:h*B+B], ws.ld[i*B:i*B+B]
		dlh, dld := ws.dlh[h*B:h*B+B], ws.dld[i*B:i*B+B]
		for k := 0; k < B; k++ {
			dlh[k] += dfeat[k] + dfeat[2*B+k]*ld[k]
			dld[k] += dfeat[B+k] + dfeat[2*B+k]*lh[k]
		}
	}
	ws.dhr = grow(ws.dhr, (n+1)*D)
	mlpBackward(g, m.arcH, m.arcHb, ws.hr, ws.hh, ws.dhh, ws.dhr, n+1, D, A)
	mlpBackward(g, m.arcD, m.arcDb, ws.hr[D:], ws.hd, ws.dhd, ws.dhr[D:], n, D, A)
	mlpBackward(g, m.labH, m.labHb, ws.hr, ws.lh, ws.dlh, ws.dhr, n+1, D, B)
	mlpBackward(g, m.labD, m.labDb, ws.hr[D:], ws.ld, ws.dld, ws.dhr[D:], n, D, B)
	axpy(g[m.rootVec.id], ws.dhr[:D], 1)
	// down the BiLSTM layers
	dcur := ws.dhr[D:]
	in := c.input()
	for l := c.Layers - 1; l >= 0; l-- {
		if len(ws.masks[l]) > 0 {
			for k := range dcur {
				dcur[k] *= ws.masks[l][k]
			}
		}
		xs, xin := ws.x, in
		if l > 0 {
			xs, xin = ws.layers[l-1], D
		}
		ws.dtmp = grow(ws.dtmp, n*xin)
		for d := 0; d < 2; d++ {
			lstmBackward(g, m.lstm[l][d], H, xs, xin, n, d == 1, &ws.caches[l][d], dcur, D, d*H, ws.dtmp, scratch)
		}
		ws.dlayer = append(ws.dlayer[:0], ws.dtmp...)
		dcur = ws.dlayer
	}
	return loss
}

// embedBackward adds the gradient of the (dropped-out) input rows to the
// embedding tables.
func (m *Model) embedBackward(ws *workspace, enc []word, g [][]float64) {
	wids := ws.wids
	in := m.cfg.input()
	dx := ws.dlayer
	for i, e := range enc {
		row := dx[i*in : i*in+in]
		if len(ws.xmask) > 0 {
			mask := ws.xmask[i*in : i*in+in]
			for k := range row {
				row[k] *= mask[k]
			}
		}
		off := 0
		for k, p := range m.emb {
			id := e.ids[k]
			if k == embWord {
				id = wids[i]
			}
			gt := g[p.id]
			axpy(gt[int(id)*p.cols:int(id+1)*p.cols], row[off:off+p.cols], 1)
			off += p.cols
		}
	}
}
