package export

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/warta-id/warta/query"
)

// Row is one event as the "csv" and "parquet" formats write it: flat
// columns, in this order. The struct tags are the Parquet schema (read a
// file back with parquet.NewGenericReader[export.Row]; Date is an int32
// because parquet-go v0.32.0 writes time.Time DATE columns wrongly); "optional"
// columns are null in Parquet, and empty in CSV, when Warta has no value.
//
//	id               int64    Warta event id
//	date             DATE     event date (Parquet DATE logical type: int32 days since 1970-01-01; CSV YYYY-MM-DD)
//	event_type       string   PLOVER event type
//	mode             string?  PLOVER mode
//	cameo            string?  CAMEO event code with leading zeros ("036")
//	goldstein        double   Goldstein scale value
//	quad_class       int64    1…4
//	actor_code       string?  distinct actor codes joined with ";"
//	actor_names      string?  distinct actor names joined with ";"
//	recipient_code   string?  distinct recipient codes joined with ";"
//	recipient_names  string?  distinct recipient names joined with ";"
//	place            string?  place name
//	country          string?  the place's ISO-3 country code
//	lat, lon         double?  the place's coordinates
//	num_mentions     int64    mentions of the event
//	num_articles     int64    articles reporting it
//	num_sources      int64    distinct outlets reporting it
//	confidence       double   coder confidence 0…1
//	source_url       string?  URL of the first article that reported it
//	outlet           string?  that article's outlet
//	evidence         string?  the first mention's sentence
type Row struct {
	ID             int64    `parquet:"id"`
	Date           *int32   `parquet:"date,date,optional"` // days since 1970-01-01
	EventType      string   `parquet:"event_type"`
	Mode           string   `parquet:"mode,optional"`
	CAMEO          string   `parquet:"cameo,optional"`
	Goldstein      float64  `parquet:"goldstein"`
	QuadClass      int64    `parquet:"quad_class"`
	ActorCode      string   `parquet:"actor_code,optional"`
	ActorNames     string   `parquet:"actor_names,optional"`
	RecipientCode  string   `parquet:"recipient_code,optional"`
	RecipientNames string   `parquet:"recipient_names,optional"`
	Place          string   `parquet:"place,optional"`
	Country        string   `parquet:"country,optional"`
	Lat            *float64 `parquet:"lat,optional"`
	Lon            *float64 `parquet:"lon,optional"`
	NumMentions    int64    `parquet:"num_mentions"`
	NumArticles    int64    `parquet:"num_articles"`
	NumSources     int64    `parquet:"num_sources"`
	Confidence     float64  `parquet:"confidence"`
	SourceURL      string   `parquet:"source_url,optional"`
	Outlet         string   `parquet:"outlet,optional"`
	Evidence       string   `parquet:"evidence,optional"`
}

// Columns are the names of Row's columns, in order: the CSV header.
var Columns = []string{
	"id", "date", "event_type", "mode", "cameo", "goldstein", "quad_class",
	"actor_code", "actor_names", "recipient_code", "recipient_names",
	"place", "country", "lat", "lon",
	"num_mentions", "num_articles", "num_sources", "confidence",
	"source_url", "outlet", "evidence",
}

// NewRow flattens ev into a Row.
func NewRow(ev query.Event) Row {
	r := Row{
		ID:             ev.ID,
		EventType:      ev.EventType,
		Mode:           ev.Mode,
		CAMEO:          ev.CAMEO,
		Goldstein:      ev.Goldstein,
		QuadClass:      int64(ev.QuadClass),
		ActorCode:      ev.ActorCode,
		ActorNames:     joinNames(ev.Actors),
		RecipientCode:  ev.RecipientCode,
		RecipientNames: joinNames(ev.Recipients),
		NumMentions:    int64(ev.NumMentions),
		NumArticles:    int64(ev.NumArticles),
		NumSources:     int64(ev.NumSources),
		Confidence:     ev.Confidence,
		SourceURL:      ev.Article.URL,
		Outlet:         ev.Article.Source,
		Evidence:       ev.Evidence.Text,
	}
	if d, err := time.Parse(time.DateOnly, ev.Date); err == nil {
		days := int32(d.Unix() / secondsPerDay)
		r.Date = &days
	}
	if p := ev.Place; p != nil {
		r.Place, r.Country, r.Lat, r.Lon = p.Name, p.Country, p.Lat, p.Lon
	}
	return r
}

// record is r as CSV fields, in Columns order.
func (r Row) record() []string {
	date := ""
	if r.Date != nil {
		date = time.Unix(int64(*r.Date)*secondsPerDay, 0).UTC().Format(time.DateOnly)
	}
	return []string{
		strconv.FormatInt(r.ID, 10), date, r.EventType, r.Mode, r.CAMEO,
		formatFloat(r.Goldstein), strconv.FormatInt(r.QuadClass, 10),
		r.ActorCode, r.ActorNames, r.RecipientCode, r.RecipientNames,
		r.Place, r.Country, formatOptFloat(r.Lat), formatOptFloat(r.Lon),
		strconv.FormatInt(r.NumMentions, 10), strconv.FormatInt(r.NumArticles, 10), strconv.FormatInt(r.NumSources, 10),
		formatFloat(r.Confidence),
		r.SourceURL, r.Outlet, r.Evidence,
	}
}

const secondsPerDay = 24 * 60 * 60

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func formatOptFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return formatFloat(*f)
}

func writeCSV(ctx context.Context, db *sql.DB, f query.Filter, w io.Writer) (int, error) {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180 line breaks
	if err := cw.Write(Columns); err != nil {
		return 0, fmt.Errorf("write header: %w", err)
	}
	n := 0
	err := eachEvent(ctx, db, f, func(ev query.Event) error {
		if err := cw.Write(NewRow(ev).record()); err != nil {
			return fmt.Errorf("event %d: write: %w", ev.ID, err)
		}
		n++
		return nil
	})
	if err != nil {
		return n, err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, fmt.Errorf("write: %w", err)
	}
	return n, nil
}
