package event_test

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/event"
	"github.com/warta-id/warta/pipeline"
)

func codes(as []doc.Actor) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Code)
	}
	sort.Strings(out)
	return strings.Join(out, "+")
}

// TestCoderRules checks the clause rules of the coder one by one on
// sentences written for this test (an Indonesian story, published
// 2023-03-10).
func TestCoderRules(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text string
		want       string // "TYPE ACTOR>RECIPIENT [flags]" of the first event, or "" for none
	}{
		{"active", "Militer Israel menyerang Gaza.", "ASSAULT ISR>PSE"},
		{"passive with oleh", "Gaza diserang oleh militer Israel.", "ASSAULT ISR>PSE"},
		{"reported speech codes the embedded event", "Menlu Iran mengatakan bahwa Israel menyerang Suriah.", "ASSAULT ISR>SYR"},
		{"negation is flagged", "Rusia tidak menyerang Ukraina.", "ASSAULT RUS>UKR negated"},
		{"hypothetical is flagged", "Jika Rusia menyerang Ukraina, NATO akan bertindak.", "ASSAULT RUS>UKR hypothetical"},
		{"future is flagged", "Presiden Prancis akan mengunjungi Indonesia.", "AGREE FRA>IDN future"},
		{"historical is flagged", "Sebelumnya, Jepang mengecam Korea Utara.", "ACCUSE JPN>PRK historical"},
		{"dated two years back is historical", "Pada tahun 2021, Amerika Serikat menjatuhkan sanksi terhadap Myanmar.", "SANCTION USA>MMR historical"},
		{"coordinated subject, reciprocal", "Iran dan Venezuela sepakat memperkuat kerja sama.", "AGREE IRN>VEN"},
		{"nominal with slots", "Pertemuan antara Presiden Joko Widodo dan Perdana Menteri Jepang berlangsung di Tokyo.", "CONSULT IDN>JPN"},
		{"relative clause subject", "Amerika Serikat, yang telah membuat Iran terkena sanksi, kembali mengecam Teheran.", "SANCTION USA>IRN"},
		{"bloc", "Iran mengkritik negara-negara Barat.", "ACCUSE IRN>WST"},
		{"mutual", "India dan Pakistan saling menuding.", "ACCUSE IND>PAK"},
		{"object after conjoined verb", "Kepala diplomat Iran menyinggung konflik Ukraina dan mengkritik pemerintah Barat.", "ACCUSE IRN>WST"},
		{"arrest without agent: the state where it happened", "Empat pengungsi Suriah ditangkap di Belanda.", "COERCE NLD>SYR"},
		{"a place in another clause is not the jailer", "Ahmad Fauzi dijebloskan ke penjara ketika berusia 15 tahun, dengan tuduhan membunuh tentara Amerika Serikat di Afghanistan.", "ASSAULT IDN>USA"},
		{"a place continuing a locative is no patient", "Warga Malaysia itu tiba di Bandara Juanda, Surabaya, Jawa Timur setelah dideportasi oleh otoritas Turki.", "COERCE TUR>MYS"},
		{"a connective opens the clause", "Indonesia penting bagi AS, makanya Malaysia menolak kunjungan itu.", "REJECT MYS>"},
		{"dyadic type needs a recipient", "Iran mengecam.", ""},
		{"idiom blocked", "Presiden meninggal akibat serangan jantung.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &doc.Document{ID: "t", Raw: "Jakarta - " + tt.text, Published: pub}
			p.Process(d)
			got := ""
			if len(d.Events) > 0 {
				ev := d.Events[0]
				got = ev.EventType + " " + codes(ev.Actor) + ">" + codes(ev.Recipient)
				if event.Reciprocal(ev.EventType) && codes(ev.Actor) > codes(ev.Recipient) {
					got = ev.EventType + " " + codes(ev.Recipient) + ">" + codes(ev.Actor)
				}
				for _, f := range []struct {
					on   bool
					name string
				}{{ev.Negated, "negated"}, {ev.Hypothetical, "hypothetical"}, {ev.Future, "future"}, {ev.Historical, "historical"}} {
					if f.on {
						got += " " + f.name
					}
				}
			}
			if got != tt.want {
				var all []string
				for _, ev := range d.Events {
					all = append(all, ev.EventType+" "+codes(ev.Actor)+">"+codes(ev.Recipient)+" ("+ev.Explanation+")")
				}
				t.Errorf("%s\n got  %q\n want %q\n all: %s", tt.text, got, tt.want, strings.Join(all, "\n      "))
			}
		})
	}
}

