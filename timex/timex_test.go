package timex

import (
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/warta-id/warta/data"
	"github.com/warta-id/warta/doc"
)

var wib = time.FixedZone("WIB", 7*3600)

func pub(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, wib)
	if err != nil {
		panic(err)
	}
	return t.Add(10 * time.Hour)
}

const (
	thu = "2023-01-05" // Thursday
	wed = "2022-12-28" // Wednesday
	tue = "2023-01-03" // Tuesday
)

type row struct {
	expr  string
	pub   string // publication date; "" = unknown (zero time)
	text  string // expected span; "" = expr itself; "-" = no expression
	date  string
	prec  string
	past  bool
	wdmis bool
}

const (
	D = doc.PrecisionDay
	W = doc.PrecisionWeek
	M = doc.PrecisionMonth
	Y = doc.PrecisionYear
)

var rows = []row{
	// weekday + parenthesised date
	{"Jumat (4/1)", thu, "", "2023-01-04", D, true, true},
	{"Rabu (4/1)", thu, "", "2023-01-04", D, true, false},
	{"pada hari Rabu (4/1)", thu, "hari Rabu (4/1)", "2023-01-04", D, true, false},
	{"Senin (18/8/2016)", thu, "", "2016-08-18", D, true, true},
	{"Kamis (18/8/2016)", thu, "", "2016-08-18", D, true, false},
	{"Kamis (18/8)", thu, "", "2022-08-18", D, true, false},
	{"Kamis (4/1) malam", thu, "", "2023-01-04", D, true, true},
	{"Rabu dini hari (4/1)", thu, "", "2023-01-04", D, true, false},
	{"Rabu, (4/1) siang", thu, "", "2023-01-04", D, true, false},
	{"Jum'at (6/1)", thu, "", "2023-01-06", D, false, false},
	{"JUM’AT (6/1)", thu, "", "2023-01-06", D, false, false},
	{"Rabu (04/01/2023)", thu, "", "2023-01-04", D, true, false},
	{"Rabu (4/1/23)", thu, "", "2023-01-04", D, true, false},
	{"Minggu, 15 Januari 2023", thu, "", "2023-01-15", D, false, false},
	{"Selasa, 16 Januari 2023", thu, "", "2023-01-16", D, false, true},
	{"hari Jumat tanggal 4 Mei 2012", thu, "", "2012-05-04", D, true, false},
	// parenthesised date alone, year choice and rollover
	{"(4/1)", thu, "", "2023-01-04", D, true, false},
	{"(10/1)", thu, "", "2023-01-10", D, false, false},
	{"(28/12)", tue, "", "2022-12-28", D, true, false},
	{"(4/1)", wed, "", "2023-01-04", D, false, false},
	{"Senin (2/1)", wed, "", "2023-01-02", D, false, false},
	{"Sabtu (31/12)", thu, "", "2022-12-31", D, true, false},
	{"Sabtu (31/12) lalu", "2022-12-31", "", "2021-12-31", D, true, true},
	{"(18/8)", "2023-03-01", "", "2022-08-18", D, true, false},
	// leap day
	{"(29/2)", "2024-03-01", "", "2024-02-29", D, true, false},
	{"Kamis (29/2)", "2024-03-01", "", "2024-02-29", D, true, false},
	{"(29/2)", "2023-03-01", "", "2024-02-29", D, false, false},
	{"29/2/2024", thu, "", "2024-02-29", D, false, false},
	{"29 Februari 2023", thu, "Februari 2023", "2023-02-01", M, false, false}, // invalid day: the month stands
	{"Senin (30/2)", thu, "Senin", "2023-01-02", D, true, false},              // invalid date: the weekday stands
	{"Selasa sore, 3 Januari 2023", thu, "", "2023-01-03", D, true, false},
	{"Senin, 4/1", thu, "", "2023-01-04", D, true, true},
	// weekday alone
	{"Senin", thu, "", "2023-01-02", D, true, false},
	{"Kamis", thu, "", "2023-01-05", D, false, false},
	{"Kamis lalu", thu, "", "2022-12-29", D, true, false},
	{"pada Selasa", thu, "Selasa", "2023-01-03", D, true, false},
	{"Rabu lalu", thu, "", "2023-01-04", D, true, false},
	{"Kamis malam", thu, "", "2023-01-05", D, false, false},
	{"Jumat pagi", thu, "", "2022-12-30", D, true, false},
	{"Sabtu kemarin", thu, "", "2022-12-31", D, true, false},
	{"Senin depan", thu, "", "2023-01-09", D, false, false},
	{"Kamis depan", thu, "", "2023-01-12", D, false, false},
	{"Jumat mendatang", thu, "", "2023-01-06", D, false, false},
	{"Jumat ini", thu, "", "2023-01-06", D, false, false},
	{"Kamis nanti", thu, "", "2023-01-05", D, false, false},
	{"Ahad", thu, "", "2023-01-01", D, true, false},
	// Minggu: Sunday or week
	{"Minggu (15/1)", thu, "", "2023-01-15", D, false, false},
	{"Minggu (15/1)", "2023-01-16", "", "2023-01-15", D, true, false},
	{"hari Minggu", thu, "", "2023-01-01", D, true, false},
	{"Minggu malam", thu, "", "2023-01-01", D, true, false},
	{"Polisi tiba pada Minggu lalu.", thu, "Minggu lalu", "2023-01-01", D, true, false},
	{"Minggu lalu, polisi tiba.", thu, "Minggu lalu", "2022-12-26", W, true, false},
	{"polisi tiba minggu lalu", thu, "minggu lalu", "2022-12-26", W, true, false},
	{"dua minggu lalu", thu, "", "2022-12-22", W, true, false},
	{"akhir minggu ini", thu, "", "2023-01-07", W, false, false},
	{"di Pasar Minggu", thu, "-", "", "", false, false},
	{"sekolah minggu", thu, "-", "", "", false, false},
	// fixed expressions
	{"hari ini", thu, "", "2023-01-05", D, false, false},
	{"kemarin", thu, "", "2023-01-04", D, true, false},
	{"kemarin malam", thu, "", "2023-01-04", D, true, false},
	{"semalam", thu, "", "2023-01-04", D, true, false},
	{"tadi malam", thu, "", "2023-01-04", D, true, false},
	{"besok", thu, "", "2023-01-06", D, false, false},
	{"besok pagi", thu, "", "2023-01-06", D, false, false},
	{"lusa", thu, "", "2023-01-07", D, false, false},
	{"kemarin lusa", thu, "", "2023-01-03", D, true, false},
	{"kemarin", "2023-01-01", "", "2022-12-31", D, true, false},
	{"besok", "2024-02-28", "", "2024-02-29", D, false, false},
	// counts
	{"dua hari lalu", thu, "", "2023-01-03", D, true, false},
	{"3 hari yang lalu", thu, "", "2023-01-02", D, true, false},
	{"seminggu lalu", thu, "", "2022-12-29", W, true, false},
	{"sepekan lalu", thu, "", "2022-12-29", W, true, false},
	{"dua pekan lalu", thu, "", "2022-12-22", W, true, false},
	{"dua hari lagi", thu, "", "2023-01-07", D, false, false},
	{"dua bulan lalu", thu, "", "2022-11-01", M, true, false},
	{"tiga bulan mendatang", thu, "", "2023-04-01", M, false, false},
	{"dua tahun lalu", thu, "", "2021-01-01", Y, true, false},
	{"setahun silam", thu, "", "2022-01-01", Y, true, false},
	{"beberapa hari lalu", thu, "", "2023-01-02", W, true, false},
	{"beberapa pekan lalu", thu, "", "2022-12-01", M, true, false},
	{"beberapa bulan lalu", thu, "", "2022-01-01", Y, true, false},
	// calendar periods
	{"pekan lalu", thu, "", "2022-12-26", W, true, false},
	{"minggu lalu", thu, "", "2022-12-26", W, true, false},
	{"pekan depan", thu, "", "2023-01-09", W, false, false},
	{"pekan ini", thu, "", "2023-01-02", W, false, false},
	{"awal pekan ini", thu, "", "2023-01-02", W, true, false},
	{"akhir pekan lalu", thu, "", "2022-12-31", W, true, false},
	{"bulan lalu", thu, "", "2022-12-01", M, true, false},
	{"bulan depan", thu, "", "2023-02-01", M, false, false},
	{"bulan ini", thu, "", "2023-01-01", M, false, false},
	{"awal bulan ini", thu, "", "2023-01-01", M, false, false},
	{"awal bulan ini", "2023-01-20", "", "2023-01-01", M, true, false},
	{"akhir bulan lalu", thu, "", "2022-12-21", M, true, false},
	{"tahun lalu", thu, "", "2022-01-01", Y, true, false},
	{"tahun depan", thu, "", "2024-01-01", Y, false, false},
	{"tahun ini", wed, "", "2022-01-01", Y, false, false},
	{"awal tahun ini", thu, "", "2023-01-01", Y, false, false},
	{"akhir tahun ini", wed, "", "2022-10-01", Y, false, false},
	{"akhir tahun nanti", thu, "", "2023-10-01", Y, false, false},
	{"awal bulan nanti", "2023-01-20", "", "2023-02-01", M, false, false},
	{"JAKARTA - Minggu lalu, polisi tiba.", thu, "Minggu lalu", "2022-12-26", W, true, false},
	{"di jalan Sabtu", thu, "-", "", "", false, false},
	{"pertengahan tahun lalu", thu, "", "2022-07-01", Y, true, false},
	// absolute dates and months
	{"18 Mei 2017", thu, "", "2017-05-18", D, true, false},
	{"pada 18 Mei lalu", thu, "18 Mei lalu", "2022-05-18", D, true, false},
	{"18 Mei lalu", "2023-05-20", "", "2023-05-18", D, true, false},
	{"18 Mei", thu, "", "2022-05-18", D, true, false},
	{"18 Mei", "2023-03-01", "", "2023-05-18", D, false, false},
	{"18 Mei tahun lalu", thu, "", "2022-05-18", D, true, false},
	{"4 Oktober mendatang", "2016-10-04", "", "2016-10-04", D, false, false},
	{"tanggal 17 Agustus 1945", thu, "", "1945-08-17", D, true, false},
	{"4 Jan 2023", thu, "", "2023-01-04", D, true, false},
	{"18 Agt", thu, "", "2022-08-18", D, true, false},
	{"Mei 2017", thu, "", "2017-05-01", M, true, false},
	{"Agt 2017", thu, "", "2017-08-01", M, true, false},
	{"Pebruari 2005", thu, "", "2005-02-01", M, true, false},
	{"Mei lalu", thu, "", "2022-05-01", M, true, false},
	{"Januari lalu", thu, "", "2022-01-01", M, true, false},
	{"Mei tahun lalu", thu, "", "2022-05-01", M, true, false},
	{"pertengahan Juni tahun lalu", thu, "", "2022-06-15", M, true, false},
	{"awal Juni", thu, "", "2022-06-01", M, true, false},
	{"awal Oktober mendatang", "2016-10-01", "", "2016-10-01", M, false, false},
	{"akhir Desember 2019", thu, "", "2019-12-21", M, true, false},
	{"pada Desember", thu, "Desember", "2022-12-01", M, true, false},
	{"sejak Januari", thu, "Januari", "2023-01-01", M, false, false},
	{"bulan Februari", thu, "", "2023-02-01", M, false, false},
	{"bulan Agustus", thu, "", "2022-08-01", M, true, false},
	{"November mendatang", thu, "", "2023-11-01", M, false, false},
	// years
	{"tahun 2017", thu, "", "2017-01-01", Y, true, false},
	{"pada 2017", thu, "2017", "2017-01-01", Y, true, false},
	{"pada 2017 lalu", thu, "2017 lalu", "2017-01-01", Y, true, false},
	{"akhir 2019", thu, "", "2019-10-01", Y, true, false},
	{"awal 2018", thu, "", "2018-01-01", Y, true, false},
	{"pertengahan 2024", thu, "", "2024-07-01", Y, false, false},
	{"sejak 1998", thu, "1998", "1998-01-01", Y, true, false},
	{"pada 2017 dan 2018", thu, "2017", "2017-01-01", Y, true, false}, // the first; the second is its own row below
	{"dan 2018", thu, "-", "", "", false, false},                      // "dan" alone licenses no year
	{"mobil keluaran 2012", thu, "2012", "2012-01-01", Y, true, false},
	{"film itu pertama rilis 1984", thu, "1984", "1984-01-01", Y, true, false},
	{"kelahiran 1990", thu, "1990", "1990-01-01", Y, true, false},
	{"dua pekan kedepan", thu, "", "2023-01-19", W, false, false},
	{"sebelum 1945", thu, "1945", "1945-01-01", Y, true, false},
	{"akhir tahun 2019", thu, "", "2019-10-01", Y, true, false},
	// numeric dates
	{"04/01/2023", thu, "", "2023-01-04", D, true, false},
	{"4/1/2023", thu, "", "2023-01-04", D, true, false},
	{"4-1-2023", thu, "", "2023-01-04", D, true, false},
	{"2017-01-04", thu, "", "2017-01-04", D, true, false},
	// unknown publication date: only what carries its own year
	{"18 Mei 2017", "", "", "2017-05-18", D, false, false},
	{"Senin (18/8/2016)", "", "", "2016-08-18", D, false, true},
	{"pada 18 Mei 2017 lalu", "", "18 Mei 2017 lalu", "2017-05-18", D, true, false},
	{"tahun 2017", "", "", "2017-01-01", Y, false, false},
	{"kemarin", "", "-", "", "", false, false},
	{"Jumat (4/1)", "", "-", "", "", false, false},
	{"18 Mei", "", "-", "", "", false, false},
	{"tahun lalu", "", "-", "", "", false, false},
	// a relative day restated by a written date: the date wins
	{"hari ini (3/1)", thu, "", "2023-01-03", D, true, false},
	{"kemarin, (2/1)", thu, "", "2023-01-02", D, true, false},
	{"besok (6/1) pagi", thu, "", "2023-01-06", D, false, false},
	{"pekan lalu (2/1)", thu, "pekan lalu", "2022-12-26", W, true, false},
	{"Selasa kemarin (3/1)", thu, "", "2023-01-03", D, true, false},
	{"Senin lalu (3/1)", thu, "", "2023-01-03", D, true, true},
	{"Kamis ini (5/1) malam", thu, "", "2023-01-05", D, false, false},
	// a weekday that fits a nearer year moves the date there
	{"Senin (2/1) mendatang", "2023-01-04", "", "2023-01-02", D, true, false},
	{"Senin (3/1)", thu, "", "2023-01-03", D, true, true},
	// more cue words for a bare year or month
	{"di 2019", thu, "2019", "2019-01-01", Y, true, false},
	{"sepanjang 2022", thu, "2022", "2022-01-01", Y, true, false},
	{"di Maret", thu, "Maret", "2023-03-01", M, false, false},
	// a number in a name is no count
	{"Expo 2023 bulan depan", thu, "bulan depan", "2023-02-01", M, false, false},
	{"Piala 1 2023 pekan lalu", thu, "pekan lalu", "2022-12-26", W, true, false},
	{"TVRI2 pekan depan", thu, "pekan depan", "2023-01-09", W, false, false},
	// holidays: dated, yearly, from Easter, from another holiday
	{"menjelang Idul Fitri 2017", thu, "Idul Fitri 2017", "2017-06-25", D, true, false},
	{"sampai hari lebaran", "2017-06-20", "hari lebaran", "2017-06-25", D, false, false},
	{"Lebaran lalu", "2017-06-20", "", "2016-07-06", D, true, false},
	{"Lebaran tahun depan", "2017-06-20", "", "2018-06-15", D, false, false},
	{"Hari Raya Idul Adha", "2016-09-01", "", "2016-09-12", D, false, false},
	{"tahun baru Imlek", thu, "", "2023-01-22", D, false, false},
	{"Natal", thu, "", "2022-12-25", D, true, false},
	{"malam tahun baru", wed, "", "2022-12-31", D, false, false},
	{"Paskah 2017", thu, "", "2017-04-16", D, true, false},
	{"Kenaikan Isa Almasih tahun lalu", "2017-06-20", "", "2016-05-05", D, true, false},
	{"malam takbiran", "2017-06-20", "", "2017-06-24", D, false, false},
	{"arus mudik H-7 Lebaran", "2017-06-10", "H-7 Lebaran", "2017-06-18", D, false, false},
	{"H+3 Lebaran", "2017-06-20", "", "2017-06-28", D, false, false},
	{"H - 90 sebelum Idul Fitri", "2017-03-09", "", "2017-03-27", D, false, false},
	{"Idul Fitri 2031", thu, "", "2031-01-01", Y, false, false},
	{"Jumat Agung", "2017-04-10", "", "2017-04-14", D, false, false},
	{"tahun baru Islam", thu, "-", "", "", false, false},
	{"H-7", thu, "-", "", "", false, false},
	// Islamic calendar dates, corrected by the observed holidays
	{"pada 6 Rabiul Akhir 1439 H", "2017-12-20", "6 Rabiul Akhir 1439 H", "2017-12-24", D, false, false},
	{"1 Syawal 1438 Hijriah", "2017-12-20", "", "2017-06-25", D, true, false},
	{"1 Ramadan 1438 H", "2017-12-20", "", "2017-05-27", D, true, false},
	{"1 Muharram", "2017-09-10", "", "2017-09-21", D, false, false},
	{"sejak awal puasa lalu", "2017-06-20", "awal puasa lalu", "2017-05-27", D, true, false},
	{"31 Syawal 1438", thu, "-", "", "", false, false},
	// an age class is no count
	{"timnas U - 21 tahun ini", "2017-07-01", "tahun ini", "2017-01-01", Y, false, false},
	{"timnas U-23 pekan depan", thu, "pekan depan", "2023-01-09", W, false, false},
	// a year counted from the year last named
	{"naik dari tahun sebelumnya", thu, "tahun sebelumnya", "2022-01-01", Y, true, false},
	// a year alone in parentheses, after a title
	{"film Judgement Day (1991) itu", thu, "(1991)", "1991-01-01", Y, true, false},
	{"(2000)", "2017-01-01", "(2000)", "2000-01-01", Y, true, false},
	{"sebanyak (2050) unit", thu, "-", "", "", false, false},
	// a month name set off by commas
	{"di Sirkuit Losail, Qatar, Maret, ia gagal", "2017-04-07", "Maret", "2017-03-01", M, true, false},
	{"Yogyakarta, Maret.", "2017-04-07", "Maret", "2017-03-01", M, true, false},
	{"Qatar, Maret dan", "2017-04-07", "-", "", "", false, false},
	// a transposed year that the weekday confirms
	{"Selasa (13/12/2106)", "2016-12-14", "", "2016-12-13", D, true, false},
	{"Rabu (13/12/2106)", "2016-12-14", "", "2106-12-13", D, false, true},
	// "akan" makes a bare weekday the coming one
	{"Costa akan absen pada pertandingan Sabtu", "2017-01-15", "Sabtu", "2017-01-21", D, false, false},
	{"Costa absen pada pertandingan Sabtu", "2017-01-15", "Sabtu", "2017-01-14", D, true, false},
	{"Ia akan datang. Sabtu", "2017-01-15", "Sabtu", "2017-01-14", D, true, false},
	// not time expressions
	{"1998", thu, "-", "", "", false, false},
	{"3 orang", thu, "-", "", "", false, false},
	{"Rp 1.000", thu, "-", "", "", false, false},
	{"hingga 2000 orang", thu, "-", "", "", false, false},
	{"pasal 4/1", thu, "-", "", "", false, false},
	{"menang 4-1", thu, "-", "", "", false, false},
	{"pukul 10.00 WIB", thu, "-", "", "", false, false},
	{"UU Nomor 20 Tahun 2001", thu, "-", "", "", false, false},
	{"pelatih berusia 37 tahun ini", thu, "-", "", "", false, false},
	{"selama dua hari", thu, "-", "", "", false, false},
	{"baru-baru ini", thu, "-", "", "", false, false},
	{"Juni", thu, "-", "", "", false, false},
	{"Jan dan Mei datang", thu, "-", "", "", false, false},
	{"tahun 1990-an", thu, "-", "", "", false, false},
	{"1/4/1/2023", thu, "-", "", "", false, false},
}

