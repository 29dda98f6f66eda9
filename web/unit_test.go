package web

import (
	"html/template"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/warta-id/warta/internal/storetest"
	"github.com/warta-id/warta/query"
)

// tinyTopo is a hand-written topology: a quantized square A (arcs 0 and
// 1, the second reversed through ~1) with a triangular hole, and a
// multipolygon B sharing arc 1 with A.
const tinyTopo = `{
 "type": "Topology",
 "transform": {"scale": [1, 2], "translate": [10, 20]},
 "objects": {"things": {"type": "GeometryCollection", "geometries": [
   {"type": "Polygon", "id": "1", "properties": {"name": "A"}, "arcs": [[0, -2], [2]]},
   {"type": "MultiPolygon", "id": 2, "properties": {"name": "B"}, "arcs": [[[1, 3]], [[2]]]},
   {"type": "Point", "coordinates": [0, 0]},
   {"type": null}
 ]}},
 "arcs": [
   [[0, 0], [4, 0], [0, 4]],
   [[0, 0], [0, 4], [4, 0]],
   [[1, 1], [1, 0], [0, 1], [-1, -1]],
   [[4, 4], [4, 0], [0, -4], [-4, 0]]
 ]
}`

func TestDecodeTopoJSON(t *testing.T) {
	shapes, err := decodeTopoJSON([]byte(tinyTopo), "things")
	if err != nil {
		t.Fatal(err)
	}
	// arc 0 then arc 1 reversed; the reversed arc's first point (its
	// last, 14,28) is dropped as the join.
	square := [][2]float64{{10, 20}, {14, 20}, {14, 28}, {10, 28}, {10, 20}}
	hole := [][2]float64{{11, 22}, {12, 22}, {12, 24}, {11, 22}}
	want := []shape{
		{ID: "1", Name: "A", Polygons: [][][][2]float64{{square, hole}}},
		{ID: "2", Name: "B", Polygons: [][][][2]float64{
			{{{10, 20}, {10, 28}, {14, 28}, {18, 28}, {18, 20}, {14, 20}}},
			{hole},
		}},
	}
	if !reflect.DeepEqual(shapes, want) {
		t.Errorf("decoded\n%v\nwant\n%v", shapes, want)
	}
	p := projection{MinLon: 10, MaxLat: 30, Scale: 2}
	if got, w := p.svgPath(shapes[0]), "M0,20L8,20L8,4L0,4L0,20ZM2,16L4,16L4,12L2,16Z"; got != w {
		t.Errorf("svgPath = %s, want %s", got, w)
	}
}

