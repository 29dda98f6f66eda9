package timex

import (
	"strconv"
	"time"

	"github.com/warta-id/warta/doc"
)

// scanner holds the state of one Find call.
type scanner struct {
	v      *Vocabulary
	text   string
	toks   []token
	hasPub bool
	pub    time.Time // publication day, 00:00 UTC (a civil date)
	// lastYear is the year of the latest expression found so far, the
	// antecedent of "tahun sebelumnya"; 0 before the first.
	lastYear int
}

// res is a resolved expression. Dates are civil dates at 00:00 UTC; Find
// moves them into the publication's location.
type res struct {
	date     time.Time // resolved date
	end      time.Time // last day the expression covers, for Past
	prec     string
	past     bool // an explicit past marker (lalu, kemarin, ...)
	mismatch bool
}

// ---- calendar helpers ----

func civil(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func daysIn(y int, m time.Month) int { return civil(y, m+1, 0).Day() }

func validDay(y, m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m))
}

func isoWeekday(t time.Time) int {
	if w := int(t.Weekday()); w != 0 {
		return w
	}
	return 7
}

func weekStart(t time.Time) time.Time { return t.AddDate(0, 0, 1-isoWeekday(t)) }

func daysBetween(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

func precOf(u unit) string {
	switch u {
	case uWeek:
		return doc.PrecisionWeek
	case uMonth:
		return doc.PrecisionMonth
	case uYear:
		return doc.PrecisionYear
	}
	return doc.PrecisionDay
}

// period returns the first and last day of the calendar week, month or year
// n units away from the publication's.
func (s *scanner) period(u unit, n int) (a, b time.Time) {
	p := s.pub
	switch u {
	case uWeek:
		a = weekStart(p).AddDate(0, 0, 7*n)
		return a, a.AddDate(0, 0, 6)
	case uMonth:
		a = civil(p.Year(), p.Month()+time.Month(n), 1)
		return a, a.AddDate(0, 1, -1)
	case uYear:
		a = civil(p.Year()+n, 1, 1)
		return a, civil(p.Year()+n, 12, 31)
	}
	a = p.AddDate(0, 0, n)
	return a, a
}

// coarse returns the period of unit u containing point: for days and weeks
// the point itself (a week is given by a point estimate), for months and
// years the whole calendar period.
func coarse(point time.Time, u unit) res {
	switch u {
	case uMonth:
		a := civil(point.Year(), point.Month(), 1)
		return res{date: a, end: a.AddDate(0, 1, -1), prec: precOf(u)}
	case uYear:
		return res{date: civil(point.Year(), 1, 1), end: civil(point.Year(), 12, 31), prec: precOf(u)}
	}
	return res{date: point, end: point, prec: precOf(u)}
}

// applyPart narrows the period [a, b] of unit u to the part pe ("awal",
// "pertengahan", "akhir"): the date moves to where the part starts, and the
// end to the day before the next part starts.
func (s *scanner) applyPart(pe *entry, u unit, a, b time.Time) (time.Time, time.Time) {
	var x int
	switch u {
	case uWeek:
		x = pe.part[0]
	case uMonth:
		x = pe.part[1]
	case uYear:
		x = pe.part[2]
	default:
		return a, b
	}
	next := s.v.nextPart(u, x)
	switch u {
	case uWeek:
		d := a.AddDate(0, 0, x-1)
		if next != 0 {
			b = a.AddDate(0, 0, next-2)
		}
		return d, b
	case uMonth:
		d := civil(a.Year(), a.Month(), x)
		if next != 0 {
			b = civil(a.Year(), a.Month(), next-1)
		}
		return d, b
	default:
		d := civil(a.Year(), time.Month(x), 1)
		if next != 0 {
			b = civil(a.Year(), time.Month(next), 0)
		}
		return d, b
	}
}

// pick chooses the year of a date or month written without one. span
// returns the period in year y (ok is false when it does not exist, e.g. 29
// February in a common year). With a past direction it takes the latest
// period that ends before publication, with a future direction the first
// that starts after it, with "ini" the publication year; otherwise the
// nearest of the latest period starting on or before publication and the
// first starting after it, where distances after publication count double.
func (s *scanner) pick(d dir, span func(y int) (a, b time.Time, ok bool)) (int, bool) {
	py := s.pub.Year()
	switch d {
	case dPast:
		for y := py; y >= py-8; y-- {
			if _, b, ok := span(y); ok && b.Before(s.pub) {
				return y, true
			}
		}
		return 0, false
	case dFuture, dUpcoming:
		for y := py; y <= py+8; y++ {
			if _, b, ok := span(y); ok && !b.Before(s.pub) {
				return y, true
			}
		}
		return 0, false
	case dCurrent:
		_, _, ok := span(py)
		return py, ok
	}
	past, future := 0, 0
	dp, df := 0, 0
	for y := py; y >= py-8; y-- {
		if a, b, ok := span(y); ok && !a.After(s.pub) {
			past = y
			if b.Before(s.pub) {
				dp = daysBetween(b, s.pub)
			}
			break
		}
	}
	for y := py; y <= py+8; y++ {
		if a, _, ok := span(y); ok && a.After(s.pub) {
			future, df = y, daysBetween(s.pub, a)
			break
		}
	}
	switch {
	case past == 0 && future == 0:
		return 0, false
	case past == 0:
		return future, true
	case future == 0:
		return past, true
	case 2*df < dp:
		return future, true
	}
	return past, true
}

// resolveDMY resolves a day, month and year (ydig = digits written for the
// year: 4, 2, or 0 when no year was written).
func (s *scanner) resolveDMY(d, m, y, ydig int, dr dir) (res, bool) {
	switch ydig {
	case 4:
	case 2:
		y += 2000
		if s.hasPub && y > s.pub.Year()+1 {
			y -= 100
		}
	default:
		if !s.hasPub {
			return res{}, false
		}
		var ok bool
		y, ok = s.pick(dr, func(y int) (time.Time, time.Time, bool) {
			if !validDay(y, m, d) {
				return time.Time{}, time.Time{}, false
			}
			t := civil(y, time.Month(m), d)
			return t, t, true
		})
		if !ok {
			return res{}, false
		}
	}
	if !validDay(y, m, d) {
		return res{}, false
	}
	t := civil(y, time.Month(m), d)
	return res{date: t, end: t, prec: doc.PrecisionDay, past: dr == dPast}, true
}

func (s *scanner) resolveWeekday(w int, dr dir) res {
	pw := isoWeekday(s.pub)
	var t time.Time
	switch dr {
	case dFuture, dUpcoming:
		fwd := (w - pw + 7) % 7
		if fwd == 0 && dr == dFuture {
			fwd = 7
		}
		t = s.pub.AddDate(0, 0, fwd)
	case dCurrent:
		t = weekStart(s.pub).AddDate(0, 0, w-1)
	default:
		back := (pw - w + 7) % 7
		if back == 0 && dr == dPast {
			back = 7
		}
		t = s.pub.AddDate(0, 0, -back)
	}
	return res{date: t, end: t, prec: doc.PrecisionDay, past: dr == dPast}
}

// dirSign is -1 for the past, 1 for the future and 0 otherwise.
func dirSign(d dir) int {
	switch d {
	case dPast:
		return -1
	case dFuture:
		return 1
	}
	return 0
}

// ---- token helpers ----

// adj reports whether token i touches token i-1.
func (s *scanner) adj(i int) bool {
	return i > 0 && i < len(s.toks) && s.toks[i-1].end == s.toks[i].start
}

func (s *scanner) punct(i int, c string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tPunct && s.toks[i].key == c
}

// phrase matches the longest vocabulary phrase of kind k at token i and
// returns its entry and the index after it (nil, i when none matches).
func (s *scanner) phrase(i int, k kind) (*entry, int) {
	if i >= len(s.toks) || !s.toks[i].info.has(k) {
		return nil, i
	}
	for _, e := range s.toks[i].info.entries {
		if e.kind != k {
			continue
		}
		j := i + 1
		for _, w := range e.rest {
			if j >= len(s.toks) || s.toks[j].kind != tWord || s.toks[j].key != w {
				j = -1
				break
			}
			j++
		}
		if j > 0 {
			return e, j
		}
	}
	return nil, i
}

// gluedBefore reports whether number token i continues something numeric
// written before it ("1/4/1", "3.5", "A4").
func (s *scanner) gluedBefore(i int) bool {
	if !s.adj(i) {
		return false
	}
	p := s.toks[i-1]
	switch p.kind {
	case tNum, tBigNum, tWord:
		return true
	}
	switch p.key {
	case "/", ".", ",", ":", "-":
		return true
	}
	return false
}

// gluedAfter reports whether the token before index j (the last of a number
// or date) continues into token j ("4/1/2023/5", "2017-an", "1998an").
func (s *scanner) gluedAfter(j int) bool {
	if !s.adj(j) {
		return false
	}
	n := s.toks[j]
	switch n.kind {
	case tNum, tBigNum, tWord:
		return true
	}
	switch n.key {
	case "/", "-", ":", "%":
		return true
	}
	return false
}

// cueBefore reports whether the word before token i is a cue or a lead word
// ("pada", "sejak", "tahun"), licensing a bare year or month name at i.
func (s *scanner) cueBefore(i int) bool {
	if i == 0 || s.toks[i-1].kind != tWord {
		return false
	}
	info := s.toks[i-1].info
	return info.has(kCue)
}

// coordinatedYear reports whether token i follows "dan", "atau" or
// "serta" after a year: the second year of "pada 2017 dan 2018" needs no
// cue of its own.
func (s *scanner) coordinatedYear(i int) bool {
	if i < 2 || s.toks[i-1].kind != tWord {
		return false
	}
	switch s.toks[i-1].key {
	case "dan", "atau", "serta":
	default:
		return false
	}
	_, ok := s.yearAt(i-2, 1900, 2100)
	return ok
}

// countBefore reports whether a count precedes token i ("66 tahun ini" is
// an age, "dua tahun ini" a duration, not this year).
func (s *scanner) countBefore(i int) bool {
	if i == 0 {
		return false
	}
	p := s.toks[i-1]
	if p.kind == tNum && s.nameNumber(i-1) {
		return false
	}
	return p.kind == tNum || p.kind == tBigNum || p.info.has(kNumber) || p.info.has(kVague)
}

// nameNumber reports whether number token i belongs to a name rather than
// counting what follows: it is glued to a word before it ("BBC2"), it
// follows a single capital letter and a dash ("U - 21"), or it is
// a year-like four-digit number after a capitalised word or another number
// ("CES 2018 bulan depan", "Liga 1 2017 pekan depan").
func (s *scanner) nameNumber(i int) bool {
	t := s.toks[i]
	if i == 0 {
		return false
	}
	p := s.toks[i-1]
	if s.adj(i) && p.kind == tWord {
		return true
	}
	if i >= 2 && (p.key == "-" || p.key == "\u2013") && s.toks[i-2].kind == tWord && s.toks[i-2].cap && s.toks[i-2].end-s.toks[i-2].start == 1 {
		return true // an age class: "U-21", "U - 23"
	}
	if t.ndig != 4 || t.num < 1900 || t.num > 2100 {
		return false
	}
	return p.kind == tNum || (p.kind == tWord && p.cap)
}

// sentenceInitial reports whether token i starts a sentence, a line or the
// text (skipping quotes and opening brackets).
func (s *scanner) sentenceInitial(i int) bool {
	t := s.text[:s.toks[i].start]
	for len(t) > 0 {
		c := t[len(t)-1]
		switch c {
		case ' ', '\t', '\r', '"', '\'', '(', '[':
			t = t[:len(t)-1]
			continue
		case '\n', '.', '!', '?', ':', '-':
			return true
		}
		if c < 0x80 {
			return false
		}
		switch {
		case hasSuffix(t, "\u201c"), hasSuffix(t, "\u201d"), hasSuffix(t, "\u2018"), hasSuffix(t, "\u2019"):
			t = t[:len(t)-3]
		case hasSuffix(t, "\u00a0"):
			t = t[:len(t)-2]
		case hasSuffix(t, "\u2013"), hasSuffix(t, "\u2014"):
			return true
		default:
			return false
		}
	}
	return true
}

func hasSuffix(s, suf string) bool { return len(s) >= len(suf) && s[len(s)-len(suf):] == suf }

// sunday decides whether the word at wi that is both a weekday and a unit
// ("Minggu") names the weekday: it does after a lead word ("hari Minggu"),
// before a date ("Minggu (15/1)") or a time of day ("Minggu malam"); never
// after a count or a part ("dua minggu", "akhir minggu"); otherwise only
// when written with a capital, and not when a capitalised "Minggu lalu"
// opens a sentence (there the capital is no evidence).
func (s *scanner) sunday(wi int, lead, dated, daytime, dirNext bool) bool {
	if lead || dated || daytime {
		return true
	}
	if !s.toks[wi].cap {
		return false
	}
	if wi > 0 {
		p := s.toks[wi-1]
		if p.kind == tNum || p.info.has(kNumber) || p.info.has(kVague) || p.info.has(kPart) {
			return false
		}
	}
	return !(dirNext && s.sentenceInitial(wi))
}

// trail reads what may follow a day: a time of day, a direction, and a time
// of day again ("Kamis malam", "Senin lalu", "Jumat (4/1) pagi").
func (s *scanner) trail(j int) (int, bool, dir) {
	daytime := false
	if e, k := s.phrase(j, kDaytime); e != nil {
		daytime, j = true, k
	}
	dr := dNone
	if e, k := s.phrase(j, kDir); e != nil {
		dr, j = e.dir, k
	}
	if e, k := s.phrase(j, kDaytime); e != nil {
		daytime, j = true, k
	}
	return j, daytime, dr
}

// numDate reads d/m, d/m/yy, d/m/yyyy, d-m-yyyy, yyyy-mm-dd or yyyy/mm/dd
// starting at token i. ydig is the number of digits of the written year (0
// when none). Range checks on the day are left to the caller.
func (s *scanner) numDate(i int) (j, d, m, y, ydig int, ok bool) {
	t := s.toks
	if i+2 >= len(t) || t[i].kind != tNum || t[i+2].kind != tNum || t[i+1].kind != tPunct ||
		!s.adj(i+1) || !s.adj(i+2) || s.gluedBefore(i) {
		return
	}
	sep := t[i+1].key
	if sep != "/" && sep != "-" {
		return
	}
	a, b := t[i], t[i+2]
	j = i + 3
	if j+1 < len(t) && t[j].kind == tPunct && t[j].key == sep && s.adj(j) && s.adj(j+1) && t[j+1].kind == tNum {
		c := t[j+1]
		j += 2
		switch {
		case a.ndig == 4 && b.ndig <= 2 && c.ndig <= 2:
			y, m, d, ydig = a.num, b.num, c.num, 4
		case a.ndig <= 2 && b.ndig <= 2 && (c.ndig == 4 || c.ndig == 2):
			d, m, y, ydig = a.num, b.num, c.num, c.ndig
		default:
			return
		}
	} else {
		if sep != "/" || a.ndig > 2 || b.ndig > 2 {
			return
		}
		d, m = a.num, b.num
	}
	if s.gluedAfter(j) || m < 1 || m > 12 || d < 1 || d > 31 {
		return
	}
	return j, d, m, y, ydig, true
}

// parenDate reads "(4/1)", "(18/8/2016)" and the like at token i.
func (s *scanner) parenDate(i int) (j, d, m, y, ydig int, ok bool) {
	if !s.punct(i, "(") {
		return
	}
	j, d, m, y, ydig, ok = s.numDate(i + 1)
	if !ok || !s.punct(j, ")") {
		return 0, 0, 0, 0, 0, false
	}
	return j + 1, d, m, y, ydig, true
}

// yearAt reads a four-digit year at token i within [lo, hi] that is not part
// of a larger number, a range or a quantity ("2000 orang").
func (s *scanner) yearAt(i, lo, hi int) (int, bool) {
	if i >= len(s.toks) {
		return 0, false
	}
	t := s.toks[i]
	if t.kind != tNum || t.ndig != 4 || t.num < lo || t.num > hi || s.gluedBefore(i) || s.gluedAfter(i+1) {
		return 0, false
	}
	if e, _ := s.phrase(i+1, kCounter); e != nil {
		return 0, false
	}
	return t.num, true
}

// ---- rules ----

// Each rule tries to read an expression starting at token i and returns the
// index after it.

func (s *scanner) weekdayRule(i int) (int, res, bool) {
	j := i
	lead := false
	if e, k := s.phrase(j, kLead); e != nil {
		if e.lead != leadWeekday {
			return 0, res{}, false
		}
		lead, j = true, k
	}
	we, k := s.phrase(j, kWeekday)
	if we == nil {
		return 0, res{}, false
	}
	wi := j
	j = k
	r, dj, dated := s.dateAfterWeekday(j, we.n)
	if !dated {
		if e, k := s.phrase(j, kDaytime); e != nil {
			r, dj, dated = s.dateAfterWeekday(k, we.n)
		}
	}
	j2, daytime, dr := s.trail(j)
	if !dated && j2 > j {
		// "Selasa kemarin (20/9)", "Jumat ini (6/10)": the written date
		// follows the direction and decides.
		if pj, pr, ok := s.parenAfter(j2, we.n); ok {
			r, dj, dated = pr, pj, true
		}
	}
	if dated {
		r.mismatch = isoWeekday(r.date) != we.n
		return dj, r, true
	}
	if s.toks[wi].info.has(kUnit) && !s.sunday(wi, lead, false, daytime, dr != dNone) {
		return 0, res{}, false
	}
	if !lead && wi > 0 && s.toks[wi-1].info.has(kNotWeekday) {
		return 0, res{}, false
	}
	if !s.hasPub {
		return 0, res{}, false
	}
	if dr == dNone && s.futureBefore(wi) {
		dr = dUpcoming
	}
	return j2, s.resolveWeekday(we.n, dr), true
}

// futureBefore reports whether the future marker "akan" comes shortly
// before token i in the same sentence ("akan absen pada pertandingan
// Sabtu"): a bare weekday there is the coming one, not the last.
func (s *scanner) futureBefore(i int) bool {
	for k, words := i-1, 0; k >= 0 && words < 6; k-- {
		t := s.toks[k]
		if t.kind == tPunct {
			switch t.key {
			case ".", "!", "?", ";", "\"", "\u201c", "\u201d":
				return false
			}
			continue
		}
		if t.kind == tWord && t.key == "akan" {
			return true
		}
		words++
	}
	return false
}

// dateAfterWeekday reads the date written after weekday w at token j, with
// an optional comma: "(4/1)", "4/1", "18 Agustus 2016", and what trails a
// numeric date ("(4/1) malam", "(4/1) lalu"). A day and month without a year
// take the year in which they fall on w when the usual choice does not
// (see agreeYear).
func (s *scanner) dateAfterWeekday(j, w int) (res, int, bool) {
	if s.punct(j, ",") {
		j++
	}
	dj, d, m, y, yd, ok := s.parenDate(j)
	if !ok {
		dj, d, m, y, yd, ok = s.numDate(j)
	}
	if !ok {
		if mj, mr, ok := s.monthRule(j); ok && mr.prec == doc.PrecisionDay {
			return mr, mj, true
		}
		return res{}, 0, false
	}
	j, _, dr := s.trail(dj)
	if yd == 4 {
		y = s.typoYear(y, d, m, w)
	}
	r, ok := s.resolveDMY(d, m, y, yd, dr)
	if ok && yd == 0 {
		r = s.agreeYear(r, d, m, w)
	}
	return r, j, ok
}

// typoYear corrects a written year that is a slip of the keyboard: when y
// is more than 20 years from publication and swapping two neighbouring
// digits gives a year within a year of publication in which day d of month
// m falls on the written weekday w, that year is meant ("Selasa
// (13/12/2106)" published in December 2016 is 13 December 2016, a
// Tuesday). Otherwise y is returned unchanged.
func (s *scanner) typoYear(y, d, m, w int) int {
	if !s.hasPub || w == 0 || abs(y-s.pub.Year()) <= 20 {
		return y
	}
	digits := []byte(strconv.Itoa(y))
	for k := 0; k+1 < len(digits); k++ {
		digits[k], digits[k+1] = digits[k+1], digits[k]
		c, _ := strconv.Atoi(string(digits))
		digits[k], digits[k+1] = digits[k+1], digits[k]
		if abs(c-s.pub.Year()) <= 1 && validDay(c, m, d) && isoWeekday(civil(c, time.Month(m), d)) == w {
			return c
		}
	}
	return y
}

// agreeYear moves a date written without a year ("Kamis (16/3)") to the
// year before or after the one chosen when the written weekday w holds
// there and not in the chosen year, and the move brings the date nearer to
// publication: a direction word is weaker evidence than a weekday that fits
// (publication dates are often a day or two late, so "Kamis (16/3)
// mendatang" read on Saturday 18 March 2017 is Thursday 16 March 2017, not
// 2018). With "lalu" the date must still fall before publication. A weekday
// that fits no nearer date is a slip and leaves the date alone
// (WeekdayMismatch).
func (s *scanner) agreeYear(r res, d, m, w int) res {
	if w == 0 || isoWeekday(r.date) == w {
		return r
	}
	best := time.Time{}
	dist := abs(daysBetween(s.pub, r.date))
	for _, y := range []int{r.date.Year() - 1, r.date.Year() + 1} {
		if !validDay(y, m, d) {
			continue
		}
		t := civil(y, time.Month(m), d)
		if isoWeekday(t) != w || (r.past && !t.Before(s.pub)) {
			continue
		}
		if dt := abs(daysBetween(s.pub, t)); dt < dist {
			best, dist = t, dt
		}
	}
	if best.IsZero() {
		return r
	}
	r.date, r.end = best, best
	r.past = r.past && best.Before(s.pub)
	return r
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// parenAfter reads a parenthesised date at token j, after an optional
// comma, that restates a relative day ("hari ini (21/7)", "kemarin
// (15/6)"); w is the weekday written before it, or 0.
func (s *scanner) parenAfter(j, w int) (int, res, bool) {
	if s.punct(j, ",") {
		j++
	}
	pj, d, m, y, yd, ok := s.parenDate(j)
	if !ok {
		return 0, res{}, false
	}
	pj, _, _ = s.trail(pj)
	r, ok := s.resolveDMY(d, m, y, yd, dNone)
	if !ok {
		return 0, res{}, false
	}
	if yd == 0 {
		r = s.agreeYear(r, d, m, w)
	}
	return pj, r, true
}

func (s *scanner) parenRule(i int) (int, res, bool) {
	j, d, m, y, yd, ok := s.parenDate(i)
	if !ok {
		return 0, res{}, false
	}
	j, _, dr := s.trail(j)
	r, ok := s.resolveDMY(d, m, y, yd, dr)
	return j, r, ok
}

// numericRule reads a bare numeric date; outside parentheses and without a
// weekday only dates with a four-digit year count.
func (s *scanner) numericRule(i int) (int, res, bool) {
	j, d, m, y, yd, ok := s.numDate(i)
	if !ok || yd != 4 {
		return 0, res{}, false
	}
	r, ok := s.resolveDMY(d, m, y, yd, dNone)
	return j, r, ok
}

func (s *scanner) relRule(i int) (int, res, bool) {
	e, j := s.phrase(i, kRel)
	if e == nil || !s.hasPub || s.countBefore(i) {
		return 0, res{}, false
	}
	if de, k := s.phrase(j, kDaytime); de != nil {
		j = k
	}
	if e.unit == uDay {
		// "hari ini (21/7)", "kemarin (15/6)": the written date restates
		// the day and wins over the publication date, which may be late.
		if pj, r, ok := s.parenAfter(j, 0); ok {
			return pj, r, true
		}
	}
	a, b := s.period(e.unit, e.n)
	return j, res{date: a, end: b, prec: precOf(e.unit), past: e.n < 0}, true
}

func (s *scanner) countRule(i int) (int, res, bool) {
	j := i
	n, vague := 0, false
	var u unit
	if e, k := s.phrase(i, kPrefixed); e != nil {
		n, u, j = e.n, e.unit, k
	} else {
		t := s.toks[i]
		switch {
		case t.kind == tNum:
			if t.ndig > 3 || t.num < 1 || s.gluedBefore(i) || s.gluedAfter(i+1) {
				return 0, res{}, false
			}
			n, j = t.num, i+1
		default:
			if e, k := s.phrase(i, kNumber); e != nil {
				n, j = e.n, k
			} else if e, k := s.phrase(i, kVague); e != nil {
				n, j, vague = e.n, k, true
			} else {
				return 0, res{}, false
			}
		}
		ue, k := s.phrase(j, kUnit)
		if ue == nil {
			return 0, res{}, false
		}
		u, j = ue.unit, k
	}
	dr := dNone
	if e, k := s.phrase(j, kDir); e != nil && e.dir != dCurrent {
		dr, j = e.dir, k
	} else if e, k := s.phrase(j, kCountDir); e != nil {
		dr, j = e.dir, k
	} else {
		return 0, res{}, false
	}
	if !s.hasPub {
		return 0, res{}, false
	}
	if dr == dPast {
		n = -n
	}
	var point time.Time
	switch u {
	case uDay:
		point = s.pub.AddDate(0, 0, n)
	case uWeek:
		point = s.pub.AddDate(0, 0, 7*n)
	case uMonth:
		point = civil(s.pub.Year(), s.pub.Month()+time.Month(n), 1)
	default:
		point = civil(s.pub.Year()+n, 1, 1)
	}
	pu := u
	if vague && pu < uYear {
		pu++
	}
	r := coarse(point, pu)
	r.past = dr == dPast
	return j, r, true
}

func (s *scanner) unitRule(i int) (int, res, bool) {
	j := i
	pe, j := s.phrase(j, kPart)
	ue, k := s.phrase(j, kUnit)
	if ue == nil || ue.unit == uDay {
		return 0, res{}, false
	}
	ui := j
	de, k := s.phrase(k, kDir)
	if de == nil || (pe == nil && s.countBefore(ui)) {
		return 0, res{}, false
	}
	j = k
	if pe == nil && s.toks[ui].info.has(kWeekday) && s.sunday(ui, false, false, false, true) {
		return 0, res{}, false
	}
	if !s.hasPub {
		return 0, res{}, false
	}
	n := dirSign(de.dir)
	a, b := s.period(ue.unit, n)
	if pe != nil {
		a, b = s.applyPart(pe, ue.unit, a, b)
	}
	if de.dir == dUpcoming && b.Before(s.pub) {
		a, b = s.period(ue.unit, 1)
		if pe != nil {
			a, b = s.applyPart(pe, ue.unit, a, b)
		}
	}
	return j, res{date: a, end: b, prec: precOf(ue.unit), past: de.dir == dPast}, true
}

func (s *scanner) monthRule(i int) (int, res, bool) {
	j := i
	pe, j := s.phrase(j, kPart)
	day, hasLeadMonth := 0, false
	if pe == nil {
		c := j
		if e, k := s.phrase(c, kLead); e != nil && e.lead == leadDate {
			c = k
		}
		if c < len(s.toks) && s.toks[c].kind == tNum && s.toks[c].ndig <= 2 && s.toks[c].num >= 1 &&
			s.toks[c].num <= 31 && !s.gluedAfter(c+1) && !(s.gluedBefore(c) && s.toks[c-1].key != "-") {
			day, j = s.toks[c].num, c+1
		}
	}
	if day == 0 {
		if e, k := s.phrase(j, kLead); e != nil && e.lead == leadMonth {
			hasLeadMonth, j = true, k
		}
	}
	me, k := s.phrase(j, kMonth)
	abbr := false
	if me == nil {
		if me, k = s.phrase(j, kMonthAbbr); me == nil {
			return 0, res{}, false
		}
		abbr = true
	}
	mi := j
	j = k
	year, ydir, dr := 0, dNone, dNone
	explicitPast := false
	c := j
	if e, k := s.phrase(c, kLead); e != nil && e.lead == leadYear {
		c = k
	}
	if y, ok := s.yearAt(c, 1000, 2199); ok {
		year, j = y, c+1
		if e, k := s.phrase(j, kDir); e != nil {
			explicitPast, j = e.dir == dPast, k
		}
	} else if ue, k := s.phrase(j, kUnit); ue != nil && ue.unit == uYear {
		if de, k := s.phrase(k, kDir); de != nil {
			ydir, j = de.dir, k
		}
	}
	if year == 0 && ydir == dNone {
		if e, k := s.phrase(j, kDir); e != nil {
			dr, j = e.dir, k
		}
	}
	if abbr && day == 0 && year == 0 {
		return 0, res{}, false
	}
	if day == 0 && year == 0 && ydir == dNone && dr == dNone && pe == nil && !hasLeadMonth && !s.cueBefore(mi) &&
		!s.setOff(mi, j) {
		return 0, res{}, false
	}
	m := me.n
	past := explicitPast || dr == dPast || ydir == dPast
	if day > 0 {
		var r res
		var ok bool
		switch {
		case year != 0:
			r, ok = s.resolveDMY(day, m, year, 4, dNone)
		case ydir != dNone:
			if !s.hasPub {
				return 0, res{}, false
			}
			y := s.pub.Year() + dirSign(ydir)
			r, ok = s.resolveDMY(day, m, y, 4, dNone)
		default:
			r, ok = s.resolveDMY(day, m, 0, 0, dr)
		}
		r.past = past
		return j, r, ok
	}
	span := func(y int) (time.Time, time.Time, bool) {
		a := civil(y, time.Month(m), 1)
		return a, a.AddDate(0, 1, -1), true
	}
	switch {
	case year != 0:
	case ydir != dNone:
		if !s.hasPub {
			return 0, res{}, false
		}
		year = s.pub.Year() + dirSign(ydir)
	default:
		if !s.hasPub {
			return 0, res{}, false
		}
		year, _ = s.pick(dr, span)
	}
	a, b, _ := span(year)
	if pe != nil {
		a, b = s.applyPart(pe, uMonth, a, b)
	}
	return j, res{date: a, end: b, prec: doc.PrecisionMonth, past: past}, true
}

// setOff reports whether the capitalised word at i, ending before j, stands
// between commas or ends a sentence after a comma, as a month name does in
// a dateline-like aside ("di Sirkuit Losail, Qatar, Maret, ...").
func (s *scanner) setOff(i, j int) bool {
	if !s.toks[i].cap || !s.punct(i-1, ",") {
		return false
	}
	return s.punct(j, ",") || s.punct(j, ".") || s.punct(j, ";")
}

// parenYearRule reads a year alone in parentheses, as written after a
// title or name: "Judgement Day (1991)". The year must not be after the
// year following publication.
func (s *scanner) parenYearRule(i int) (int, res, bool) {
	if !s.punct(i, "(") || !s.punct(i+2, ")") {
		return 0, res{}, false
	}
	hi := 2100
	if s.hasPub {
		hi = s.pub.Year() + 1
	}
	y, ok := s.yearAt(i+1, 1900, hi)
	if !ok {
		return 0, res{}, false
	}
	return i + 3, res{date: civil(y, 1, 1), end: civil(y, 12, 31), prec: doc.PrecisionYear}, true
}

// anaphorRule reads "tahun sebelumnya" and the like: a year counted from
// the year of the latest expression before it, or from publication when
// there is none ("periode yang sama tahun sebelumnya" after "kuartal I
// 2016" is 2015).
func (s *scanner) anaphorRule(i int) (int, res, bool) {
	e, j := s.phrase(i, kAnaphor)
	if e == nil || s.countBefore(i) {
		return 0, res{}, false
	}
	base := s.lastYear
	if base == 0 {
		if !s.hasPub {
			return 0, res{}, false
		}
		base = s.pub.Year()
	}
	y := base + e.n
	return j, res{date: civil(y, 1, 1), end: civil(y, 12, 31), prec: doc.PrecisionYear, past: e.n < 0}, true
}

// holidayRule reads a holiday ("Idul Fitri", "hari lebaran", "Natal",
// "Imlek") with what may follow it: a year ("Idul Fitri 2017"), "tahun"
// and a direction ("Lebaran tahun lalu"), or a direction ("Natal lalu").
// Without a year it is the occurrence nearest to publication, as for a
// date without a year; a year whose date is not in the vocabulary gives
// that year (precision year).
func (s *scanner) holidayRule(i int) (int, res, bool) {
	he, j := s.phrase(i, kHoliday)
	if he == nil {
		return 0, res{}, false
	}
	h := s.v.holidays[he.key]
	day := func(t time.Time) res { return res{date: t, end: t, prec: doc.PrecisionDay} }
	c := j
	if e, k := s.phrase(c, kLead); e != nil && e.lead == leadYear {
		c = k
	}
	if y, ok := s.yearAt(c, 1900, 2100); ok {
		t, known := h.on(y)
		if !known {
			if h.dated == nil && h.month == 0 && !h.easter {
				return 0, res{}, false
			}
			return c + 1, res{date: civil(y, 1, 1), end: civil(y, 12, 31), prec: doc.PrecisionYear}, true
		}
		return c + 1, day(t), true
	}
	if !s.hasPub {
		return 0, res{}, false
	}
	if ue, k := s.phrase(j, kUnit); ue != nil && ue.unit == uYear {
		if de, k := s.phrase(k, kDir); de != nil {
			t, known := h.on(s.pub.Year() + dirSign(de.dir))
			if !known {
				return 0, res{}, false
			}
			r := day(t)
			r.past = de.dir == dPast
			return k, r, true
		}
	}
	dr := dNone
	if e, k := s.phrase(j, kDir); e != nil {
		dr, j = e.dir, k
	}
	y, ok := s.pick(dr, func(y int) (time.Time, time.Time, bool) {
		t, ok := h.on(y)
		return t, t, ok
	})
	if !ok {
		return 0, res{}, false
	}
	t, _ := h.on(y)
	r := day(t)
	r.past = dr == dPast
	return j, r, true
}

// holidayOffsetRule reads a day counted from a holiday in the notation
// of Indonesian planners: "H-7 Lebaran" is seven days before Idul Fitri,
// "H+3 Lebaran" three days after, "H - 90 sebelum Idul Fitri" ninety
// before.
func (s *scanner) holidayOffsetRule(i int) (int, res, bool) {
	if !s.toks[i].cap || i+2 >= len(s.toks) || s.toks[i+2].kind != tNum || s.toks[i+2].ndig > 3 {
		return 0, res{}, false
	}
	sign := 1
	switch {
	case s.punct(i+1, "-"), s.punct(i+1, "\u2013"):
		sign = -1
	case s.punct(i+1, "+"):
	default:
		return 0, res{}, false
	}
	n, j := s.toks[i+2].num, i+3
	if j < len(s.toks) && s.toks[j].kind == tWord {
		switch s.toks[j].key {
		case "sebelum", "menjelang", "jelang":
			if sign > 0 {
				return 0, res{}, false
			}
			j++
		case "setelah", "sesudah", "usai", "pasca", "pascalebaran":
			if sign < 0 {
				return 0, res{}, false
			}
			j++
		}
	}
	k, r, ok := s.holidayRule(j)
	if !ok || r.prec != doc.PrecisionDay {
		return 0, res{}, false
	}
	r.date = r.date.AddDate(0, 0, sign*n)
	r.end = r.date
	r.past = false
	return k, r, true
}

// hijriRule reads a date of the Islamic calendar: "6 Rabiul Akhir 1439",
// "1 Syawal 1438 H", "10 Zulhijah 1438 Hijriah", "1 Ramadan" (the year
// nearest to publication). It converts by the tabular Islamic calendar,
// corrected by the observed date of a holiday in the same month where the
// vocabulary anchors one (hijrianchor: 1 Ramadan, 1 Syawal, 10 Zulhijah as
// Indonesia observed them), since observation moves months by a day or so.
func (s *scanner) hijriRule(i int) (int, res, bool) {
	t := s.toks[i]
	if t.kind != tNum || t.ndig > 2 || t.num < 1 || t.num > 30 || s.gluedBefore(i) || s.gluedAfter(i+1) {
		return 0, res{}, false
	}
	me, j := s.phrase(i+1, kHijriMonth)
	if me == nil {
		return 0, res{}, false
	}
	day, month := t.num, me.n
	year := 0
	if j < len(s.toks) && s.toks[j].kind == tNum && s.toks[j].ndig == 4 && s.toks[j].num >= 1300 && s.toks[j].num <= 1600 && !s.gluedAfter(j+1) {
		year, j = s.toks[j].num, j+1
		if j < len(s.toks) && s.toks[j].kind == tWord {
			switch s.toks[j].key {
			case "h", "hijriah", "hijriyah", "hijrah", "ah":
				j++
			}
		}
	}
	if year == 0 {
		if !s.hasPub {
			return 0, res{}, false
		}
		// the Hijri year whose date falls nearest to publication
		approx := (jdnOf(s.pub)-islamicEpoch)*30/10631 + 1
		best, bestDist := time.Time{}, 0
		for y := approx - 1; y <= approx+1; y++ {
			g := s.hijriDate(y, month, day)
			if dist := abs(daysBetween(s.pub, g)); best.IsZero() || dist < bestDist {
				best, bestDist = g, dist
			}
		}
		return j, res{date: best, end: best, prec: doc.PrecisionDay}, true
	}
	g := s.hijriDate(year, month, day)
	return j, res{date: g, end: g, prec: doc.PrecisionDay}, true
}

// islamicEpoch is the Julian day number of 1 Muharram 1 AH in the tabular
// Islamic calendar (civil epoch), minus one.
const islamicEpoch = 1948439

// jdnOf returns the Julian day number of a civil date.
func jdnOf(t time.Time) int { return int(t.Unix()/86400) + 2440588 }

// tabularHijri returns the civil date of day d of month m of Hijri year y
// in the tabular Islamic calendar (civil epoch), which the observed
// Indonesian dates follow within a day or two.
func tabularHijri(y, m, d int) time.Time {
	j := d + (59*(m-1)+1)/2 + (y-1)*354 + (3+11*y)/30 + islamicEpoch - 1
	return time.Unix(int64(j-2440588)*86400, 0).UTC()
}

// hijriDate converts day d of month m of Hijri year y to a civil date by
// the tabular calendar, moved to the observed date where an anchor holiday
// of month m is dated within three days of its tabular date.
func (s *scanner) hijriDate(y, m, d int) time.Time {
	g := tabularHijri(y, m, d)
	if a, ok := s.v.anchors[m]; ok {
		at := tabularHijri(y, m, a.day)
		if obs, ok := s.v.holidays[a.key].on(at.Year()); ok && abs(daysBetween(at, obs)) <= 3 {
			g = g.AddDate(0, 0, daysBetween(at, obs))
		}
	}
	return g
}

func (s *scanner) yearRule(i int) (int, res, bool) {
	j := i
	pe, j := s.phrase(j, kPart)
	lead := false
	if e, k := s.phrase(j, kLead); e != nil && e.lead == leadYear {
		if pe == nil && j > 0 && s.toks[j-1].kind == tNum {
			return 0, res{}, false // "UU Nomor 20 Tahun 2001" cites a law
		}
		lead, j = true, k
	}
	lo, hi := 1000, 2199
	if pe == nil && !lead {
		if !s.cueBefore(i) && !s.coordinatedYear(i) {
			return 0, res{}, false
		}
		lo, hi = 1900, 2100
	}
	y, ok := s.yearAt(j, lo, hi)
	if !ok {
		return 0, res{}, false
	}
	j++
	past := false
	if e, k := s.phrase(j, kDir); e != nil && e.dir != dCurrent {
		past, j = e.dir == dPast, k
	}
	a, b := civil(y, 1, 1), civil(y, 12, 31)
	if pe != nil {
		a, b = s.applyPart(pe, uYear, a, b)
	}
	return j, res{date: a, end: b, prec: doc.PrecisionYear, past: past}, true
}

// longest tries every rule at token i and returns the longest match (end
// index i when none matches).
func (s *scanner) longest(i int) (int, res) {
	best, br := i, res{}
	try := func(j int, r res, ok bool) {
		if ok && j > best {
			best, br = j, r
		}
	}
	t := &s.toks[i]
	switch t.kind {
	case tWord:
		if t.info == nil {
			return i, br
		}
		try(s.weekdayRule(i))
		try(s.relRule(i))
		try(s.countRule(i))
		try(s.unitRule(i))
		try(s.monthRule(i))
		try(s.yearRule(i))
		if t.info.has(kHoliday) {
			try(s.holidayRule(i))
		}
		if t.info.has(kHolidayOffset) {
			try(s.holidayOffsetRule(i))
		}
		if t.info.has(kAnaphor) {
			try(s.anaphorRule(i))
		}
	case tNum:
		try(s.numericRule(i))
		try(s.countRule(i))
		try(s.monthRule(i))
		try(s.yearRule(i))
		if i+1 < len(s.toks) && s.toks[i+1].info.has(kHijriMonth) {
			try(s.hijriRule(i))
		}
	case tPunct:
		if t.key == "(" {
			try(s.parenRule(i))
			try(s.parenYearRule(i))
		}
	}
	return best, br
}