func TestResolveTable(t *testing.T) {
	if len(rows) < 80 {
		t.Fatalf("only %d rows", len(rows))
	}
	for _, r := range rows {
		var p time.Time
		if r.pub != "" {
			p = pub(r.pub)
		}
		got, ok := Resolve(r.expr, p)
		name := r.expr + " @" + r.pub
		if r.text == "-" {
			if ok {
				t.Errorf("%s: found %q (%s), want nothing", name, got.Text, got.Date.Format("2006-01-02"))
			}
			continue
		}
		if !ok {
			t.Errorf("%s: nothing found", name)
			continue
		}
		want := r.text
		if want == "" {
			want = r.expr
		}
		if got.Text != want || r.expr[got.Start:got.End] != got.Text {
			t.Errorf("%s: text %q [%d:%d], want %q", name, got.Text, got.Start, got.End, want)
		}
		if d := got.Date.Format("2006-01-02"); d != r.date || got.Precision != r.prec {
			t.Errorf("%s: %s %s, want %s %s", name, d, got.Precision, r.date, r.prec)
		}
		if got.Past != r.past {
			t.Errorf("%s: past %v, want %v", name, got.Past, r.past)
		}
		if got.WeekdayMismatch != r.wdmis {
			t.Errorf("%s: weekday mismatch %v, want %v", name, got.WeekdayMismatch, r.wdmis)
		}
	}
}

