package dialect

import "testing"

func TestRebind(t *testing.T) {
	tests := []struct {
		d    Dialect
		in   string
		want string
	}{
		{SQLite, "SELECT ? FROM t WHERE a = ?", "SELECT ? FROM t WHERE a = ?"},
		{Postgres, "SELECT ? FROM t WHERE a = ?", "SELECT $1 FROM t WHERE a = $2"},
		{Postgres, "UPDATE e SET n = (SELECT count(*) FROM m WHERE id = ?1) WHERE id = ?1", "UPDATE e SET n = (SELECT count(*) FROM m WHERE id = $1) WHERE id = $1"},
		{Postgres, "SELECT '?', \"a?\" FROM t WHERE x = ? -- what?\nAND y = ?", "SELECT '?', \"a?\" FROM t WHERE x = $1 -- what?\nAND y = $2"},
		{Postgres, "SELECT 'it''s ?' , ?", "SELECT 'it''s ?' , $1"},
		{Postgres, "SELECT 1 - 2, 'unterminated ?", "SELECT 1 - 2, 'unterminated ?"},
		{Postgres, "no placeholders", "no placeholders"},
	}
	for _, tt := range tests {
		if got := Rebind(tt.d, tt.in); got != tt.want {
			t.Errorf("Rebind(%v, %q) = %q, want %q", tt.d, tt.in, got, tt.want)
		}
	}
}

func TestIsPostgres(t *testing.T) {
	for dsn, want := range map[string]bool{
		"postgres://u@127.0.0.1:5432/db": true,
		"postgresql://u@h/db":            true,
		"warta.db":                       false,
		"/tmp/postgres.db":               false,
	} {
		if got := IsPostgres(dsn); got != want {
			t.Errorf("IsPostgres(%q) = %v", dsn, got)
		}
	}
}

func FuzzRebind(f *testing.F) {
	f.Add("SELECT ?, '?', ?2 -- ?\n")
	f.Fuzz(func(t *testing.T, q string) {
		_ = Rebind(Postgres, q) // must not panic
	})
}
