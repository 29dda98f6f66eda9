package timex

import (
	"testing"
	"time"

	"github.com/warta-id/warta/doc"
)

// FuzzFind checks that Find never panics and always returns valid,
// ordered, non-overlapping spans whose Text matches the offsets.
func FuzzFind(f *testing.F) {
	f.Add("Jumat (4/1) malam, pekan lalu dan 18 Mei 2017.", int64(1672887600))
	f.Add("Minggu lalu, pada Minggu (8/1) pagi, dua minggu lalu.", int64(0))
	f.Add("H-7 Lebaran, Idul Fitri 2017, Day (1991), tahun sebelumnya, Qatar, Maret, Selasa (13/12/2106)", int64(1481691015))
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		var p time.Time
		if unix != 0 {
			p = time.Unix(unix%(1<<40), 0).In(wib)
		}
		prev := 0
		for _, e := range Find(text, p) {
			if e.Start < prev || e.End <= e.Start || e.End > len(text) {
				t.Fatalf("bad span [%d:%d] after %d in %q", e.Start, e.End, prev, text)
			}
			if text[e.Start:e.End] != e.Text {
				t.Fatalf("span [%d:%d] is %q, Text %q", e.Start, e.End, text[e.Start:e.End], e.Text)
			}
			switch e.Precision {
			case doc.PrecisionDay, doc.PrecisionWeek, doc.PrecisionMonth, doc.PrecisionYear:
			default:
				t.Fatalf("bad precision %q for %q", e.Precision, e.Text)
			}
			prev = e.End
		}
	})
}
