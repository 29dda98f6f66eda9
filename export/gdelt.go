package export

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/warta-id/warta/query"
)

// GDELTColumns are the 61 columns of the GDELT 2.0 Events table, in order
// (GDELT Event Codebook V2.0). The "gdelt" format writes no header: GDELT's
// files have none; this list is for loaders that need one.
var GDELTColumns = gdeltColumns()

func gdeltColumns() []string {
	cols := []string{"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"}
	for _, a := range []string{"Actor1", "Actor2"} {
		for _, c := range []string{"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
			"Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"} {
			cols = append(cols, a+c)
		}
	}
	cols = append(cols, "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
		"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
	for _, g := range []string{"Actor1Geo_", "Actor2Geo_", "ActionGeo_"} {
		for _, c := range []string{"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"} {
			cols = append(cols, g+c)
		}
	}
	return append(cols, "DATEADDED", "SOURCEURL")
}

// Column indexes of GDELTColumns.
const (
	gID          = 0
	gSQLDate     = 1
	gActor1      = 5  // first of Actor1's ten columns
	gActor2      = 15 // first of Actor2's ten columns
	gIsRoot      = 25
	gEventCode   = 26
	gQuadClass   = 29
	gGoldstein   = 30
	gNumMentions = 31
	gAvgTone     = 34
	gActor1Geo   = 35 // first of Actor1Geo's eight columns
	gActor2Geo   = 43
	gActionGeo   = 51
	gDateAdded   = 59
	gSourceURL   = 60
	gNumColumns  = 61
)

func writeGDELT(ctx context.Context, db *sql.DB, f query.Filter, w io.Writer) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	n := 0
	err := eachEvent(ctx, db, f, func(ev query.Event) error {
		row, err := gdeltRow(ev)
		if err != nil {
			return fmt.Errorf("event %d: %w", ev.ID, err)
		}
		for i, s := range row {
			if i > 0 {
				bw.WriteByte('\t')
			}
			bw.WriteString(s)
		}
		if err := bw.WriteByte('\n'); err != nil {
			return fmt.Errorf("event %d: write: %w", ev.ID, err)
		}
		n++
		return nil
	})
	if err != nil {
		return n, err
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("write: %w", err)
	}
	return n, nil
}

// gdeltRow maps ev to the 61 GDELT columns (see GDELT.md).
func gdeltRow(ev query.Event) ([]string, error) {
	row := make([]string, gNumColumns)
	row[gID] = strconv.FormatInt(ev.ID, 10)
	if d, err := time.Parse(time.DateOnly, ev.Date); err == nil {
		row[gSQLDate] = d.Format("20060102")
		row[gSQLDate+1] = d.Format("200601")
		row[gSQLDate+2] = d.Format("2006")
		// GDELT's FractionDate: YEAR + ((MONTH-1)*30 + DAY)/365.
		frac := float64(d.Year()) + float64((int(d.Month())-1)*30+d.Day())/365
		row[gSQLDate+3] = strconv.FormatFloat(frac, 'f', 4, 64)
	}
	a1, err := gdeltActor(ev.ActorCode, ev.Actors)
	if err != nil {
		return nil, err
	}
	a2, err := gdeltActor(ev.RecipientCode, ev.Recipients)
	if err != nil {
		return nil, err
	}
	copy(row[gActor1:], a1[:])
	copy(row[gActor2:], a2[:])
	// IsRootEvent: GDELT flags events found in the lead paragraph; Warta
	// flags events whose first mention is in the article's first sentence.
	row[gIsRoot] = "0"
	if ev.Evidence.Sentence == 0 {
		row[gIsRoot] = "1"
	}
	row[gEventCode] = ev.CAMEO
	if len(ev.CAMEO) >= 3 {
		row[gEventCode+1] = ev.CAMEO[:3]
	} else {
		row[gEventCode+1] = ev.CAMEO
	}
	if len(ev.CAMEO) >= 2 {
		row[gEventCode+2] = ev.CAMEO[:2]
	}
	if ev.QuadClass >= 1 && ev.QuadClass <= 4 {
		row[gQuadClass] = strconv.Itoa(ev.QuadClass)
	}
	row[gGoldstein] = gdeltFloat(ev.Goldstein)
	row[gNumMentions] = strconv.Itoa(ev.NumMentions)
	row[gNumMentions+1] = strconv.Itoa(ev.NumSources)
	row[gNumMentions+2] = strconv.Itoa(ev.NumArticles)
	row[gAvgTone] = "" // Warta measures no tone
	noGeo := gdeltGeoFields{"0"}
	copy(row[gActor1Geo:], noGeo[:])
	copy(row[gActor2Geo:], noGeo[:])
	geo, err := gdeltGeo(ev.Place)
	if err != nil {
		return nil, err
	}
	copy(row[gActionGeo:], geo[:])
	row[gDateAdded] = gdeltDateAdded(ev.Article.Published)
	row[gSourceURL] = ev.Article.URL
	if row[gSourceURL] == "" {
		// GDELT's SOURCEURL is "the URL or citation" of the first report.
		row[gSourceURL] = ev.Article.Source
	}
	for i, s := range row {
		row[i] = gdeltClean(s)
	}
	return row, nil
}

// gdeltClean keeps tabs and line breaks out of a field.
func gdeltClean(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\r' || r == '\n' }), " ")
}

