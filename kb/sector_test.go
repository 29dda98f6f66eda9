package kb_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-id/warta/kb"
)

// TestOverlaySectors checks that an overlay row with a sector that is not
// PLOVER's is refused with its file, line and a hint, and that PLOVER
// sectors load.
func TestOverlaySectors(t *testing.T) {
	tests := []struct {
		name, file, row string
		wantErr         []string // substrings of the error; nil for success
	}{
		{"agent with a PLOVER sector", "agents.tsv", "juru kamera\tJRN\tcamera operator", nil},
		{"agent with a dash", "agents.tsv", "pasukan khusus\t-\tspecial forces", nil},
		{"agent with CAMEO's health code", "agents.tsv", "bidan\tHLH\tmidwives", []string{"agents.tsv:1", `"HLH"`, "MED"}},
		{"organisation with an unknown sector", "orgs.tsv", "IDN\tXYZ\tBadan Contoh\tBC\t", []string{"orgs.tsv:1", `"XYZ"`, "PLOVER sectors"}},
		{"person with NGO as a sector", "people-user.tsv", "\tBudi Contoh\t\tIDN\tNGO\tactivist\t2020\t", []string{"people-user.tsv:1", `"NGO"`, "SOC"}},
		{"person with a PLOVER sector", "people-user.tsv", "\tBudi Contoh\t\tIDN\tSOC\tactivist\t2020\t", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.row+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := kb.LoadWithOverlay(dir)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error for %q", tt.row)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}
