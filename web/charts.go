package web

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/warta-id/warta/query"
)

// quadLabels names the four QuadClasses.
var quadLabels = [5]string{"", "Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict"}

func quadLabel(q int) string {
	if q >= 1 && q <= 4 {
		return quadLabels[q]
	}
	return "Unknown"
}

// goldsteinColor maps a Goldstein score (-10 conflict … +10 cooperation)
// onto red – grey – green.
func goldsteinColor(g float64) string {
	t := math.Max(-1, math.Min(1, g/10))
	grey := [3]float64{150, 150, 150}
	end := [3]float64{26, 152, 80} // green
	if t < 0 {
		end, t = [3]float64{215, 48, 39}, -t // red
	}
	var c [3]int
	for i := range c {
		c[i] = int(math.Round(grey[i] + (end[i]-grey[i])*t))
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}

func f1(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64) }

// ---- timeline ----

type tick struct {
	Pos   string
	Label string
}

type rect struct {
	X, Y, W, H string
	Class      string
	Title      string
}

type legendItem struct {
	X, Class, Label string
}

// timelineChart is a stacked bar chart of events per period by QuadClass.
type timelineChart struct {
	W, H     int
	Interval string
	Total    int
	Bars     []rect
	YTicks   []tick
	XLabels  []tick
	Legend   []legendItem
	BaseY    string
	Left     string
	Right    string
}

const (
	tlW, tlH                         = 760, 240
	tlLeft, tlRight, tlTop, tlBottom = 40, 10, 28, 36
	maxPeriods                       = 1500
)

// chooseInterval picks day, week or month from the months a timeline
// spans.
func chooseInterval(months []query.Bucket) string {
	if len(months) == 0 {
		return "day"
	}
	first, err1 := time.Parse("2006-01", months[0].Period)
	last, err2 := time.Parse("2006-01", months[len(months)-1].Period)
	if err1 != nil || err2 != nil {
		return "month"
	}
	n := (last.Year()-first.Year())*12 + int(last.Month()-first.Month())
	switch {
	case n <= 2:
		return "day"
	case n <= 24:
		return "week"
	}
	return "month"
}

// periodLabel names the period of day t as query.Timeline does (SQLite's
// %Y-%m-%d, %Y-W%W, %Y-%m).
func periodLabel(t time.Time, interval string) string {
	switch interval {
	case "day":
		return t.Format("2006-01-02")
	case "week":
		// %W: weeks start on Monday; days before the year's first Monday are week 00.
		yday := t.YearDay() - 1
		mon := (int(t.Weekday()) + 6) % 7
		return fmt.Sprintf("%d-W%02d", t.Year(), (yday+7-mon)/7)
	}
	return t.Format("2006-01")
}

// periodStart is the first day of a period label, when it parses.
func periodStart(p, interval string) (time.Time, bool) {
	switch interval {
	case "day":
		t, err := time.Parse("2006-01-02", p)
		return t, err == nil
	case "week":
		var y, w int
		if _, err := fmt.Sscanf(p, "%d-W%d", &y, &w); err != nil || w < 0 || w > 53 {
			return time.Time{}, false
		}
		jan1 := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		if w == 0 {
			return jan1, true
		}
		firstMon := jan1.AddDate(0, 0, (8-int(jan1.Weekday()))%7)
		return firstMon.AddDate(0, 0, 7*(w-1)), true
	}
	t, err := time.Parse("2006-01", p)
	return t, err == nil
}

// periods lists every period from the first bucket's to the last's, so
// quiet periods show as gaps; when the labels do not parse or there are
// too many, just the buckets' own periods.
func periods(bs []query.Bucket, interval string) []string {
	var own []string
	for _, b := range bs {
		if len(own) == 0 || own[len(own)-1] != b.Period {
			own = append(own, b.Period)
		}
	}
	if len(own) == 0 {
		return nil
	}
	first, ok1 := periodStart(own[0], interval)
	last, ok2 := periodStart(own[len(own)-1], interval)
	if !ok1 || !ok2 || last.Before(first) {
		return own
	}
	var all []string
	step := func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	if interval == "month" {
		step = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	}
	for t := first; !t.After(last); t = step(t) {
		l := periodLabel(t, interval)
		if len(all) == 0 || all[len(all)-1] != l {
			all = append(all, l)
			if len(all) > maxPeriods {
				return own
			}
		}
	}
	if all[len(all)-1] != own[len(own)-1] {
		return own
	}
	return all
}