// gdeltFloat formats a number as GDELT does: at least one decimal ("1.0").
func gdeltFloat(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

// gdeltDateAdded is DATEADDED (YYYYMMDDHHMMSS, UTC) from an article's
// publication time; "" when it is unknown or unreadable.
func gdeltDateAdded(published string) string {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, published); err == nil {
			return t.UTC().Format("20060102150405")
		}
	}
	return ""
}

// cameoTypes maps the PLOVER sectors that CAMEO spells differently (or
// lacks) to GDELT's CAMEO type codes: PLOVER's JRN is CAMEO's MED (media),
// PLOVER's MED is CAMEO's HLH (health), civil society is CAMEO's NGO;
// sectors CAMEO has no code for are left out.
var cameoTypes = map[string]string{"JRN": "MED", "MED": "HLH", "SOC": "NGO", "PRM": "", "PRE": "", "UNK": ""}

// gdeltActorFields are an actor's ten GDELT columns: Code, Name,
// CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code,
// Type1Code, Type2Code, Type3Code.
type gdeltActorFields [10]string

// Warta's non-state actor codes as CAMEO writes them: the code prefix and
// the country, known-group and type columns it fills.
var gdeltGroups = map[string]struct{ prefix, country, knownGroup, typ, name string }{
	"UNO": {"IGOUNO", "", "UNO", "IGO", "United Nations"},
	"EUR": {"IGOEUREEC", "EUR", "EEC", "IGO", "European Union"},
	"IGO": {"IGO", "", "", "IGO", ""},
	"NGO": {"NGO", "", "", "NGO", ""},
	"MNC": {"MNC", "", "", "MNC", ""},
	"ISM": {"IMG", "", "", "IMG", ""},
	"WST": {"WST", "WST", "", "", "The West"},
}

// gdeltActor maps the first actor of an event (the first of codes, the
// ";"-joined codes in the coder's order, with its first sector and name)
// to GDELT's ten actor columns.
func gdeltActor(codes string, actors []query.Actor) (gdeltActorFields, error) {
	var g gdeltActorFields
	code, _, _ := strings.Cut(codes, ";")
	code = strings.TrimSpace(code)
	if code == "" && len(actors) > 0 {
		code = actors[0].Code
	}
	if code == "" {
		return g, nil
	}
	var sector, name string
	for _, a := range actors {
		if a.Code != code {
			continue
		}
		if sector == "" {
			sector = a.Sector
		}
		if name == "" {
			name = a.Name
		}
	}
	const (
		cCode, cName, cCountry, cKnownGroup = 0, 1, 2, 3
		cType1, cType2                      = 7, 8
	)
	if grp, ok := gdeltGroups[code]; ok {
		g[cCode], g[cCountry], g[cKnownGroup], g[cType1] = grp.prefix, grp.country, grp.knownGroup, grp.typ
		if name == "" {
			name = grp.name
		}
	} else {
		g[cCode] = code
		c, ok, err := lookupCountry(code)
		if err != nil {
			return g, err
		}
		if ok {
			g[cCountry] = code
			if name == "" {
				name = c.Name
			}
		}
	}
	if sector != "" {
		if c, ok := cameoTypes[sector]; ok {
			sector = c
		}
	}
	if sector != "" {
		g[cCode] += sector
		if g[cType1] == "" {
			g[cType1] = sector
		} else {
			g[cType2] = sector
		}
	}
	g[cName] = strings.ToUpper(name)
	return g, nil
}

// gdeltGeoFields are a location's eight GDELT columns: Type, FullName,
// CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID.
type gdeltGeoFields [8]string

// GDELT geographic resolutions (Geo_Type).
const (
	geoNone      = "0"
	geoCountry   = "1"
	geoUSCity    = "3"
	geoWorldCity = "4"
)

// gdeltGeo maps an event's place to GDELT's eight geography columns.
func gdeltGeo(p *query.Place) (gdeltGeoFields, error) {
	g := gdeltGeoFields{geoNone}
	if p == nil {
		return g, nil
	}
	c, known, err := lookupCountry(p.Country)
	if err != nil {
		return g, err
	}
	isCountry := known && ((p.GeonameID != 0 && p.GeonameID == c.GeonameID) ||
		(p.GeonameID == 0 && (strings.EqualFold(p.Name, c.Name) || p.Name == "")))
	switch {
	case isCountry:
		g[0] = geoCountry
		g[1] = c.Name
		g[3] = c.FIPS // GDELT gives country-level places their country as ADM1
		g[7] = c.FIPS // … and as FeatureID
	case p.Country == "USA":
		g[0] = geoUSCity
	default:
		g[0] = geoWorldCity
	}
	if !isCountry {
		g[1] = p.Name
		if known && !strings.EqualFold(p.Name, c.Name) {
			g[1] = p.Name + ", " + c.Name
		}
		if p.GeonameID != 0 {
			g[7] = strconv.Itoa(p.GeonameID)
		}
	}
	if known {
		g[2] = c.FIPS
	}
	if p.Lat != nil && p.Lon != nil {
		g[5] = strconv.FormatFloat(*p.Lat, 'f', -1, 64)
		g[6] = strconv.FormatFloat(*p.Lon, 'f', -1, 64)
	}
	return g, nil
}
