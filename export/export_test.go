package export_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/warta-id/warta/export"
	"github.com/warta-id/warta/internal/storetest"
	"github.com/warta-id/warta/query"
)

// want is what the store says about the events a filter selects: the
// events and, for each, its mention records' contexts (first mention)
// and article ids.
type want struct {
	events     []query.Event
	contexts   map[int64][]string
	articleIDs map[int64][]string
}

func expected(t *testing.T, db *sql.DB, f query.Filter) want {
	t.Helper()
	ctx := context.Background()
	w := want{contexts: map[int64][]string{}, articleIDs: map[int64][]string{}}
	err := query.EachEvent(ctx, db, f, func(ev query.Event) error {
		w.events = append(w.events, ev)
		d, err := query.EventByID(ctx, db, ev.ID)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		w.articleIDs[ev.ID] = []string{}
		w.contexts[ev.ID] = []string{}
		for i, m := range d.Mentions {
			var rec struct {
				ArticleID string   `json:"article_id"`
				Contexts  []string `json:"contexts"`
			}
			if err := json.Unmarshal(m.Record, &rec); err != nil {
				return err
			}
			if i == 0 && rec.Contexts != nil {
				w.contexts[ev.ID] = rec.Contexts
			}
			if !seen[rec.ArticleID] {
				seen[rec.ArticleID] = true
				w.articleIDs[ev.ID] = append(w.articleIDs[ev.ID], rec.ArticleID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestWrite(t *testing.T) {
	db := storetest.Build(t).DB()
	filters := []struct {
		name    string
		f       query.Filter
		atLeast int // events the filter must select
	}{
		{"all", query.Filter{}, 3},
		{"consult", query.Filter{Types: []string{"CONSULT"}}, 1},
		{"in Japan", query.Filter{Country: "JPN"}, 1},
		{"empty", query.Filter{From: "2099-01-01"}, 0},
	}
	checks := map[string]func(*testing.T, []byte, want){
		"plover":  checkPlover,
		"gdelt":   checkGDELT,
		"csv":     checkCSV,
		"parquet": checkParquet,
	}
	for _, fl := range filters {
		w := expected(t, db, fl.f)
		if len(w.events) < fl.atLeast || (fl.atLeast == 0 && len(w.events) != 0) {
			t.Fatalf("%s: the sample store has %d events, want at least %d", fl.name, len(w.events), fl.atLeast)
		}
		for _, format := range export.Formats {
			t.Run(fl.name+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				n, err := export.Write(context.Background(), db, fl.f, format, &buf)
				if err != nil {
					t.Fatal(err)
				}
				if n != len(w.events) {
					t.Errorf("wrote %d events, want %d", n, len(w.events))
				}
				check, ok := checks[format]
				if !ok {
					t.Fatalf("no round-trip check for format %q", format)
				}
				check(t, buf.Bytes(), w)
			})
		}
	}
}

// ploverLine is a plover line as a user would declare it.
type ploverLine struct {
	ID            string   `json:"id"`
	EventType     string   `json:"event_type"`
	Mode          string   `json:"mode"`
	Contexts      []string `json:"contexts"`
	Actor         []entity `json:"actor"`
	Recipient     []entity `json:"recipient"`
	Date          string   `json:"date"`
	DatePrecision string   `json:"date_precision"`
	Location      *struct {
		Name      string   `json:"name"`
		Country   string   `json:"country"`
		GeonameID *int     `json:"geonameid"`
		Lat       *float64 `json:"lat"`
		Lon       *float64 `json:"lon"`
	} `json:"location"`
	CAMEO       string  `json:"cameo"`
	Goldstein   float64 `json:"goldstein"`
	QuadClass   int     `json:"quad_class"`
	PloverScore float64 `json:"plover_score"`
	NumMentions int     `json:"num_mentions"`
	NumArticles int     `json:"num_articles"`
	NumSources  int     `json:"num_sources"`
	Confidence  float64 `json:"confidence"`
	Source      struct {
		ArticleID string `json:"article_id"`
		URL       string `json:"url"`
		Outlet    string `json:"outlet"`
		Published string `json:"published"`
	} `json:"source"`
	Evidence struct {
		Sentence int    `json:"sentence"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		Text     string `json:"text"`
	} `json:"evidence"`
	ArticleIDs []string `json:"article_ids"`
}

type entity struct {
	Code   string `json:"code"`
	Sector string `json:"sector"`
	Name   string `json:"name"`
}

// ploverKeys are the documented top-level fields of a plover line.
var ploverKeys = []string{"actor", "article_ids", "cameo", "confidence", "contexts", "date", "date_precision",
	"event_type", "evidence", "goldstein", "id", "location", "mode", "num_articles", "num_mentions",
	"num_sources", "plover_score", "quad_class", "recipient", "source"}

func checkPlover(t *testing.T, out []byte, w want) {
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	i := 0
	for ; sc.Scan(); i++ {
		if i >= len(w.events) {
			t.Fatalf("more lines than the %d events", len(w.events))
		}
		ev := w.events[i]
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &keys); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		var got []string
		for k := range keys {
			got = append(got, k)
		}
		sort.Strings(got)
		if !reflect.DeepEqual(got, ploverKeys) {
			t.Errorf("line %d: fields %v, want %v", i+1, got, ploverKeys)
		}
		var p ploverLine
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if p.ID != strconv.FormatInt(ev.ID, 10) || p.EventType != ev.EventType || p.Mode != ev.Mode ||
			p.Date != ev.Date || p.DatePrecision != ev.DatePrecision || p.CAMEO != ev.CAMEO ||
			p.Goldstein != ev.Goldstein || p.QuadClass != ev.QuadClass || p.PloverScore != ev.PloverScore ||
			p.NumMentions != ev.NumMentions || p.NumArticles != ev.NumArticles || p.NumSources != ev.NumSources ||
			p.Confidence != ev.Confidence {
			t.Errorf("line %d: %+v\nevent %+v", i+1, p, ev)
		}
		if !reflect.DeepEqual(p.Actor, entities(ev.Actors)) || !reflect.DeepEqual(p.Recipient, entities(ev.Recipients)) {
			t.Errorf("event %d: actors %v → %v, recipients %v → %v", ev.ID, ev.Actors, p.Actor, ev.Recipients, p.Recipient)
		}
		if !reflect.DeepEqual(p.Contexts, w.contexts[ev.ID]) {
			t.Errorf("event %d: contexts %q, want %q", ev.ID, p.Contexts, w.contexts[ev.ID])
		}
		if !reflect.DeepEqual(p.ArticleIDs, w.articleIDs[ev.ID]) || len(p.ArticleIDs) == 0 {
			t.Errorf("event %d: article_ids %q, want %q", ev.ID, p.ArticleIDs, w.articleIDs[ev.ID])
		}
		if p.Source.ArticleID != ev.Article.ID || p.Source.URL != ev.Article.URL || p.Source.Outlet != ev.Article.Source ||
			p.Source.Published != ev.Article.Published {
			t.Errorf("event %d: source %+v, article %+v", ev.ID, p.Source, ev.Article)
		}
		if p.Evidence.Text != ev.Evidence.Text || p.Evidence.Sentence != ev.Evidence.Sentence ||
			p.Evidence.Start != ev.Evidence.Start || p.Evidence.End != ev.Evidence.End {
			t.Errorf("event %d: evidence %+v, want %+v", ev.ID, p.Evidence, ev.Evidence)
		}
		switch pl := ev.Place; {
		case pl == nil && p.Location != nil:
			t.Errorf("event %d: location %+v for no place", ev.ID, p.Location)
		case pl != nil && (p.Location == nil || p.Location.Name != pl.Name || p.Location.Country != pl.Country ||
			!sameFloat(p.Location.Lat, pl.Lat) || !sameFloat(p.Location.Lon, pl.Lon) ||
			(pl.GeonameID != 0) != (p.Location.GeonameID != nil) ||
			(p.Location.GeonameID != nil && *p.Location.GeonameID != pl.GeonameID)):
			t.Errorf("event %d: location %+v, place %+v", ev.ID, p.Location, pl)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if i != len(w.events) {
		t.Errorf("%d lines, want %d", i, len(w.events))
	}
}

func entities(as []query.Actor) []entity {
	out := []entity{}
	for _, a := range as {
		out = append(out, entity{a.Code, a.Sector, a.Name})
	}
	return out
}

func sameFloat(a, b *float64) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// fips holds the FIPS codes the sample store's places need.
var fips = map[string]string{"IDN": "ID", "JPN": "JA", "PHL": "RP", "USA": "US"}

func checkGDELT(t *testing.T, out []byte, w want) {
	text := string(out)
	if len(w.events) == 0 {
		if text != "" {
			t.Fatalf("output %q for no events", text)
		}
		return
	}
	if !strings.HasSuffix(text, "\n") {
		t.Errorf("output does not end with a newline")
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) != len(w.events) {
		t.Fatalf("%d lines, want %d", len(lines), len(w.events))
	}
	col := map[string]int{}
	for i, c := range export.GDELTColumns {
		col[c] = i
	}
	for i, line := range lines {
		f := strings.Split(line, "\t")
		if len(f) != 61 {
			t.Fatalf("line %d: %d fields, want 61", i+1, len(f))
		}
		ev := w.events[i]
		get := func(name string) string {
			j, ok := col[name]
			if !ok {
				t.Fatalf("no GDELT column %s", name)
			}
			return f[j]
		}
		cameo := ev.CAMEO
		wantCols := map[string]string{
			"GLOBALEVENTID":  strconv.FormatInt(ev.ID, 10),
			"SQLDATE":        strings.ReplaceAll(ev.Date, "-", ""),
			"MonthYear":      strings.ReplaceAll(ev.Date, "-", "")[:6],
			"Year":           ev.Date[:4],
			"EventCode":      cameo,
			"EventBaseCode":  cameo[:3],
			"EventRootCode":  cameo[:2],
			"QuadClass":      strconv.Itoa(ev.QuadClass),
			"NumMentions":    strconv.Itoa(ev.NumMentions),
			"NumSources":     strconv.Itoa(ev.NumSources),
			"NumArticles":    strconv.Itoa(ev.NumArticles),
			"AvgTone":        "",
			"Actor1Geo_Type": "0",
			"Actor2Geo_Type": "0",
		}
		for name, v := range wantCols {
			if got := get(name); got != v {
				t.Errorf("event %d: %s = %q, want %q", ev.ID, name, got, v)
			}
		}
		if g, err := strconv.ParseFloat(get("GoldsteinScale"), 64); err != nil || g != ev.Goldstein {
			t.Errorf("event %d: GoldsteinScale %q, want %v", ev.ID, get("GoldsteinScale"), ev.Goldstein)
		}
		d, _ := time.Parse(time.DateOnly, ev.Date)
		if fd, err := strconv.ParseFloat(get("FractionDate"), 64); err != nil || int(fd) != d.Year() {
			t.Errorf("event %d: FractionDate %q for %s", ev.ID, get("FractionDate"), ev.Date)
		}
		first := strings.Split(ev.ActorCode, ";")[0]
		if a1 := get("Actor1Code"); !strings.HasPrefix(a1, first) || get("Actor1CountryCode") != first {
			t.Errorf("event %d: Actor1Code %q, Actor1CountryCode %q for actors %q", ev.ID, a1, get("Actor1CountryCode"), ev.ActorCode)
		}
		if rc := strings.Split(ev.RecipientCode, ";")[0]; !strings.HasPrefix(get("Actor2Code"), rc) {
			t.Errorf("event %d: Actor2Code %q for recipients %q", ev.ID, get("Actor2Code"), ev.RecipientCode)
		}
		if pl := ev.Place; pl != nil {
			if get("ActionGeo_Type") != "4" || !strings.HasPrefix(get("ActionGeo_FullName"), pl.Name) ||
				get("ActionGeo_CountryCode") != fips[pl.Country] || get("ActionGeo_FeatureID") != strconv.Itoa(pl.GeonameID) {
				t.Errorf("event %d: ActionGeo %q for place %+v", ev.ID, f[col["ActionGeo_Type"]:col["DATEADDED"]], pl)
			}
			if pl.Lat != nil && get("ActionGeo_Lat") != strconv.FormatFloat(*pl.Lat, 'f', -1, 64) {
				t.Errorf("event %d: ActionGeo_Lat %q, want %v", ev.ID, get("ActionGeo_Lat"), *pl.Lat)
			}
		} else if get("ActionGeo_Type") != "0" || get("ActionGeo_FullName") != "" {
			t.Errorf("event %d: ActionGeo %q for no place", ev.ID, f[col["ActionGeo_Type"]:col["DATEADDED"]])
		}
		pub, err := time.Parse(time.RFC3339, ev.Article.Published)
		if err != nil {
			t.Fatalf("event %d: published %q: %v", ev.ID, ev.Article.Published, err)
		}
		if got := get("DATEADDED"); got != pub.UTC().Format("20060102150405") {
			t.Errorf("event %d: DATEADDED %q for published %s", ev.ID, got, ev.Article.Published)
		}
		if src := get("SOURCEURL"); src != ev.Article.URL && !(ev.Article.URL == "" && src == ev.Article.Source) {
			t.Errorf("event %d: SOURCEURL %q, article %+v", ev.ID, src, ev.Article)
		}
	}
}

// csvHeader is the documented CSV header.
var csvHeader = []string{"id", "date", "event_type", "mode", "cameo", "goldstein", "quad_class",
	"actor_code", "actor_names", "recipient_code", "recipient_names", "place", "country", "lat", "lon",
	"num_mentions", "num_articles", "num_sources", "confidence", "source_url", "outlet", "evidence"}

func checkCSV(t *testing.T, out []byte, w want) {
	if !bytes.Contains(out, []byte("\r\n")) {
		t.Errorf("no CRLF line breaks (RFC 4180)")
	}
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 || !reflect.DeepEqual(recs[0], csvHeader) {
		t.Fatalf("header %q, want %q", recs[:min(1, len(recs))], csvHeader)
	}
	if len(recs)-1 != len(w.events) {
		t.Fatalf("%d rows, want %d", len(recs)-1, len(w.events))
	}
	for i, rec := range recs[1:] {
		ev := w.events[i]
		row := map[string]string{}
		for j, c := range csvHeader {
			row[c] = rec[j]
		}
		place, country, lat, lon := "", "", "", ""
		if p := ev.Place; p != nil {
			place, country = p.Name, p.Country
			if p.Lat != nil {
				lat, lon = strconv.FormatFloat(*p.Lat, 'f', -1, 64), strconv.FormatFloat(*p.Lon, 'f', -1, 64)
			}
		}
		wantRow := map[string]string{
			"id": strconv.FormatInt(ev.ID, 10), "date": ev.Date, "event_type": ev.EventType, "mode": ev.Mode,
			"cameo": ev.CAMEO, "quad_class": strconv.Itoa(ev.QuadClass),
			"actor_code": ev.ActorCode, "actor_names": names(ev.Actors),
			"recipient_code": ev.RecipientCode, "recipient_names": names(ev.Recipients),
			"place": place, "country": country, "lat": lat, "lon": lon,
			"num_mentions": strconv.Itoa(ev.NumMentions), "num_articles": strconv.Itoa(ev.NumArticles),
			"num_sources": strconv.Itoa(ev.NumSources),
			"source_url":  ev.Article.URL, "outlet": ev.Article.Source, "evidence": ev.Evidence.Text,
		}
		for c, v := range wantRow {
			if row[c] != v {
				t.Errorf("event %d: %s = %q, want %q", ev.ID, c, row[c], v)
			}
		}
		for c, v := range map[string]float64{"goldstein": ev.Goldstein, "confidence": ev.Confidence} {
			if f, err := strconv.ParseFloat(row[c], 64); err != nil || f != v {
				t.Errorf("event %d: %s = %q, want %v", ev.ID, c, row[c], v)
			}
		}
	}
}

// names joins the distinct non-empty names of actors with ";".
func names(as []query.Actor) string {
	var out []string
	for _, a := range as {
		if a.Name != "" && !contains(out, a.Name) {
			out = append(out, a.Name)
		}
	}
	return strings.Join(out, ";")
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// parquetRow is a parquet row as a user would declare it: other Go names,
// the documented column names and types.
type parquetRow struct {
	EventID        int64    `parquet:"id"`
	Day            *int32   `parquet:"date,date,optional"`
	Type           string   `parquet:"event_type"`
	Mode           *string  `parquet:"mode,optional"`
	Cameo          *string  `parquet:"cameo,optional"`
	Goldstein      float64  `parquet:"goldstein"`
	Quad           int64    `parquet:"quad_class"`
	ActorCode      *string  `parquet:"actor_code,optional"`
	ActorNames     *string  `parquet:"actor_names,optional"`
	RecipientCode  *string  `parquet:"recipient_code,optional"`
	RecipientNames *string  `parquet:"recipient_names,optional"`
	Place          *string  `parquet:"place,optional"`
	Country        *string  `parquet:"country,optional"`
	Lat            *float64 `parquet:"lat,optional"`
	Lon            *float64 `parquet:"lon,optional"`
	NumMentions    int64    `parquet:"num_mentions"`
	NumArticles    int64    `parquet:"num_articles"`
	NumSources     int64    `parquet:"num_sources"`
	Confidence     float64  `parquet:"confidence"`
	SourceURL      *string  `parquet:"source_url,optional"`
	Outlet         *string  `parquet:"outlet,optional"`
	Evidence       *string  `parquet:"evidence,optional"`
}

func checkParquet(t *testing.T, out []byte, w want) {
	file, err := parquet.OpenFile(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatalf("not a parquet file: %v", err)
	}
	if file.NumRows() != int64(len(w.events)) {
		t.Fatalf("%d rows, want %d", file.NumRows(), len(w.events))
	}
	for _, rg := range file.RowGroups() {
		if rg.NumRows() > export.RowGroupRows {
			t.Errorf("row group of %d rows", rg.NumRows())
		}
	}
	schema := file.Schema()
	var cols []string
	for _, f := range schema.Fields() {
		cols = append(cols, f.Name())
	}
	if !reflect.DeepEqual(cols, csvHeader) {
		t.Errorf("columns %q, want the CSV columns %q", cols, csvHeader)
	}
	types := map[string]struct {
		kind     parquet.Kind
		optional bool
	}{
		"id": {parquet.Int64, false}, "date": {parquet.Int32, true}, "event_type": {parquet.ByteArray, false},
		"goldstein": {parquet.Double, false}, "quad_class": {parquet.Int64, false}, "lat": {parquet.Double, true},
		"num_articles": {parquet.Int64, false}, "evidence": {parquet.ByteArray, true},
	}
	for name, want := range types {
		f := lookupField(schema, name)
		if f == nil || f.Type().Kind() != want.kind || f.Optional() != want.optional {
			t.Errorf("column %s: %v, want kind %v optional %v", name, f, want.kind, want.optional)
		}
	}
	if lt := lookupField(schema, "date").Type().LogicalType(); lt == nil || lt.String() != "DATE" {
		t.Errorf("date column's logical type %v, want DATE", lt)
	}

	r := parquet.NewGenericReader[parquetRow](bytes.NewReader(out))
	defer r.Close()
	rows := make([]parquetRow, len(w.events)+1)
	n, err := r.Read(rows)
	if err != nil && !errors.Is(err, io.EOF) {
		t.Fatal(err)
	}
	if n != len(w.events) {
		t.Fatalf("read %d rows, want %d", n, len(w.events))
	}
	str := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	for i, row := range rows[:n] {
		ev := w.events[i]
		if row.EventID != ev.ID || (row.Day == nil || time.Unix(int64(*row.Day)*86400, 0).UTC().Format(time.DateOnly) != ev.Date) || row.Type != ev.EventType ||
			str(row.Mode) != ev.Mode || str(row.Cameo) != ev.CAMEO || row.Goldstein != ev.Goldstein ||
			row.Quad != int64(ev.QuadClass) || str(row.ActorCode) != ev.ActorCode || str(row.ActorNames) != names(ev.Actors) ||
			str(row.RecipientCode) != ev.RecipientCode || str(row.RecipientNames) != names(ev.Recipients) ||
			row.NumMentions != int64(ev.NumMentions) || row.NumArticles != int64(ev.NumArticles) ||
			row.NumSources != int64(ev.NumSources) || row.Confidence != ev.Confidence ||
			str(row.SourceURL) != ev.Article.URL || str(row.Outlet) != ev.Article.Source || str(row.Evidence) != ev.Evidence.Text {
			t.Errorf("row %d: %+v\nevent %+v", i, row, ev)
		}
		if ev.Mode == "" && row.Mode != nil {
			t.Errorf("event %d: mode %q, want null", ev.ID, *row.Mode)
		}
		if p := ev.Place; p == nil {
			if row.Place != nil || row.Lat != nil || row.Lon != nil {
				t.Errorf("event %d: place %v (%v, %v), want nulls", ev.ID, str(row.Place), row.Lat, row.Lon)
			}
		} else if str(row.Place) != p.Name || str(row.Country) != p.Country || !sameFloat(row.Lat, p.Lat) || !sameFloat(row.Lon, p.Lon) {
			t.Errorf("event %d: place %v %v %v %v, want %+v", ev.ID, str(row.Place), str(row.Country), row.Lat, row.Lon, p)
		}
	}

	// The writer's own row type reads the file back too.
	rr := parquet.NewGenericReader[export.Row](bytes.NewReader(out))
	defer rr.Close()
	back := make([]export.Row, len(w.events)+1)
	m, err := rr.Read(back)
	if err != nil && !errors.Is(err, io.EOF) {
		t.Fatal(err)
	}
	for i := range back[:m] {
		if wantRow := export.NewRow(w.events[i]); !reflect.DeepEqual(back[i], wantRow) {
			t.Errorf("row %d: %+v, want %+v", i, back[i], wantRow)
		}
	}
}

func lookupField(s *parquet.Schema, name string) parquet.Field {
	for _, f := range s.Fields() {
		if f.Name() == name {
			return f
		}
	}
	return nil
}

func TestWriteErrors(t *testing.T) {
	db := storetest.Build(t).DB()
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		name    string
		ctx     context.Context
		format  string
		wantErr string
		is      error
	}{
		{"unknown format", context.Background(), "xlsx", `"xlsx"`, export.ErrUnknownFormat},
		{"empty format", context.Background(), "", `""`, export.ErrUnknownFormat},
		{"upper case", context.Background(), "CSV", `"CSV"`, export.ErrUnknownFormat},
		{"canceled", canceled, "gdelt", "export gdelt", context.Canceled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			_, err := export.Write(c.ctx, db, query.Filter{}, c.format, &buf)
			if err == nil || !strings.Contains(err.Error(), c.wantErr) || !errors.Is(err, c.is) {
				t.Fatalf("err = %v, want one containing %s and wrapping %v", err, c.wantErr, c.is)
			}
			if c.is == export.ErrUnknownFormat && buf.Len() != 0 {
				t.Errorf("wrote %d bytes for an unknown format", buf.Len())
			}
		})
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteFailingWriter(t *testing.T) {
	db := storetest.Build(t).DB()
	for _, format := range export.Formats {
		_, err := export.Write(context.Background(), db, query.Filter{}, format, failWriter{})
		if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), format) {
			t.Errorf("%s: err = %v, want the writer's error, naming the format", format, err)
		}
	}
}

func TestContentTypeExtension(t *testing.T) {
	cases := []struct{ format, contentType, ext string }{
		{"plover", "application/x-ndjson; charset=utf-8", ".jsonl"},
		{"gdelt", "text/tab-separated-values; charset=utf-8", ".tsv"},
		{"csv", "text/csv; charset=utf-8", ".csv"},
		{"parquet", "application/vnd.apache.parquet", ".parquet"},
		{"xlsx", "application/octet-stream", ""},
	}
	for _, c := range cases {
		if got := export.ContentType(c.format); got != c.contentType {
			t.Errorf("ContentType(%q) = %q, want %q", c.format, got, c.contentType)
		}
		if got := export.Extension(c.format); got != c.ext {
			t.Errorf("Extension(%q) = %q, want %q", c.format, got, c.ext)
		}
	}
	if len(export.Formats) != 4 {
		t.Errorf("Formats = %q", export.Formats)
	}
}

func TestGDELTColumns(t *testing.T) {
	c := export.GDELTColumns
	if len(c) != 61 {
		t.Fatalf("%d GDELT columns, want 61", len(c))
	}
	// Spot checks against the GDELT 2.0 Event Codebook's numbering (1-based).
	for n, name := range map[int]string{1: "GLOBALEVENTID", 2: "SQLDATE", 5: "FractionDate", 6: "Actor1Code",
		15: "Actor1Type3Code", 16: "Actor2Code", 25: "Actor2Type3Code", 26: "IsRootEvent", 27: "EventCode",
		30: "QuadClass", 31: "GoldsteinScale", 32: "NumMentions", 33: "NumSources", 34: "NumArticles",
		35: "AvgTone", 36: "Actor1Geo_Type", 43: "Actor1Geo_FeatureID", 44: "Actor2Geo_Type",
		52: "ActionGeo_Type", 57: "ActionGeo_Lat", 58: "ActionGeo_Long", 59: "ActionGeo_FeatureID",
		60: "DATEADDED", 61: "SOURCEURL"} {
		if c[n-1] != name {
			t.Errorf("column %d = %s, want %s", n, c[n-1], name)
		}
	}
}

// TestWriteManyEvents copies the sample events until the store holds more
// than two row groups' worth, and checks every format streams them all and
// Parquet's row groups are full ones of export.RowGroupRows.
func TestWriteManyEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a store of 25,000 events")
	}
	db := storetest.Build(t).DB()
	var base, maxID int64
	if err := db.QueryRow("SELECT count(*), max(id) FROM events").Scan(&base, &maxID); err != nil {
		t.Fatal(err)
	}
	copies := (25000 + base - 1) / base
	const offset = 1000 // ids of copy k are id + k*offset
	if maxID >= offset {
		t.Skipf("sample ids reach %d", maxID)
	}
	for _, q := range []string{
		`INSERT INTO events SELECT e.id + k.n*?, event_type, mode, cameo, goldstein, quad_class, plover_score,
			actor_code, recipient_code, date, date_precision, place_id, future, historical, confidence,
			num_mentions, num_articles, num_sources, first_article FROM events e, k WHERE e.id < ?`,
		`INSERT INTO event_actors SELECT a.event_id + k.n*?, role, code, sector, name FROM event_actors a, k WHERE a.event_id < ?`,
		`INSERT INTO event_mentions (event_id, article_n, key, sentence, start, "end", confidence, record, evidence)
			SELECT m.event_id + k.n*?, article_n, key, sentence, start, "end", confidence, record, evidence
			FROM event_mentions m, k WHERE m.event_id < ?`,
	} {
		q = "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM k WHERE n < ?) " + q
		if _, err := db.Exec(q, copies, offset, offset); err != nil {
			t.Fatal(err)
		}
	}
	want := int(base * (copies + 1))
	for _, format := range export.Formats {
		var buf bytes.Buffer
		start := time.Now()
		n, err := export.Write(context.Background(), db, query.Filter{}, format, &buf)
		if err != nil || n != want {
			t.Fatalf("%s: wrote %d events, %v; want %d", format, n, err, want)
		}
		t.Logf("%s: %d events, %d bytes in %v", format, n, buf.Len(), time.Since(start).Round(time.Millisecond))
		var rows int
		switch format {
		case "plover", "gdelt":
			rows = bytes.Count(buf.Bytes(), []byte("\n"))
		case "csv":
			rows = bytes.Count(buf.Bytes(), []byte("\r\n")) - 1 // evidence has no line breaks here
		case "parquet":
			f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			rows = int(f.NumRows())
			groups := f.RowGroups()
			if len(groups) != (want+export.RowGroupRows-1)/export.RowGroupRows {
				t.Errorf("parquet: %d row groups for %d rows", len(groups), want)
			}
			for i, g := range groups[:len(groups)-1] {
				if g.NumRows() != export.RowGroupRows {
					t.Errorf("parquet: row group %d has %d rows", i, g.NumRows())
				}
			}
		}
		if rows != want {
			t.Errorf("%s: %d rows, want %d", format, rows, want)
		}
	}
}
