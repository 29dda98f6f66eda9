package feed

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	at := func(y int, m time.Month, d, hh, mm, ss int, offHours float64) time.Time {
		return time.Date(y, m, d, hh, mm, ss, 0, time.FixedZone("", int(offHours*3600)))
	}
	tests := []struct {
		in   string
		want time.Time
	}{
		{"Senin, 21 Nov 2022 13:21:00 WIB", at(2022, 11, 21, 13, 21, 0, 7)},
		{"Kamis, 05 Nov 2015 15:56:43 +0700", at(2015, 11, 5, 15, 56, 43, 7)},
		{"21 November 2022 13:21 WIB", at(2022, 11, 21, 13, 21, 0, 7)},
		{"Selasa, 3 Januari 2023 08:00 WITA", at(2023, 1, 3, 8, 0, 0, 8)},
		{"Rabu, 15 Februari 2023 19:45:10 WIT", at(2023, 2, 15, 19, 45, 10, 9)},
		{"Jumat, 10 Maret 2023 - 14:30 WIB", at(2023, 3, 10, 14, 30, 0, 7)},
		{"Jum'at, 7 April 2023 | 09:05 WIB", at(2023, 4, 7, 9, 5, 0, 7)},
		{"Sabtu, 13 Mei 2023 pukul 16.20 WIB", at(2023, 5, 13, 16, 20, 0, 7)},
		{"Minggu, 11 Juni 2023 07:00:00 +0700", at(2023, 6, 11, 7, 0, 0, 7)},
		{"Ahad, 16 Juli 2023 20:10 WIB", at(2023, 7, 16, 20, 10, 0, 7)},
		{"17 Agustus 2023 10:00 WIB", at(2023, 8, 17, 10, 0, 0, 7)},
		{"Kamis, 17 Agu 2023 10:00:00 WIB", at(2023, 8, 17, 10, 0, 0, 7)},
		{"Jum, 18 Agt 2023 11:00:00 WIB", at(2023, 8, 18, 11, 0, 0, 7)},
		{"Sab, 19 Ags 2023 12:00:00 WIB", at(2023, 8, 19, 12, 0, 0, 7)},
		{"Sen, 25 Sep 2023 06:30:00 WIB", at(2023, 9, 25, 6, 30, 0, 7)},
		{"Sel, 31 Okt 2023 23:59:59 WIB", at(2023, 10, 31, 23, 59, 59, 7)},
		{"Rab, 27 Des 2023 01:02:03 WITA", at(2023, 12, 27, 1, 2, 3, 8)},
		{"Kam, 02 Mar 2023 10:00:00 wib", at(2023, 3, 2, 10, 0, 0, 7)},
		{"9 Pebruari 2023 10:00 WIB", at(2023, 2, 9, 10, 0, 0, 7)},
		{"10 Nopember 2023", at(2023, 11, 10, 0, 0, 0, 7)},
		{"1 Jan 2024", at(2024, 1, 1, 0, 0, 0, 7)},
		{"Mon, 21 Nov 2022 06:21:00 GMT", at(2022, 11, 21, 6, 21, 0, 0)},
		{"Tue, 22 Nov 2022 06:21:00 -0500", at(2022, 11, 22, 6, 21, 0, -5)},
		{"Mon, 21 Nov 22 06:21:00 +0000", at(2022, 11, 21, 6, 21, 0, 0)},
		{"2022-11-21T13:21:00+07:00", at(2022, 11, 21, 13, 21, 0, 7)},
		{"2022-11-21T06:21:00Z", at(2022, 11, 21, 6, 21, 0, 0)},
		{"2022-11-21T06:21:00.500Z", at(2022, 11, 21, 6, 21, 0, 0).Add(500 * time.Millisecond)},
		{"2022-11-21 13:21:00", at(2022, 11, 21, 13, 21, 0, 7)},
		{"21/11/2022 13:21", at(2022, 11, 21, 13, 21, 0, 7)},
		{"21-11-2022 13.21 WIB", at(2022, 11, 21, 13, 21, 0, 7)},
		{"21.11.2022", at(2022, 11, 21, 0, 0, 0, 7)},
		{"November 21, 2022 1:21 PM", at(2022, 11, 21, 13, 21, 0, 7)},
		{"21 Nov 2022 13:21 GMT+7", at(2022, 11, 21, 13, 21, 0, 7)},
		{"21 Nov 2022 13:21 (UTC+08:00)", at(2022, 11, 21, 13, 21, 0, 8)},
		{"21 Nov. 2022, 13:21 WIB", at(2022, 11, 21, 13, 21, 0, 7)},
		{"Senin, 29 Februari 2016 10:00 WIB", at(2016, 2, 29, 10, 0, 0, 7)},
		{"  Senin,\t21 Nov 2022\n13:21:00 WIB  ", at(2022, 11, 21, 13, 21, 0, 7)},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if !ok {
			t.Errorf("ParseDate(%q) failed, want %v", tt.in, tt.want)
			continue
		}
		if !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
		_, gotOff := got.Zone()
		_, wantOff := tt.want.Zone()
		if gotOff != wantOff {
			t.Errorf("ParseDate(%q) zone offset %ds, want %ds", tt.in, gotOff, wantOff)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	tests := []string{
		"",
		"kemarin sore",
		"Senin",
		"21 Nov",
		"Nov 2022",
		"31 Februari 2023 10:00 WIB", // no such day
		"29 Februari 2023",           // not a leap year
		"21 Foo 2022 13:21 WIB",      // unknown month
		"21 Nov 2022 13:21 EST",      // zone we do not know: fail rather than guess
		"21 Nov 2022 25:00 WIB",
		"21 Nov 2022 13:61 WIB",
		"21 Nov 2022 13:21 WIB WITA",
		"21 Nov Des 2022",
		"1669011660",
		"2022-13-01",
		"21 Nov 2022 13:21 +2500",
		"21 Nov 2022 13 WIB 2023",
		"13:21 WIB",
	}
	for _, in := range tests {
		if got, ok := ParseDate(in); ok {
			t.Errorf("ParseDate(%q) = %v, want failure", in, got)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"Senin, 21 Nov 2022 13:21:00 WIB", "2022-11-21T13:21:00+07:00", "21/11/2022 13.21", "1:21 pm"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseDate(s)
		if !ok && !got.IsZero() {
			t.Fatalf("ParseDate(%q) failed but returned %v", s, got)
		}
	})
}
