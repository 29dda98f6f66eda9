// Package timex finds time expressions in Indonesian news text and resolves
// them against the article's publication date.
//
// It takes a text and a publication time and gives one doc.TimeExpr per
// expression: byte offsets into the text, the text as written, a resolved
// date with a precision (day, week, month or year), and whether the
// expression places the time before publication. Expressions do not overlap,
// come in text order, and at any position the longest one wins.
//
// The vocabulary — weekday and month names, abbreviations, count words,
// units, directions ("lalu", "depan"), fixed expressions ("kemarin"), parts
// ("awal", "pertengahan", "akhir"), and the words that license a bare year —
// lives in data/timex/vocab.txt (embedded through package data), whose header
// documents the format. Matching ignores ASCII case and apostrophes.
//
// # What is recognised
//
//   - Weekday with a date, the house style of Indonesian news: "Jumat (4/1)",
//     "hari Jumat (4/1)", "Senin (18/8/2016)", "Senin, 18 Agustus 2016",
//     "Kamis (4/1) malam"; and a parenthesised date alone, "(4/1)".
//   - Weekday alone: "Senin", "hari Rabu", "Rabu lalu", "Kamis malam",
//     "Sabtu kemarin", "Senin depan", "Jumat ini".
//   - Fixed expressions: "hari ini", "kemarin", "kemarin malam", "semalam",
//     "tadi malam", "besok", "lusa", "kemarin lusa"; a day restated by a
//     parenthesised date is one expression: "hari ini (21/7)", "kemarin
//     (15/6)", "Selasa kemarin (20/9)", "Jumat ini (6/10)".
//   - Counts: "dua hari lalu", "3 hari yang lalu", "seminggu lalu",
//     "sepekan lalu", "dua pekan lalu", "tiga bulan mendatang", "dua hari
//     lagi", "beberapa hari lalu".
//   - Calendar periods: "pekan lalu", "minggu depan", "bulan ini", "tahun
//     lalu", "awal pekan ini", "akhir pekan lalu", "akhir bulan lalu",
//     "awal tahun ini".
//   - Dates and months: "18 Mei 2017", "tanggal 18 Mei", "18 Mei lalu",
//     "18 Mei tahun lalu", "4 Jan 2023", "Mei 2017", "Mei lalu", "Mei tahun
//     lalu", "pertengahan Juni tahun lalu", "awal Juni", "akhir Desember
//     2019", "bulan Mei", "pada Juni".
//   - Years: "tahun 2017", "akhir 2019", "awal 2018", and a bare four-digit
//     year only after a cue word ("pada 2017", "sejak 1998", "di 2018",
//     "sepanjang 2016"; years 1900–2100) and never before a quantity noun ("hingga
//     2000 orang").
//   - Numeric dates: "04/01/2023", "4/1/2023", "4-1-2023", "2017-01-04".
//   - A year alone in parentheses after a title: "Judgement Day (1991)"
//     (not after the year following publication); a month name set off by
//     commas: "di Sirkuit Losail, Qatar, Maret, ...".
//   - Holidays, listed in the vocabulary with the days they fall on:
//     "Idul Fitri 2017", "hari lebaran", "Lebaran tahun lalu", "Hari Raya
//     Idul Adha", "Imlek", "Nyepi", "Waisak", "Natal", "malam tahun baru",
//     "Paskah", "Kenaikan Isa Almasih", "Hari Kemerdekaan"; and days
//     counted from one in planners' notation: "H-7 Lebaran", "H+3 Lebaran".
//   - Years counted from the year last named: "tahun sebelumnya",
//     "setahun kemudian".
//
// The span of an expression includes lead words ("hari", "tanggal", "bulan",
// "tahun"), directions and times of day, and the parentheses of a
// parenthesised date; it excludes cue words such as "pada" and "sejak".
//
// # Resolution rules
//
// Dates are resolved against the publication date in the publication's own
// location, and returned at midnight in that location. When the publication
// time is zero, only expressions that carry their own year are resolved
// ("18 Mei 2017", "Senin (18/8/2016)", "tahun 2017"); relative ones are
// skipped.
//
//   - Day and month without a year ("(4/1)", "18 Mei") take the year that
//     puts the date nearest to publication, preferring the past: the latest
//     occurrence on or before publication is chosen unless the next one is
//     less than half as far away. "(28/12)" published 3 January 2023 is
//     2022-12-28; "(4/1)" published 28 December 2022 is 2023-01-04. With
//     "lalu" the latest date before publication is taken; with "depan",
//     "mendatang" or "nanti" the first that has not passed ("4 Oktober
//     mendatang" published on 4 October is that day); with "tahun lalu"
//     the previous year. 29 February takes the nearest leap year. A
//     two-digit year yy is 20yy, or 19yy when 20yy is more than a year
//     after publication. An impossible date is dropped and what remains
//     is kept: "29 Februari 2023" gives "Februari 2023", "Senin (30/2)"
//     gives "Senin".
//   - A month without a year ("Mei lalu", "awal Juni") follows the same rule
//     at month level.
//   - A written date after a relative day ("hari ini (21/7)", "kemarin
//     (15/6)", "Selasa kemarin (20/9)") decides the date: publication
//     times are often a day or two late, the written date is not.
//   - A written weekday with a date never changes the day and month:
//     WeekdayMismatch is set when the date falls on another weekday. When
//     no year is written, the weekday may pick the year: if it holds in the
//     year before or after the chosen one and that date is nearer to
//     publication, that year is taken ("Kamis (16/3) mendatang" published
//     Saturday 18 March 2017 is 16 March 2017; with "lalu" the date must
//     stay before publication). A weekday that fits no nearer date is a
//     slip and leaves the date alone.
//   - A weekday alone is the latest such day on or before publication; with
//     "lalu" or "kemarin" the latest strictly before it; with "depan",
//     "mendatang" the first strictly after it; with "nanti" the first on or
//     after it; with "ini" the one in the publication's Monday–Sunday week.
//     A weekday after a word listed as notweekday ("Pasar Minggu", "jalan
//     Sabtu") is a name, not a day.
//   - "Minggu" is Sunday after "hari", before a date or a time of day
//     ("Minggu (15/1)", "Minggu malam"), and when capitalised in mid-sentence
//     ("pada Minggu", "Minggu lalu" after a comma); it is the unit week after
//     a count or part ("dua minggu lalu", "akhir minggu ini"), in lower case
//     ("minggu lalu"), and when a capitalised "Minggu lalu/depan/ini" opens a
//     sentence. A lower-case "minggu" alone is not an expression.
//   - Counts of days and weeks give a point estimate: "dua hari lalu" is two
//     days before publication (precision day), "seminggu lalu" seven days
//     before (precision week). Counts of months and years give the calendar
//     month or year: "dua bulan lalu" published 15 March is 1 January,
//     precision month. A vague count ("beberapa") uses the number in the
//     vocabulary (3) and drops the precision one step: "beberapa hari lalu"
//     is three days before, precision week.
//   - Calendar weeks start on Monday: "pekan lalu" is the Monday of the
//     previous week, precision week. Months and years resolve to their first
//     day. "depan" and "mendatang" name the next period, "ini" the current
//     one, and "nanti" the current one unless it (or the named part) has
//     ended: "akhir tahun nanti" is the end of this year. After a count the
//     unit is a duration or an age, not a period: "pelatih 66 tahun ini" and
//     "beberapa hari ini" give nothing. A number that is part of a name is
//     no count: one glued to a word ("BBC2 pekan depan") or a year-like
//     four-digit number after a capitalised word or a number ("CES 2018
//     bulan depan", "Liga 1 2017 pekan depan").
//   - Parts narrow a period; their boundaries come from the vocabulary. As
//     shipped, "awal" is the first day (Monday, the 1st, January), "pertengahan"
//     Wednesday, the 15th or July, and "akhir" the start of the last part:
//     Saturday ("akhir pekan" is the weekend), the 21st, or October. The
//     precision stays that of the period: "pertengahan Juni" is 15 June,
//     precision month; "akhir 2019" is 1 October 2019, precision year.
//   - A holiday without a year is the occurrence nearest to publication,
//     by the rule for a date without a year; with a year whose date the
//     vocabulary lacks it gives that year, precision year.
//   - "tahun sebelumnya" and the like count from the year of the latest
//     expression before them in the text ("laba kuartal I pada 2016 turun
//     dibandingkan tahun sebelumnya" is 2015), or from publication when
//     there is none.
//   - A bare weekday after "akan" in the same sentence ("akan absen pada
//     pertandingan Sabtu") is the first such day on or after publication.
//   - A written year more than 20 years from publication is a slip when
//     swapping two neighbouring digits gives a year within one of
//     publication in which the date falls on the written weekday:
//     "Selasa (13/12/2106)" in December 2016 is 13 December 2016.
//   - Past is true when the expression has a past marker ("lalu", "silam",
//     "kemarin", a negative fixed offset) or when the whole period it names
//     (for a part, the part) ends before the publication day.
//
// # Not recognised
//
// Bare "4/1" outside parentheses and not after a weekday (it is too often a
// ratio, score or article number: "pasal 4/1"); law citations ("UU Nomor 20
// Tahun 2001": a year after "tahun" that follows a number); bare numbers
// ("3 orang",
// "Rp 1.000", "2017" with no cue); vague expressions without a count
// ("baru-baru ini", "belakangan ini", "saat ini", "kini"), which place no
// date; clock times ("pukul 10.00 WIB"); durations without a direction ("dua
// hari", "selama tiga tahun"); days and months relative to the story
// rather than to publication ("sehari sebelumnya", "dua hari kemudian");
// and ranges, of
// which only the parts that stand alone are found ("17-18 Mei" gives "18
// Mei").
package timex