// niceMax rounds a count up to a round axis maximum.
func niceMax(n int) int {
	if n <= 5 {
		return max(n, 1)
	}
	p := int(math.Pow(10, math.Floor(math.Log10(float64(n)))))
	for _, m := range []int{1, 2, 5, 10} {
		if n <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// buildTimeline lays out buckets (split by QuadClass) as stacked bars.
func buildTimeline(bs []query.Bucket, interval string) timelineChart {
	c := timelineChart{W: tlW, H: tlH, Interval: interval, BaseY: f1(tlH - tlBottom), Left: f1(tlLeft), Right: f1(tlW - tlRight)}
	for q := 1; q <= 4; q++ {
		c.Legend = append(c.Legend, legendItem{X: f1(float64(tlLeft + (q-1)*170)), Class: fmt.Sprintf("q%d", q), Label: quadLabel(q)})
	}
	ps := periods(bs, interval)
	if len(ps) == 0 {
		return c
	}
	counts := make(map[string]*[5]int, len(ps))
	for _, p := range ps {
		counts[p] = new([5]int)
	}
	for _, b := range bs {
		q, _ := strconv.Atoi(b.Key)
		if q < 1 || q > 4 {
			q = 0
		}
		if cs, ok := counts[b.Period]; ok {
			cs[q] += b.Events
		}
		c.Total += b.Events
	}
	top := 0
	for _, cs := range counts {
		top = max(top, cs[0]+cs[1]+cs[2]+cs[3]+cs[4])
	}
	ymax := niceMax(top)
	plotW, plotH := float64(tlW-tlLeft-tlRight), float64(tlH-tlTop-tlBottom)
	slot := plotW / float64(len(ps))
	barW := math.Min(math.Max(slot*0.8, 0.5), 40)
	for i := 0; i <= 4; i++ {
		v := ymax * i / 4
		if i > 0 && v == ymax*(i-1)/4 {
			continue
		}
		c.YTicks = append(c.YTicks, tick{Pos: f1(tlH - tlBottom - plotH*float64(v)/float64(ymax)), Label: strconv.Itoa(v)})
	}
	every := max(1, int(math.Ceil(float64(len(ps))/8)))
	for i, p := range ps {
		x := tlLeft + slot*float64(i) + (slot-barW)/2
		if i%every == 0 {
			c.XLabels = append(c.XLabels, tick{Pos: f1(x + barW/2), Label: p})
		}
		y := float64(tlH - tlBottom)
		cs := counts[p]
		for _, q := range []int{1, 2, 3, 4, 0} {
			n := cs[q]
			if n == 0 {
				continue
			}
			h := plotH * float64(n) / float64(ymax)
			y -= h
			class := "q0"
			if q > 0 {
				class = fmt.Sprintf("q%d", q)
			}
			c.Bars = append(c.Bars, rect{X: f1(x), Y: f1(y), W: f1(barW), H: f1(h), Class: "bar " + class,
				Title: fmt.Sprintf("%s: %d %s", p, n, strings.ToLower(quadLabel(q)))})
		}
	}
	return c
}

// ---- network ----

type netNode struct {
	Code        string
	X, Y, R     string
	LX, LY      string
	Events      int
	Href, Title string
}

type netEdge struct {
	D, Arrow     string
	Width, Color string
	Title        string
}

// networkChart places actor codes on a circle, heaviest first clockwise
// from the top, with curved arrows for actor → recipient edges.
type networkChart struct {
	W, H   int
	Nodes  []netNode
	Edges  []netEdge
	Legend []legendItem
}

const netSize = 440

func buildNetwork(edges []query.Edge, link func(code string) string) networkChart {
	c := networkChart{W: netSize, H: netSize}
	for i, g := range []float64{-10, -5, 0, 5, 10} {
		c.Legend = append(c.Legend, legendItem{X: f1(float64(10 + i*60)), Class: goldsteinColor(g), Label: strconv.FormatFloat(g, 'f', -1, 64)})
	}
	if len(edges) == 0 {
		return c
	}
	weight := map[string]int{}
	top := 0
	for _, e := range edges {
		weight[e.Source] += e.Events
		if e.Target != e.Source {
			weight[e.Target] += e.Events
		}
		top = max(top, e.Events)
	}
	codes := make([]string, 0, len(weight))
	for k := range weight {
		codes = append(codes, k)
	}
	sort.Slice(codes, func(i, j int) bool {
		if weight[codes[i]] != weight[codes[j]] {
			return weight[codes[i]] > weight[codes[j]]
		}
		return codes[i] < codes[j]
	})
	maxW := weight[codes[0]]
	type pt struct{ x, y, r float64 }
	pos := map[string]pt{}
	cx, cy, radius := float64(netSize)/2, float64(netSize)/2+8, float64(netSize)/2-60
	for i, code := range codes {
		start := -math.Pi / 2 // from the top, clockwise
		if len(codes) == 2 {
			start = math.Pi // side by side
		}
		a := start + 2*math.Pi*float64(i)/float64(len(codes))
		p := pt{cx + radius*math.Cos(a), cy + radius*math.Sin(a), 7 + 13*math.Sqrt(float64(weight[code])/float64(maxW))}
		if len(codes) == 1 {
			p.x, p.y = cx, cy+30
		}
		pos[code] = p
		lx, ly := p.x+(p.x-cx)*0.0, p.y-p.r-5
		if len(codes) > 1 {
			d := math.Hypot(p.x-cx, p.y-cy)
			lx, ly = p.x+(p.x-cx)/d*(p.r+14), p.y+(p.y-cy)/d*(p.r+14)+4
		}
		c.Nodes = append(c.Nodes, netNode{Code: code, X: f1(p.x), Y: f1(p.y), R: f1(p.r), LX: f1(lx), LY: f1(ly),
			Events: weight[code], Href: link(code), Title: fmt.Sprintf("%s: %d events", code, weight[code])})
	}
	for _, e := range edges {
		s, t := pos[e.Source], pos[e.Target]
		w := 1.5 + 6*float64(e.Events)/float64(top)
		ne := netEdge{Width: f1(w), Color: goldsteinColor(e.MeanGoldstein),
			Title: fmt.Sprintf("%s → %s: %d events, mean Goldstein %.1f", e.Source, e.Target, e.Events, e.MeanGoldstein)}
		var ex, ey, dx, dy float64 // arrow tip and its direction
		if e.Source == e.Target {
			// a loop outward from the centre (upward for a lone node)
			ux, uy := 0.0, -1.0
			if d := math.Hypot(s.x-cx, s.y-cy); d > 1 && len(codes) > 1 {
				ux, uy = (s.x-cx)/d, (s.y-cy)/d
			}
			px, py := -uy, ux
			sx, sy := s.x+ux*s.r*0.7+px*s.r*0.7, s.y+uy*s.r*0.7+py*s.r*0.7
			ex, ey = s.x+ux*s.r*0.7-px*s.r*0.7, s.y+uy*s.r*0.7-py*s.r*0.7
			l := s.r + 30
			c1x, c1y := s.x+ux*l+px*l*0.8, s.y+uy*l+py*l*0.8
			c2x, c2y := s.x+ux*l-px*l*0.8, s.y+uy*l-py*l*0.8
			ne.D = fmt.Sprintf("M%s,%s C%s,%s %s,%s %s,%s", f1(sx), f1(sy), f1(c1x), f1(c1y), f1(c2x), f1(c2y), f1(ex), f1(ey))
			dx, dy = ex-c2x, ey-c2y
		} else {
			mx, my := (s.x+t.x)/2, (s.y+t.y)/2
			vx, vy := t.x-s.x, t.y-s.y
			d := math.Hypot(vx, vy)
			qx, qy := mx-vy*0.15, my+vx*0.15 // bend to the left, so A→B and B→A part
			// end on the target's rim, along the curve's last tangent
			tx, ty := t.x-qx, t.y-qy
			td := math.Hypot(tx, ty)
			if d < 1 || td < 1 {
				continue
			}
			ex, ey = t.x-tx/td*(t.r+2), t.y-ty/td*(t.r+2)
			ne.D = fmt.Sprintf("M%s,%s Q%s,%s %s,%s", f1(s.x), f1(s.y), f1(qx), f1(qy), f1(ex), f1(ey))
			dx, dy = tx, ty
		}
		if dl := math.Hypot(dx, dy); dl > 0 {
			dx, dy = dx/dl, dy/dl
			al := 6 + w
			bx, by := ex-dx*al, ey-dy*al
			ne.Arrow = fmt.Sprintf("%s,%s %s,%s %s,%s", f1(ex), f1(ey), f1(bx-dy*al*0.5), f1(by+dx*al*0.5), f1(bx+dy*al*0.5), f1(by-dx*al*0.5))
		}
		c.Edges = append(c.Edges, ne)
	}
	return c
}

// ---- map ----

//go:embed assets/countries-110m.json
var countriesTopoJSON []byte

// mapView is one window onto the world map.
type mapView struct {
	ID, Label                      string
	MinLon, MaxLon, MinLat, MaxLat float64
}

var mapViews = []mapView{
	{ID: "world", Label: "World", MinLon: -180, MaxLon: 180, MinLat: -58, MaxLat: 84},
	{ID: "indonesia", Label: "Indonesia", MinLon: 92, MaxLon: 144, MinLat: -13, MaxLat: 9},
}

// worldProj projects the whole world onto 1000 units; views are windows
// (viewBoxes) onto it.
var worldProj = projection{MinLon: -180, MaxLat: 90, Scale: 1000.0 / 360}

type country struct {
	ID, Name, D, Class string
}

var (
	baseMapOnce sync.Once
	baseMap     template.HTML
	baseMapErr  error
)

var baseMapTmpl = template.Must(template.New("base").Parse(
	`<g id="basemap">{{range .}}<path class="{{.Class}}" d="{{.D}}"><title>{{.Name}}</title></path>{{end}}</g>`))

// renderBaseMap draws the countries once: an SVG group shared by every
// map view through <use>.
func renderBaseMap() (template.HTML, error) {
	baseMapOnce.Do(func() {
		shapes, err := decodeTopoJSON(countriesTopoJSON, "countries")
		if err != nil {
			baseMapErr = err
			return
		}
		cs := make([]country, 0, len(shapes))
		for _, s := range shapes {
			class := "land"
			if s.ID == "360" { // ISO 3166 numeric: Indonesia
				class = "land idn"
			}
			cs = append(cs, country{ID: s.ID, Name: s.Name, D: worldProj.svgPath(s), Class: class})
		}
		var b bytes.Buffer
		if err := baseMapTmpl.Execute(&b, cs); err != nil {
			baseMapErr = err
			return
		}
		baseMap = template.HTML(b.String()) // produced by html/template, so escaped
	})
	return baseMap, baseMapErr
}

type marker struct {
	CX, CY, R, Color, Title, Href string
}

type mapPanel struct {
	ID, Label, ViewBox string
	Markers            []marker
	Checked            bool
}

type mapChart struct {
	Base   template.HTML
	Views  []mapPanel
	Places []query.PlaceCount
}

func buildMap(places []query.PlaceCount, view string, link func(query.PlaceCount) string) (mapChart, error) {
	base, err := renderBaseMap()
	if err != nil {
		return mapChart{}, err
	}
	c := mapChart{Base: base, Places: places}
	top := 1
	for _, p := range places {
		top = max(top, p.Events)
	}
	for i, v := range mapViews {
		x0, y0 := worldProj.xy(v.MinLon, v.MaxLat)
		x1, y1 := worldProj.xy(v.MaxLon, v.MinLat)
		w := x1 - x0
		mp := mapPanel{ID: v.ID, Label: v.Label, ViewBox: fmt.Sprintf("%s %s %s %s", f1(x0), f1(y0), f1(w), f1(y1-y0)),
			Checked: v.ID == view || (i == 0 && view != "indonesia")}
		for _, p := range places {
			if p.Lat == nil || p.Lon == nil {
				continue
			}
			x, y := worldProj.xy(*p.Lon, *p.Lat)
			r := (3 + 12*math.Sqrt(float64(p.Events)/float64(top))) * w / 1000
			name := p.Name
			if p.Country != "" {
				name += " (" + p.Country + ")"
			}
			mp.Markers = append(mp.Markers, marker{CX: f2(x), CY: f2(y), R: f2(r), Color: goldsteinColor(p.MeanGoldstein), Href: link(p),
				Title: fmt.Sprintf("%s: %d events, mean Goldstein %.1f", name, p.Events, p.MeanGoldstein)})
		}
		c.Views = append(c.Views, mp)
	}
	return c, nil
}

func f2(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) }
