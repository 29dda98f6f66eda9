package web

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// shape is one geometry of a TopoJSON object: its id, name and polygons,
// each polygon a list of rings of [lon, lat] points (the first ring is the
// outer boundary, the others holes).
type shape struct {
	ID       string
	Name     string
	Polygons [][][][2]float64
}

type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]topoGeometry `json:"objects"`
	Arcs    [][][]float64           `json:"arcs"`
}

type topoGeometry struct {
	Type       string          `json:"type"`
	ID         any             `json:"id"`
	Properties map[string]any  `json:"properties"`
	Arcs       json.RawMessage `json:"arcs"`
	Geometries []topoGeometry  `json:"geometries"`
}

// decodeTopoJSON decodes the polygons and multipolygons of one object of a
// TopoJSON topology: it undoes the delta encoding and quantization of the
// arcs (when the topology has a transform) and stitches arcs into rings, a
// negative index ~i meaning arc i reversed. Other geometry types (points,
// lines, null) are skipped.
func decodeTopoJSON(data []byte, object string) ([]shape, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("topojson: %w", err)
	}
	if t.Type != "Topology" {
		return nil, fmt.Errorf("topojson: type %q, want Topology", t.Type)
	}
	obj, ok := t.Objects[object]
	if !ok {
		return nil, fmt.Errorf("topojson: no object %q", object)
	}
	arcs := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		pts := make([][2]float64, 0, len(arc))
		var x, y float64
		for _, p := range arc {
			if len(p) < 2 {
				return nil, fmt.Errorf("topojson: arc %d has a point with %d coordinates", i, len(p))
			}
			if t.Transform != nil {
				x += p[0]
				y += p[1]
				pts = append(pts, [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]})
			} else {
				pts = append(pts, [2]float64{p[0], p[1]})
			}
		}
		arcs[i] = pts
	}
	var out []shape
	var walk func(g topoGeometry, depth int) error
	walk = func(g topoGeometry, depth int) error {
		if depth > 16 {
			return fmt.Errorf("topojson: geometry collections nested too deeply")
		}
		var polys [][][]int
		switch g.Type {
		case "GeometryCollection":
			for _, c := range g.Geometries {
				if err := walk(c, depth+1); err != nil {
					return err
				}
			}
			return nil
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return fmt.Errorf("topojson: polygon arcs: %w", err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return fmt.Errorf("topojson: multipolygon arcs: %w", err)
			}
		default:
			return nil
		}
		s := shape{ID: idString(g.ID)}
		if n, ok := g.Properties["name"].(string); ok {
			s.Name = n
		}
		for _, poly := range polys {
			var rings [][][2]float64
			for _, ring := range poly {
				r, err := stitch(arcs, ring)
				if err != nil {
					return err
				}
				if len(r) > 0 {
					rings = append(rings, r)
				}
			}
			if len(rings) > 0 {
				s.Polygons = append(s.Polygons, rings)
			}
		}
		out = append(out, s)
		return nil
	}
	if err := walk(obj, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// stitch joins the arcs of one ring; each arc after the first starts where
// the previous one ended, so its first point is dropped.
func stitch(arcs [][][2]float64, ring []int) ([][2]float64, error) {
	var pts [][2]float64
	for j, idx := range ring {
		i, rev := idx, false
		if idx < 0 {
			i, rev = ^idx, true
		}
		if i < 0 || i >= len(arcs) {
			return nil, fmt.Errorf("topojson: arc index %d out of range (%d arcs)", idx, len(arcs))
		}
		a := arcs[i]
		for k := range a {
			if j > 0 && k == 0 {
				continue
			}
			if rev {
				pts = append(pts, a[len(a)-1-k])
			} else {
				pts = append(pts, a[k])
			}
		}
	}
	return pts, nil
}

func idString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// projection is an equirectangular projection of a longitude/latitude box
// onto an SVG user space Scale units per degree wide.
type projection struct {
	MinLon, MaxLat, Scale float64
}

func (p projection) xy(lon, lat float64) (float64, float64) {
	return (lon - p.MinLon) * p.Scale, (p.MaxLat - lat) * p.Scale
}

// svgPath draws a shape's polygons as one SVG path (rings closed with Z),
// coordinates rounded to one decimal. Rings that cross the antimeridian
// are unwrapped into continuous longitudes and drawn a second time shifted
// by 360°, so each half shows on its side of the map; a ring around a pole
// is closed along the pole's edge.
func (p projection) svgPath(s shape) string {
	var b []byte
	for _, poly := range s.Polygons {
		for _, ring := range poly {
			u := unwrap(ring)
			if len(u) == 0 {
				continue
			}
			minLon, maxLon := u[0][0], u[0][0]
			for _, pt := range u {
				minLon, maxLon = math.Min(minLon, pt[0]), math.Max(maxLon, pt[0])
			}
			b = p.appendRing(b, u, 0)
			if minLon < -180 {
				b = p.appendRing(b, u, 360)
			}
			if maxLon > 180 {
				b = p.appendRing(b, u, -360)
			}
		}
	}
	return string(b)
}

// unwrap makes a ring's longitudes continuous (no jump over 180° between
// neighbours); a ring that then fails to close by a whole turn encircles a
// pole and is closed along it.
func unwrap(ring [][2]float64) [][2]float64 {
	if len(ring) == 0 {
		return nil
	}
	out := make([][2]float64, 0, len(ring)+2)
	off := 0.0
	prev := ring[0][0]
	for _, pt := range ring {
		if d := pt[0] - prev; d > 180 {
			off -= 360
		} else if d < -180 {
			off += 360
		}
		prev = pt[0]
		out = append(out, [2]float64{pt[0] + off, pt[1]})
	}
	if first, last := out[0], out[len(out)-1]; math.Abs(last[0]-first[0]) > 180 {
		var sum float64
		for _, pt := range out {
			sum += pt[1]
		}
		pole := 90.0
		if sum < 0 {
			pole = -90
		}
		out = append(out, [2]float64{last[0], pole}, [2]float64{first[0], pole})
	}
	return out
}

func (p projection) appendRing(b []byte, ring [][2]float64, shift float64) []byte {
	lx, ly := math.NaN(), math.NaN()
	n := 0
	for _, pt := range ring {
		x, y := p.xy(pt[0]+shift, pt[1])
		x, y = math.Round(x*10)/10, math.Round(y*10)/10
		if x == lx && y == ly {
			continue
		}
		if n == 0 {
			b = append(b, 'M')
		} else {
			b = append(b, 'L')
		}
		b = strconv.AppendFloat(b, x, 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, y, 'f', -1, 64)
		lx, ly = x, y
		n++
	}
	if n > 0 {
		b = append(b, 'Z')
	}
	return b
}
