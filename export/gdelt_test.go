package export

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/warta-id/warta/internal/storetest"
	"github.com/warta-id/warta/query"
)

func TestGDELTActor(t *testing.T) {
	cases := []struct {
		name   string
		codes  string
		actors []query.Actor
		want   gdeltActorFields
	}{
		{"none", "", nil, gdeltActorFields{}},
		{"country and sector", "IDN", []query.Actor{{Code: "IDN", Sector: "GOV", Name: "Joko Widodo"}},
			gdeltActorFields{"IDNGOV", "JOKO WIDODO", "IDN", "", "", "", "", "GOV"}},
		{"country only, name from the table", "JPN", []query.Actor{{Code: "JPN"}},
			gdeltActorFields{"JPN", "JAPAN", "JPN"}},
		{"first code in coder order, its first sector", "USA;IDN", []query.Actor{
			{Code: "IDN", Sector: "GOV"}, {Code: "USA", Sector: ""}, {Code: "USA", Sector: "MIL"}},
			gdeltActorFields{"USAMIL", "UNITED STATES", "USA", "", "", "", "", "MIL"}},
		{"UN", "UNO", []query.Actor{{Code: "UNO"}},
			gdeltActorFields{"IGOUNO", "UNITED NATIONS", "", "UNO", "", "", "", "IGO"}},
		{"EU with a sector", "EUR", []query.Actor{{Code: "EUR", Sector: "GOV"}},
			gdeltActorFields{"IGOEUREECGOV", "EUROPEAN UNION", "EUR", "EEC", "", "", "", "IGO", "GOV"}},
		{"NGO", "NGO", []query.Actor{{Code: "NGO", Name: "Amnesty International"}},
			gdeltActorFields{"NGO", "AMNESTY INTERNATIONAL", "", "", "", "", "", "NGO"}},
		{"stateless militants", "ISM", []query.Actor{{Code: "ISM", Sector: "REB"}},
			gdeltActorFields{"IMGREB", "", "", "", "", "", "", "IMG", "REB"}},
		{"the West", "WST", []query.Actor{{Code: "WST"}},
			gdeltActorFields{"WST", "THE WEST", "WST"}},
		{"codes column empty", "", []query.Actor{{Code: "PHL", Sector: "COP"}},
			gdeltActorFields{"PHLCOP", "PHILIPPINES", "PHL", "", "", "", "", "COP"}},
		{"PLOVER's journalists are CAMEO's media", "IDN", []query.Actor{{Code: "IDN", Sector: "JRN"}},
			gdeltActorFields{"IDNMED", "INDONESIA", "IDN", "", "", "", "", "MED"}},
		{"PLOVER's health is CAMEO's HLH", "IDN", []query.Actor{{Code: "IDN", Sector: "MED"}},
			gdeltActorFields{"IDNHLH", "INDONESIA", "IDN", "", "", "", "", "HLH"}},
		{"a sector CAMEO lacks is left out", "UKR", []query.Actor{{Code: "UKR", Sector: "PRE"}},
			gdeltActorFields{"UKR", "UKRAINE", "UKR"}},
		{"unknown code", "XYZ", []query.Actor{{Code: "XYZ"}},
			gdeltActorFields{"XYZ"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := gdeltActor(c.codes, c.actors)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestGDELTGeo(t *testing.T) {
	lat, lon := -6.2, 106.8
	cases := []struct {
		name  string
		place *query.Place
		want  gdeltGeoFields
	}{
		{"no place", nil, gdeltGeoFields{"0"}},
		{"world city", &query.Place{Name: "Jakarta", Country: "IDN", GeonameID: 1642911, Lat: &lat, Lon: &lon},
			gdeltGeoFields{"4", "Jakarta, Indonesia", "ID", "", "", "-6.2", "106.8", "1642911"}},
		{"US city", &query.Place{Name: "Washington", Country: "USA", GeonameID: 4140963},
			gdeltGeoFields{"3", "Washington, United States", "US", "", "", "", "", "4140963"}},
		{"country by geonameid", &query.Place{Name: "Jepang", Country: "JPN", GeonameID: 1861060},
			gdeltGeoFields{"1", "Japan", "JA", "JA", "", "", "", "JA"}},
		{"country by name", &query.Place{Name: "Philippines", Country: "PHL"},
			gdeltGeoFields{"1", "Philippines", "RP", "RP", "", "", "", "RP"}},
		{"no country", &query.Place{Name: "Laut Natuna"},
			gdeltGeoFields{"4", "Laut Natuna"}},
		{"tab in a name", &query.Place{Name: "A\tB", Country: "XKX"},
			gdeltGeoFields{"4", "A\tB, Kosovo", "KV"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := gdeltGeo(c.place)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestGDELTRowFields(t *testing.T) {
	ev := query.Event{ID: 7, EventType: "ASSAULT", CAMEO: "1823", Goldstein: -9.5, QuadClass: 4, Date: "2024-01-01",
		ActorCode: "IDN", Actors: []query.Actor{{Code: "IDN", Sector: "MIL"}},
		Article:  query.ArticleRef{Source: "ANTARA", Published: "2024-01-02T09:15:00+07:00"},
		Evidence: query.Evidence{Sentence: 3, Text: "line\none\ttab"}}
	row, err := gdeltRow(ev)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{
		gID: "7", gSQLDate: "20240101", gSQLDate + 1: "202401", gSQLDate + 2: "2024", gSQLDate + 3: "2024.0027",
		gActor1: "IDNMIL", gActor2: "", gIsRoot: "0",
		gEventCode: "1823", gEventCode + 1: "182", gEventCode + 2: "18", gQuadClass: "4", gGoldstein: "-9.5",
		gAvgTone: "", gActionGeo: "0", gDateAdded: "20240102021500", gSourceURL: "ANTARA",
	}
	for i, v := range want {
		if row[i] != v {
			t.Errorf("%s = %q, want %q", GDELTColumns[i], row[i], v)
		}
	}
	for i, s := range row {
		if strings.ContainsAny(s, "\t\n\r") {
			t.Errorf("%s = %q has a tab or line break", GDELTColumns[i], s)
		}
	}
}

func TestGDELTDateAdded(t *testing.T) {
	cases := []struct{ published, want string }{
		{"2024-06-05T14:30:00+07:00", "20240605073000"},
		{"2024-06-10T00:00:00Z", "20240610000000"},
		{"2024-06-10T23:59:59.5Z", "20240610235959"},
		{"2024-06-10 08:00:00", "20240610080000"},
		{"2024-06-10", "20240610000000"},
		{"", ""},
		{"kemarin", ""},
	}
	for _, c := range cases {
		if got := gdeltDateAdded(c.published); got != c.want {
			t.Errorf("gdeltDateAdded(%q) = %q, want %q", c.published, got, c.want)
		}
	}
}

func TestFIPSTable(t *testing.T) {
	m, err := parseCountries(fipsTSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(m) < 240 {
		t.Errorf("%d countries in fips.tsv", len(m))
	}
	// FIPS 10-4 differs from ISO 3166 alpha-2 for many countries.
	for iso3, fips := range map[string]string{"IDN": "ID", "JPN": "JA", "DEU": "GM", "GBR": "UK", "PHL": "RP",
		"USA": "US", "CHN": "CH", "AUS": "AS", "AUT": "AU", "MYS": "MY", "SGP": "SN", "TLS": "TT", "TWN": "TW",
		"KOR": "KS", "PRK": "KN", "VNM": "VM", "MMR": "BM", "XKX": "KV", "PSE": "WE", "ALA": ""} {
		if c, ok := m[iso3]; !ok || c.FIPS != fips {
			t.Errorf("%s: FIPS %q (found %v), want %q", iso3, c.FIPS, ok, fips)
		}
	}
	for _, bad := range []string{"IDN\tID\n", "IDN\tID\tID\tx\tIndonesia\n"} {
		if _, err := parseCountries(bad); err == nil || !strings.Contains(err.Error(), "fips.tsv line 1") {
			t.Errorf("parseCountries(%q): err = %v", bad, err)
		}
	}
}

// TestParquetRowGroups writes the sample store with small row groups: every
// group but the last is full, and the rows come back in order.
func TestParquetRowGroups(t *testing.T) {
	db := storetest.Build(t).DB()
	defer func(n int) { rowGroupRows = n }(rowGroupRows)
	rowGroupRows = 4
	var buf bytes.Buffer
	n, err := Write(context.Background(), db, query.Filter{}, "parquet", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if n <= rowGroupRows {
		t.Skipf("only %d events: too few for two row groups", n)
	}
	f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	groups := f.RowGroups()
	if want := (n + rowGroupRows - 1) / rowGroupRows; len(groups) != want {
		t.Errorf("%d row groups for %d rows, want %d", len(groups), n, want)
	}
	for i, g := range groups {
		if i < len(groups)-1 && g.NumRows() != int64(rowGroupRows) {
			t.Errorf("row group %d has %d rows, want %d", i, g.NumRows(), rowGroupRows)
		}
	}
	r := parquet.NewGenericReader[Row](bytes.NewReader(buf.Bytes()))
	defer r.Close()
	rows := make([]Row, n)
	got, _ := r.Read(rows)
	if got != n {
		t.Fatalf("read %d rows, want %d", got, n)
	}
	for i := 1; i < n; i++ {
		if rows[i].ID <= rows[i-1].ID {
			t.Errorf("rows out of id order at %d", i)
		}
	}
}
