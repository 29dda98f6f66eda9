package pgtest

import (
	"database/sql"
	"os"
	"testing"
)

func TestMain(m *testing.M) { os.Exit(Run(m)) }

func TestURL(t *testing.T) {
	u := URL(t)
	db, err := sql.Open("pgx", u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var one int
	if err := db.QueryRow("SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("SELECT 1 on %s: %d, %v", u, one, err)
	}
	var cfg string
	if err := db.QueryRow("SELECT to_tsvector('simple', 'Menlu Iran bertemu')::text").Scan(&cfg); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %s", u, cfg)
}