func TestDecodeTopoJSONErrors(t *testing.T) {
	tests := []struct{ name, data, object string }{
		{"not json", `{`, "x"},
		{"not a topology", `{"type": "FeatureCollection"}`, "x"},
		{"no object", `{"type": "Topology", "objects": {}, "arcs": []}`, "x"},
		{"arc out of range", `{"type": "Topology", "objects": {"x": {"type": "Polygon", "arcs": [[5]]}}, "arcs": [[[0,0],[1,1]]]}`, "x"},
		{"negative arc out of range", `{"type": "Topology", "objects": {"x": {"type": "Polygon", "arcs": [[-3]]}}, "arcs": [[[0,0],[1,1]]]}`, "x"},
		{"short point", `{"type": "Topology", "objects": {"x": {"type": "Polygon", "arcs": [[0]]}}, "arcs": [[[0]]]}`, "x"},
		{"bad arcs", `{"type": "Topology", "objects": {"x": {"type": "MultiPolygon", "arcs": [0]}}, "arcs": []}`, "x"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := decodeTopoJSON([]byte(tc.data), tc.object); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestAntimeridian(t *testing.T) {
	// a ring crossing 180° is drawn twice, once on each side
	s := shape{Polygons: [][][][2]float64{{{{170, 0}, {-170, 0}, {-170, 10}, {170, 10}, {170, 0}}}}}
	p := projection{MinLon: -180, MaxLat: 90, Scale: 1}
	got := p.svgPath(s)
	if n := strings.Count(got, "M"); n != 2 {
		t.Errorf("path %s: %d rings, want 2", got, n)
	}
	if want := "M350,90L370,90L370,80L350,80L350,90ZM-10,90L10,90L10,80L-10,80L-10,90Z"; got != want {
		t.Errorf("path %s, want %s", got, want)
	}
	// the embedded world map decodes, with Indonesia
	base, err := renderBaseMap()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(base), `class="land idn"`) || strings.Count(string(base), "<path") < 170 {
		t.Errorf("base map: %d paths, Indonesia %v", strings.Count(string(base), "<path"), strings.Contains(string(base), "idn"))
	}
}

func TestSegmentText(t *testing.T) {
	text := "Presiden Joko Widodo bertemu Perdana Menteri Jepang."
	tests := []struct {
		name  string
		spans []hlSpan
		want  []segment
	}{
		{"none", nil, []segment{{Text: text}}},
		{"nested", []hlSpan{
			{Start: 0, End: 52, Class: "ev", Title: "event 1"},
			{Start: 0, End: 20, Inner: true, Class: "ent ent-person", Title: "person IDN"},
			{Start: 9, End: 20, Inner: true, Class: "ent ent-name", Title: "name"},
		}, []segment{
			{Text: "Presiden ", Outer: &mark{"ev", "event 1"}, Inner: &mark{"ent ent-person", "person IDN"}},
			{Text: "Joko Widodo", Outer: &mark{"ev", "event 1"}, Inner: &mark{"ent ent-name", "person IDN; name"}},
			{Text: " bertemu Perdana Menteri Jepang.", Outer: &mark{"ev", "event 1"}},
		}},
		{"overlapping events", []hlSpan{
			{Start: 0, End: 28, Class: "ev", Title: "a"},
			{Start: 21, End: 52, Class: "ev", Title: "b"},
		}, []segment{
			{Text: "Presiden Joko Widodo ", Outer: &mark{"ev", "a"}},
			{Text: "bertemu", Outer: &mark{"ev", "a; b"}},
			{Text: " Perdana Menteri Jepang.", Outer: &mark{"ev", "b"}},
		}},
		{"out of range and empty", []hlSpan{
			{Start: -5, End: 8, Class: "x"}, {Start: 40, End: 999, Class: "y"}, {Start: 30, End: 10, Class: "z"},
		}, []segment{
			{Text: "Presiden", Outer: &mark{"x", ""}},
			{Text: " Joko Widodo bertemu Perdana Men"},
			{Text: "teri Jepang.", Outer: &mark{"y", ""}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := segmentText(text, tc.spans)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %s\nwant %s", dumpSegs(got), dumpSegs(tc.want))
			}
			var b strings.Builder
			for _, s := range got {
				b.WriteString(s.Text)
			}
			if b.String() != text {
				t.Errorf("segments do not rebuild the text: %q", b.String())
			}
		})
	}
	// spans inside a multi-byte rune are widened to whole runes
	got := segmentText("Café ☕ ok", []hlSpan{{Start: 4, End: 7, Class: "m"}})
	for _, s := range got {
		if !utf8Valid(s.Text) {
			t.Errorf("segment %q splits a rune", s.Text)
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func dumpSegs(ss []segment) string {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString("[" + s.Text)
		if s.Outer != nil {
			b.WriteString(" |o:" + s.Outer.Class + "/" + s.Outer.Title)
		}
		if s.Inner != nil {
			b.WriteString(" |i:" + s.Inner.Class + "/" + s.Inner.Title)
		}
		b.WriteString("] ")
	}
	return b.String()
}

func TestEvidenceSegments(t *testing.T) {
	sent := "Menlu Retno Marsudi bertemu Menlu Jepang di Tokyo."
	tests := []struct {
		name, rec string
		marks     []string // Text|Class of the marked segments
	}{
		{"actor recipient place", `{"actor":[{"code":"IDN","text":"Menlu Retno Marsudi"}],"recipient":[{"code":"JPN","text":"menlu jepang"}],"location":{"text":"Tokyo"}}`,
			[]string{"Menlu Retno Marsudi|hl-actor", "Menlu Jepang|hl-recipient", "Tokyo|hl-place"}},
		{"texts not in the sentence", `{"actor":[{"code":"IDN","text":"Presiden"}]}`, []string{sent + "|hl-event"}},
		{"no record", ``, []string{sent + "|hl-event"}},
		{"bad record", `{"actor": 5}`, []string{sent + "|hl-event"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range evidenceSegments(sent, []byte(tc.rec)) {
				if s.Outer != nil {
					got = append(got, s.Text+"|"+s.Outer.Class)
				}
			}
			if !reflect.DeepEqual(got, tc.marks) {
				t.Errorf("marked %q, want %q", got, tc.marks)
			}
		})
	}
}

func TestSafeSnippet(t *testing.T) {
	tests := []struct {
		in   string
		want template.HTML
	}{
		{"a <mark>b</mark> c", "a <mark>b</mark> c"},
		{"&lt;script&gt;x <mark>y</mark>", "&lt;script&gt;x <mark>y</mark>"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"<mark>open", "<mark>open</mark>"},
		{"</mark>x<mark><mark>y</mark></mark>", "x<mark>y</mark>"},
		{`<mark onclick="x">a</mark>`, "&lt;mark onclick=&#34;x&#34;&gt;a"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := safeSnippet(tc.in); got != tc.want {
			t.Errorf("safeSnippet(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestKindClass(t *testing.T) {
	for in, want := range map[string]string{"person": "ent ent-person", "Country": "ent ent-country", `x" onmouseover="y`: "ent ent-x-onmouseover-y", "": "ent ent-other"} {
		if got := kindClass(in); got != want {
			t.Errorf("kindClass(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGoldsteinColor(t *testing.T) {
	for g, want := range map[float64]string{-10: "#d73027", 0: "#969696", 10: "#1a9850", 99: "#1a9850", math.NaN(): "#969696"} {
		if got := goldsteinColor(g); got != want && !(math.IsNaN(g) && got != "") {
			t.Errorf("goldsteinColor(%v) = %s, want %s", g, got, want)
		}
	}
}

// TestPeriodLabel checks the week labels against SQLite's own %W, which
// query.Timeline uses.
func TestPeriodLabel(t *testing.T) {
	db := storetest.Build(t).DB()
	d := time.Date(2019, 12, 25, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 900; i += 3 {
		day := d.AddDate(0, 0, i)
		var want string
		if err := db.QueryRow(`SELECT strftime('%Y-W%W', ?)`, day.Format("2006-01-02")).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if got := periodLabel(day, "week"); got != want {
			t.Fatalf("%s: week %s, SQLite says %s", day.Format("2006-01-02"), got, want)
		}
		start, ok := periodStart(want, "week")
		if !ok || periodLabel(start, "week") != want || start.After(day) || day.Sub(start) > 7*24*time.Hour {
			t.Fatalf("%s: week %s starts %s", day.Format("2006-01-02"), want, start.Format("2006-01-02"))
		}
	}
}

func TestBuildTimeline(t *testing.T) {
	tests := []struct {
		name     string
		buckets  []query.Bucket
		interval string
		bars     int
		xlabels  []string
	}{
		{"empty", nil, "day", 0, nil},
		{"gaps filled", []query.Bucket{{Period: "2024-06-03", Key: "1", Events: 2}, {Period: "2024-06-05", Key: "3", Events: 1}, {Period: "2024-06-05", Key: "4", Events: 1}}, "day", 3,
			[]string{"2024-06-03", "2024-06-04", "2024-06-05"}},
		{"months", []query.Bucket{{Period: "2023-11", Key: "2", Events: 5}, {Period: "2024-02", Key: "2", Events: 1}}, "month", 2,
			[]string{"2023-11", "2023-12", "2024-01", "2024-02"}},
		{"weeks over new year", []query.Bucket{{Period: "2022-W52", Key: "1", Events: 1}, {Period: "2023-W01", Key: "1", Events: 1}}, "week", 2,
			[]string{"2022-W52", "2023-W00", "2023-W01"}},
		{"unparsable periods kept", []query.Bucket{{Period: "x", Key: "9", Events: 1}}, "day", 1, []string{"x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := buildTimeline(tc.buckets, tc.interval)
			if len(c.Bars) != tc.bars {
				t.Errorf("%d bars, want %d", len(c.Bars), tc.bars)
			}
			var xs []string
			for _, x := range c.XLabels {
				xs = append(xs, x.Label)
			}
			if !reflect.DeepEqual(xs, tc.xlabels) {
				t.Errorf("x labels %v, want %v", xs, tc.xlabels)
			}
			if len(c.Legend) != 4 {
				t.Errorf("legend has %d entries", len(c.Legend))
			}
		})
	}
}

func TestChooseInterval(t *testing.T) {
	for _, tc := range []struct {
		months []string
		want   string
	}{{nil, "day"}, {[]string{"2024-06"}, "day"}, {[]string{"2024-01", "2024-03"}, "day"}, {[]string{"2024-01", "2024-09"}, "week"}, {[]string{"2020-01", "2024-09"}, "month"}} {
		var bs []query.Bucket
		for _, m := range tc.months {
			bs = append(bs, query.Bucket{Period: m, Events: 1})
		}
		if got := chooseInterval(bs); got != tc.want {
			t.Errorf("chooseInterval(%v) = %s, want %s", tc.months, got, tc.want)
		}
	}
}

func TestBuildNetwork(t *testing.T) {
	link := func(code string) string { return "/?actor=" + code }
	tests := []struct {
		name   string
		edges  []query.Edge
		nodes  int
		arrows int
	}{
		{"empty", nil, 0, 0},
		{"self loop only", []query.Edge{{Source: "IDN", Target: "IDN", Events: 3, MeanGoldstein: -5}}, 1, 1},
		{"pair both ways", []query.Edge{{Source: "IDN", Target: "JPN", Events: 2, MeanGoldstein: 3}, {Source: "JPN", Target: "IDN", Events: 1}}, 2, 2},
		{"star", []query.Edge{{Source: "USA", Target: "IRN", Events: 5}, {Source: "USA", Target: "VEN", Events: 1}, {Source: "IRN", Target: "VEN", Events: 1}}, 3, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := buildNetwork(tc.edges, link)
			arrows := 0
			for _, e := range c.Edges {
				if e.Arrow != "" {
					arrows++
				}
				if strings.Contains(e.D, "NaN") || strings.Contains(e.Arrow, "NaN") {
					t.Errorf("edge %+v has NaN", e)
				}
			}
			if len(c.Nodes) != tc.nodes || arrows != tc.arrows {
				t.Errorf("%d nodes, %d arrows; want %d, %d", len(c.Nodes), arrows, tc.nodes, tc.arrows)
			}
			if tc.nodes > 0 && c.Nodes[0].Href != link(c.Nodes[0].Code) {
				t.Errorf("node link %s", c.Nodes[0].Href)
			}
		})
	}
}

func TestBuildMap(t *testing.T) {
	lat, lon := -6.2, 106.8
	places := []query.PlaceCount{{Place: query.Place{Name: "Jakarta", Country: "IDN", Lat: &lat, Lon: &lon}, Events: 4}}
	c, err := buildMap(places, "indonesia", func(p query.PlaceCount) string { return "/?place=" + p.Name })
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Views) != 2 || c.Views[0].Checked || !c.Views[1].Checked {
		t.Fatalf("views %+v", c.Views)
	}
	for _, v := range c.Views {
		if len(v.Markers) != 1 || v.Markers[0].Href != "/?place=Jakarta" {
			t.Errorf("view %s markers %+v", v.ID, v.Markers)
		}
	}
	// markers keep their screen size: smaller in the zoomed view's units
	rw, _ := strconv.ParseFloat(c.Views[0].Markers[0].R, 64)
	ri, _ := strconv.ParseFloat(c.Views[1].Markers[0].R, 64)
	if ri >= rw || ri <= 0 {
		t.Errorf("radius world %s, indonesia %s", c.Views[0].Markers[0].R, c.Views[1].Markers[0].R)
	}
}