// TestAnaphoricYear checks that "tahun sebelumnya" counts from the year
// last named in the text, not from publication.
func TestAnaphoricYear(t *testing.T) {
	tests := []struct{ text, last, date string }{
		{"Laba kuartal I pada 2016 turun dibandingkan tahun sebelumnya.", "tahun sebelumnya", "2015-01-01"},
		{"Pada awal tahun lalu warga cemas. Jumlah pasien naik dari tahun sebelumnya.", "tahun sebelumnya", "2021-01-01"},
		{"Asuransi hilang pada 2018, naik lagi setahun kemudian.", "setahun kemudian", "2019-01-01"},
		{"Kasus naik dari tahun sebelumnya.", "tahun sebelumnya", "2022-01-01"},
	}
	for _, tt := range tests {
		got := Find(tt.text, pub(thu))
		if len(got) == 0 {
			t.Errorf("%q: nothing found", tt.text)
			continue
		}
		l := got[len(got)-1]
		if l.Text != tt.last || l.Date.Format("2006-01-02") != tt.date || l.Precision != Y {
			t.Errorf("%q: last %q %s %s, want %q %s year", tt.text, l.Text, l.Date.Format("2006-01-02"), l.Precision, tt.last, tt.date)
		}
	}
}

func TestDateLocation(t *testing.T) {
	// 00:30 WIB on 5 January is still 4 January in UTC: the publication's
	// own calendar day counts, and the result is in its location.
	p := time.Date(2023, 1, 5, 0, 30, 0, 0, wib)
	got, ok := Resolve("kemarin", p)
	if !ok || !got.Date.Equal(time.Date(2023, 1, 4, 0, 0, 0, 0, wib)) || got.Date.Location() != wib {
		t.Fatalf("kemarin = %v (%v), want 2023-01-04 00:00 WIB", got.Date, ok)
	}
	got, _ = Resolve("18 Mei 2017", time.Time{})
	if got.Date.Location() != time.UTC {
		t.Errorf("zero publication: location %v, want UTC", got.Date.Location())
	}
}

