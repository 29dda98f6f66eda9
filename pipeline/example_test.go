package pipeline_test

import (
	"fmt"
	"time"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/pipeline"
)

// Code a short article: every stage runs over one Document.
func ExamplePipeline_Process() {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		panic(err)
	}
	d := &doc.Document{
		ID:        "contoh",
		Published: time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC),
		Raw: "Jakarta, Warta Dunia – Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri Jepang di Jakarta pada Kamis (7/3).\n" +
			"Baca juga: Rusia Kecam NATO\n" +
			"Polisi menangkap dua pria yang menyerang kantor kedutaan.\n",
	}
	p.Process(d)
	for _, ev := range d.Events {
		fmt.Printf("%s %v → %v on %s (%s)\n", ev.EventType, codes(ev.Actor), codes(ev.Recipient), ev.Date, ev.DateSource)
	}
	// Output:
	// CONSULT [IDN/GOV] → [JPN/GOV] on 2024-03-07 (sentence)
	// COERCE [IDN/COP] → [IDN/CVL] on 2024-03-07 (article)
	// ASSAULT [IDN/CVL] → [] on 2024-03-07 (article)
}

func codes(as []doc.Actor) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Code+"/"+a.Sector)
	}
	return out
}
