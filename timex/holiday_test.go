package timex

import (
	"math"
	"testing"
	"time"
)

// moonAge returns the days since the mean new moon nearest before t (noon
// UTC), a rough lunar phase good to about 0.6 days.
func moonAge(t time.Time) float64 {
	const synodic = 29.530588853
	ref := time.Date(2000, 1, 6, 18, 14, 0, 0, time.UTC)
	days := t.Add(12*time.Hour).Sub(ref).Hours() / 24
	return math.Mod(math.Mod(days, synodic)+synodic, synodic)
}

// TestHolidayDates checks the dated holidays of the embedded vocabulary
// against the calendars they follow, so that a mistyped year, month or day
// fails: the start of Ramadan, Idul Fitri (1 Syawal) and Idul Adha (10
// Zulhijah) within two days
// of the tabular Islamic calendar; Imlek on a new moon between 21 January
// and 20 February; Nyepi the day after a new moon in March; Waisak on a
// full moon in May or June.
func TestHolidayDates(t *testing.T) {
	v, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	nearMoon := func(age, want float64) float64 {
		d := math.Abs(age - want)
		return math.Min(d, 29.530588853-d)
	}
	checks := map[string]func(time.Time) string{
		"idulfitri":   islamic(10, 1),
		"iduladha":    islamic(12, 10),
		"awalramadan": islamic(9, 1),
		"imlek": func(d time.Time) string {
			if d.Before(civil(d.Year(), 1, 21)) || d.After(civil(d.Year(), 2, 20)) || nearMoon(moonAge(d), 0) > 1.5 {
				return "not a new moon between 21 January and 20 February"
			}
			return ""
		},
		"nyepi": func(d time.Time) string {
			if d.Month() != time.March && d.Month() != time.April || nearMoon(moonAge(d.AddDate(0, 0, -1)), 0) > 1.5 {
				return "not the day after a new moon in March"
			}
			return ""
		},
		"waisak": func(d time.Time) string {
			if d.Month() != time.May && d.Month() != time.June || nearMoon(moonAge(d), 14.765) > 1.5 {
				return "not a full moon in May or June"
			}
			return ""
		},
	}
	for key, check := range checks {
		h := v.holidays[key]
		if h == nil || len(h.dated) < 10 {
			t.Errorf("holiday %s: missing or fewer than 10 dates", key)
			continue
		}
		for y, d := range h.dated {
			if problem := check(d); problem != "" {
				t.Errorf("holiday %s %s (line %d): %s", key, d.Format("2006-01-02"), h.line, problem)
			}
			if d.Year() != y {
				t.Errorf("holiday %s: %s filed under %d", key, d.Format("2006-01-02"), y)
			}
		}
	}
}

// islamic checks a date against day d of month m of the tabular Islamic
// calendar in whichever Hijri year is nearest.
func islamic(m, d int) func(time.Time) string {
	return func(t time.Time) string {
		best := 1 << 30
		for y := 1400; y <= 1500; y++ {
			if diff := daysBetween(tabularHijri(y, m, d), t); abs(diff) < abs(best) {
				best = diff
			}
		}
		if abs(best) > 2 {
			return "more than two days from the tabular Islamic calendar"
		}
		return ""
	}
}