func TestFindParagraphs(t *testing.T) {
	tests := []struct {
		text string
		want []string // Text of each expression, in order
		date []string
	}{
		{
			"Jakarta, Warta Contoh – Menteri Luar Negeri bertemu duta besar pada Rabu (4/1) malam. " +
				"Pertemuan serupa digelar pekan lalu dan akan diulang bulan depan. Sejak 1998, kedua negara " +
				"telah menandatangani 12 perjanjian; yang terakhir pada 18 Mei 2017.",
			[]string{"Rabu (4/1) malam", "pekan lalu", "bulan depan", "1998", "18 Mei 2017"},
			[]string{"2023-01-04", "2022-12-26", "2023-02-01", "1998-01-01", "2017-05-18"},
		},
		{
			"“Kami datang kemarin,” kata seorang warga, Jum’at (6/1). Sebanyak 2.000 orang hadir; " +
				"pasal 4/1 dibacakan. Akhir pekan lalu hujan turun, dan tahun depan proyek dilanjutkan.",
			[]string{"kemarin", "Jum’at (6/1)", "Akhir pekan lalu", "tahun depan"},
			[]string{"2023-01-04", "2023-01-06", "2022-12-31", "2024-01-01"},
		},
		{
			"Minggu lalu, ribuan orang berunjuk rasa. Pada Minggu (8/1) pagi polisi membubarkan mereka.\n" +
				"Dua minggu lalu situasi masih tenang, kata warga Pasar Minggu.",
			[]string{"Minggu lalu", "Minggu (8/1) pagi", "Dua minggu lalu"},
			[]string{"2022-12-26", "2023-01-08", "2022-12-22"},
		},
		{
			"Sidang ditunda hingga 2000 orang hadir. Pada pertengahan Juni tahun lalu, sebanyak 300 " +
				"warga mengungsi, dan sejak awal 2018 harga naik 3,5 persen menurut UU Nomor 7 Tahun 2014.",
			[]string{"pertengahan Juni tahun lalu", "awal 2018"},
			[]string{"2022-06-15", "2018-01-01"},
		},
		{
			"Target itu dipasang pada 2017 dan 2018, sementara 15 dan 2000 orang lainnya menunggu.",
			[]string{"2017", "2018"},
			[]string{"2017-01-01", "2018-01-01"},
		},
	}
	p := pub(thu)
	for _, tt := range tests {
		got := Find(tt.text, p)
		var texts, dates []string
		for _, e := range got {
			if tt.text[e.Start:e.End] != e.Text {
				t.Errorf("offsets [%d:%d] give %q, Text is %q", e.Start, e.End, tt.text[e.Start:e.End], e.Text)
			}
			texts = append(texts, e.Text)
			dates = append(dates, e.Date.Format("2006-01-02"))
		}
		if strings.Join(texts, "|") != strings.Join(tt.want, "|") || strings.Join(dates, "|") != strings.Join(tt.date, "|") {
			t.Errorf("Find(%.40q…)\n got %q %q\nwant %q %q", tt.text, texts, dates, tt.want, tt.date)
		}
	}
}

