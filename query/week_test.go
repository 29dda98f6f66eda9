package query

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
	_ "modernc.org/sqlite"

	"github.com/warta-id/warta/internal/pgtest"
	"github.com/warta-id/warta/store/dialect"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// TestWeekLabelSameInBothDatabases: PostgreSQL's week label is SQLite's
// strftime('%Y-W%W') for every day of twelve years and for the
// malformed whole-length dates Timeline lets through (days past a month's
// end roll over as SQLite's do; what SQLite cannot read is "").
func TestWeekLabelSameInBothDatabases(t *testing.T) {
	dsn := pgtest.URL(t)
	pg, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	lite, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	dates := []string{"2024-02-30", "2024-02-31", "2024-06-31", "2023-02-29", "2024-13-01", "2024-00-10", "2024-06-00", "2024-06-32", "20x4-06-01", "2024/06/01"}
	for d := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2031; d = d.AddDate(0, 0, 1) {
		dates = append(dates, d.Format("2006-01-02"))
	}
	label := func(db *sql.DB, d dialect.Dialect) map[string]string {
		st, err := db.Prepare(dialect.Rebind(d, "SELECT "+weekLabel(d)+" FROM (SELECT CAST(? AS TEXT) AS date) e"))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		out := map[string]string{}
		for _, s := range dates {
			var l string
			if err := st.QueryRow(s).Scan(&l); err != nil {
				t.Fatalf("%v %s: %v", d, s, err)
			}
			out[s] = l
		}
		return out
	}
	want, got := label(lite, dialect.SQLite), label(pg, dialect.Postgres)
	for _, s := range dates {
		if want[s] != got[s] {
			t.Errorf("%s: SQLite %q, PostgreSQL %q", s, want[s], got[s])
		}
	}
	if want["2024-06-03"] != "2024-W23" || want["2023-01-01"] != "2023-W00" || want["2024-13-01"] != "" {
		t.Errorf("SQLite labels: %q %q %q", want["2024-06-03"], want["2023-01-01"], want["2024-13-01"])
	}
}