import (
	"sync"
	"time"

	"github.com/warta-id/warta/doc"
)

var tokPool = sync.Pool{New: func() any { s := make([]token, 0, 512); return &s }}

// Find returns every time expression in text, in order and without overlaps,
// resolved against published with the embedded vocabulary (see the package
// comment for the rules). It returns nil if the embedded vocabulary failed
// to load; Default reports why.
func Find(text string, published time.Time) []doc.TimeExpr {
	v, err := Default()
	if err != nil {
		return nil
	}
	return v.Find(text, published)
}

// Resolve resolves a single expression such as "Jumat (4/1)" or "pada 18 Mei
// lalu" against published. It returns the first expression Find finds in
// expr, with offsets into expr, and false when there is none.
func Resolve(expr string, published time.Time) (doc.TimeExpr, bool) {
	v, err := Default()
	if err != nil {
		return doc.TimeExpr{}, false
	}
	return v.Resolve(expr, published)
}

// Find is the package-level Find with vocabulary v.
func (v *Vocabulary) Find(text string, published time.Time) []doc.TimeExpr {
	s := scanner{v: v, text: text}
	loc := time.UTC
	if !published.IsZero() {
		y, m, d := published.Date()
		s.pub, s.hasPub, loc = civil(y, m, d), true, published.Location()
	}
	bp := tokPool.Get().(*[]token)
	s.toks = tokenize(text, v, (*bp)[:0])
	var out []doc.TimeExpr
	for i := 0; i < len(s.toks); {
		j, r := s.longest(i)
		if j <= i {
			i++
			continue
		}
		start, end := s.toks[i].start, s.toks[j-1].end
		out = append(out, doc.TimeExpr{
			Start:           start,
			End:             end,
			Text:            text[start:end],
			Date:            time.Date(r.date.Year(), r.date.Month(), r.date.Day(), 0, 0, 0, 0, loc),
			Precision:       r.prec,
			Past:            r.past || (s.hasPub && r.end.Before(s.pub)),
			WeekdayMismatch: r.mismatch,
		})
		s.lastYear = r.date.Year()
		i = j
	}
	clear(s.toks)
	*bp = s.toks[:0]
	tokPool.Put(bp)
	return out
}

// Resolve is the package-level Resolve with vocabulary v.
func (v *Vocabulary) Resolve(expr string, published time.Time) (doc.TimeExpr, bool) {
	if found := v.Find(expr, published); len(found) > 0 {
		return found[0], true
	}
	return doc.TimeExpr{}, false
}