func TestFindEmpty(t *testing.T) {
	if got := Find("", pub(thu)); len(got) != 0 {
		t.Errorf("Find(\"\") = %v", got)
	}
	if _, ok := Resolve("tidak ada apa-apa di sini", pub(thu)); ok {
		t.Error("Resolve found something in a text with no time expression")
	}
}

func TestEmbeddedVocabulary(t *testing.T) {
	v, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if v2, _ := Default(); v2 != v {
		t.Error("Default parsed the vocabulary twice")
	}
	b, err := fs.ReadFile(data.FS, VocabularyFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "#") {
		t.Errorf("%s does not start with a # header", VocabularyFile)
	}
	for _, w := range []string{"senin", "minggu", "januari", "agt", "lalu", "kemarin", "pertengahan", "sepekan"} {
		if v.words[w] == nil {
			t.Errorf("embedded vocabulary lacks %q", w)
		}
	}
}

func TestParseVocabularyErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"# ok\nweekday 8 senin\n", "x.txt:2: weekday \"8\": out of range 1-7"},
		{"frobnicate 1 senin\n", "x.txt:1: unknown kind \"frobnicate\""},
		{"\n\nweekday 1\n", "x.txt:3: want KIND VALUE PHRASES"},
		{"part 1:2 awal\n", "x.txt:1: part \"1:2\": want W:D:M"},
		{"month 1 jan1\n", "x.txt:1: \"jan1\" is not a word"},
		{"month 1 januari,\n", "x.txt:1: empty phrase"},
		{"weekday 1 senin\nweekday 2 Senin\n", "x.txt:2: weekday \"senin\" conflicts with line 1"},
		{"cue - pada saat\n", "x.txt:1: cue \"pada saat\": must be a single word"},
		{"rel -1x kemarin\n", "x.txt:1: rel \"-1x\""},
		{"dir sideways lalu\n", "x.txt:1: dir \"sideways\""},
		{"unit fortnight pekan\n", "x.txt:1: unit \"fortnight\""},
		{"daytime 3 pagi\n", "x.txt:1: daytime \"3\": want -"},
		{"month 1 \xff\n", "x.txt:1: invalid UTF-8"},
		{"holiday lebaran lebaran\n", "x.txt:1: holiday \"lebaran\" has no holidaydate line"},
		{"holidaydate x 2017-13-01\n", "x.txt:1: holidaydate x: \"2017-13-01\": want YYYY-MM-DD"},
		{"holidaydate x 2017-01-01, 2017-02-01\n", "x.txt:1: holidaydate x: \"2017-02-01\": a second date in 2017"},
		{"holidaydate x 12-25, easter\n", "x.txt:1: holidaydate x: mixes dated"},
		{"holidaydate x easter+x\n", "x.txt:1: holidaydate x: \"easter+x\""},
		{"holidaydate x 12-25\nholidaydate x 12-26\n", "x.txt:2: holidaydate \"x\": a second line (line 1)"},
		{"holidaydate x y-1\n", "x.txt:1: holidaydate x: \"y\" is not a holiday"},
		{"holiday Two-Words natal\n", "x.txt:1: holiday \"Two-Words\": want a lower-case one-word key"},
		{"anaphor -1d tahun sebelumnya\n", "x.txt:1: anaphor \"-1d\": want a signed number of years"},
		{"hijrianchor x 13:1\n", "x.txt:1: hijrianchor x: want M:D"},
		{"hijrianchor x 9:1\n", "x.txt:1: hijrianchor x (month 9): not a holiday with dated occurrences"},
		{"hijrimonth 13 ramadan\n", "x.txt:1: hijrimonth \"13\": out of range 1-12"},
	}
	for _, tt := range tests {
		_, err := ParseVocabulary("x.txt", strings.NewReader(tt.in))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("ParseVocabulary(%q) error = %v, want prefix %q", tt.in, err, tt.want)
		}
	}
}

func TestVocabularyIsExtensible(t *testing.T) {
	b, err := fs.ReadFile(data.FS, VocabularyFile)
	if err != nil {
		t.Fatal(err)
	}
	extra := "\nrel -1d kemaren\nmonthabbr 8 agus\n"
	v, err := ParseVocabulary("extended", strings.NewReader(string(b)+extra))
	if err != nil {
		t.Fatal(err)
	}
	got := v.Find("Dia datang kemaren, dan pada 17 Agus 1945 Proklamasi dibacakan.", pub(thu))
	if len(got) != 2 || got[0].Text != "kemaren" || got[1].Date.Format("2006-01-02") != "1945-08-17" {
		t.Errorf("extended vocabulary: %+v", got)
	}
	if _, ok := Resolve("kemaren", pub(thu)); ok {
		t.Error("the extension leaked into the default vocabulary")
	}
}
