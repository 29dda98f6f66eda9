package idcal

import (
	"testing"
	"time"
)

func TestZoneAndMonths(t *testing.T) {
	for _, tt := range []struct {
		name string
		off  int
	}{{"WIB", 7}, {"wita", 8}, {"Wit", 9}, {"GMT", 0}, {"z", 0}} {
		loc := Zone(tt.name)
		if loc == nil {
			t.Errorf("Zone(%q) = nil", tt.name)
			continue
		}
		if _, off := time.Date(2023, 1, 1, 0, 0, 0, 0, loc).Zone(); off != tt.off*3600 {
			t.Errorf("Zone(%q) offset %d, want %dh", tt.name, off, tt.off)
		}
	}
	if Zone("EST") != nil {
		t.Error("Zone(EST) is not nil")
	}
	for w, m := range map[string]time.Month{"pebruari": time.February, "nop": time.November, "mei": time.May, "agt": time.August} {
		if Months[w] != m {
			t.Errorf("Months[%q] = %v, want %v", w, Months[w], m)
		}
	}
}