func TestNominalObject(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{ID: "t", Raw: "Jakarta - Indonesia mengecam serangan terhadap warga Palestina.", Published: time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC)}
	p.Process(d)
	for _, ev := range d.Events {
		if ev.EventType == "ASSAULT" {
			t.Errorf("the attack condemned is not Indonesia's: %s %s>%s", ev.EventType, codes(ev.Actor), codes(ev.Recipient))
		}
	}
	if len(d.Events) == 0 || d.Events[0].EventType != "ACCUSE" {
		t.Errorf("want the ACCUSE event, got %d events", len(d.Events))
	}
}

func TestSlotHoldsList(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{ID: "t", Raw: "Jakarta - Jepang mendorong China dan Filipina untuk mematuhi putusan itu.", Published: time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC)}
	p.Process(d)
	if len(d.Events) == 0 || d.Events[0].EventType != "REQUEST" || codes(d.Events[0].Recipient) != "CHN+PHL" {
		var got []string
		for _, ev := range d.Events {
			got = append(got, ev.EventType+" "+codes(ev.Actor)+">"+codes(ev.Recipient))
		}
		t.Errorf("want REQUEST JPN>CHN+PHL, got %v", got)
	}
}

// TestStateSectors checks that states named by their country, and blocs
// named as states, act as their governments, while parties named with a
// sector keep it.
func TestStateSectors(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sectors := func(as []doc.Actor) string {
		var out []string
		for _, a := range as {
			out = append(out, a.Code+"/"+a.Sector)
		}
		return strings.Join(out, "+")
	}
	tests := []struct{ text, want string }{
		{"Indonesia mengecam Israel.", "IDN/GOV>ISR/GOV"},
		{"Warga Iran memprotes Amerika Serikat.", "IRN/CVL>USA/GOV"},
		{"Iran mengkritik negara-negara Barat.", "IRN/GOV>WST/GOV"},
		{"Iran mengkritik Barat.", "IRN/GOV>WST/"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			d := &doc.Document{ID: "t", Raw: "Jakarta - " + tt.text, Published: time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC)}
			p.Process(d)
			if len(d.Events) == 0 {
				t.Fatalf("no event")
			}
			if got := sectors(d.Events[0].Actor) + ">" + sectors(d.Events[0].Recipient); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestVisitorIsActor checks PLOVER's roles for CONSULT visit, which the
// reciprocal scoring of the other tests cannot see: the visitor is the
// actor and the host the recipient, also when the host is the subject.
func TestVisitorIsActor(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC)
	for _, text := range []string{
		"Menteri Luar Negeri Indonesia menerima delegasi Jepang di Jakarta.",
		"Menteri Luar Negeri Indonesia menerima kunjungan Perdana Menteri Jepang di Jakarta.",
		"Perdana Menteri Jepang mengunjungi Indonesia.",
	} {
		d := &doc.Document{ID: "t", Raw: "Jakarta - " + text, Published: pub}
		p.Process(d)
		if len(d.Events) == 0 {
			t.Errorf("%s: no event", text)
			continue
		}
		ev := d.Events[0]
		if got := ev.EventType + " " + codes(ev.Actor) + ">" + codes(ev.Recipient); got != "CONSULT JPN>IDN" && got != "AGREE JPN>IDN" {
			t.Errorf("%s: %s, want the visitor JPN as actor and the host IDN as recipient", text, got)
		}
	}
}
