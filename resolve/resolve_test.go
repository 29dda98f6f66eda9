package resolve_test

import (
	"strings"
	"testing"
	"time"

	"github.com/warta-id/warta/article"
	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/kb"
	"github.com/warta-id/warta/morph"
	"github.com/warta-id/warta/ner"
	"github.com/warta-id/warta/resolve"
	"github.com/warta-id/warta/segment"
)

// TestMentions resolves the mentions of short texts written for this test
// and checks the actors of the mention whose text is given.
func TestMentions(t *testing.T) {
	k, err := kb.Default()
	if err != nil {
		t.Fatal(err)
	}
	an, err := morph.Default()
	if err != nil {
		t.Fatal(err)
	}
	r := &resolve.Resolver{KB: k, Morph: an}
	tests := []struct {
		name, text, mention, want string // want: "CODE/SECTOR[/Name]" joined by "+"
	}{
		{"agent + country + known person", "Menteri Luar Negeri Iran Hossein Amir-Abdollahian tiba.", "Menteri Luar Negeri Iran Hossein Amir-Abdollahian", "IRN/GOV/Hossein Amir-Abdollahian"},
		{"person alone, dated role", "Maduro menyambut tamunya.", "Maduro", "VEN/GOV/Nicolás Maduro"},
		{"country nickname", "Negeri Paman Sam mengecam Iran.", "Negeri Paman Sam", "USA/"},
		{"bloc with agent", "Iran mengkritik pemerintah Barat.", "pemerintah Barat", "WST/GOV"},
		{"organisation", "PBB mendesak kedua pihak berunding.", "PBB", "UNO/GOV"},
		{"kedua negara", "Iran bertemu Venezuela. Kedua negara sepakat.", "Kedua negara", "IRN/+VEN/"},
		{"surname after full mention", "Menteri Luar Negeri Turki Hakan Fidan tiba. Fidan berbicara.", "Fidan", "TUR/GOV/Hakan Fidan"},
		{"pronoun", "Presiden Prancis Emmanuel Macron tiba. Dia berbicara.", "Dia", "FRA/GOV/Emmanuel Macron"},
		{"counterpart from", "Menlu Iran bertemu timpalannya dari Venezuela.", "timpalannya dari Venezuela", "VEN/GOV"},
		{"capital stands for government", "Washington menuduh Teheran.", "Teheran", "IRN/GOV/Iran"},
		{"bare agent takes the story's country", "Polisi Malaysia menangkap dua pria. Polisi juga menyita senjata.", "Polisi", "MYS/COP"},
		{"members take the organisation's sector", "Anggota DPR mengkritik kebijakan itu.", "Anggota DPR", "IDN/LEG"},
		{"role for a place after untuk", "Ahmed Qureshi, Perdana Menteri untuk Azad Kashmir, tiba di Islamabad.", "Perdana Menteri untuk Azad Kashmir", "PAK/GOV"},
		{"person takes the role in apposition", "Polisi India berjaga. Ahmed Qureshi, Perdana Menteri untuk Azad Kashmir, tiba.", "Ahmed Qureshi", "PAK/GOV/Ahmed Qureshi"},
		{"surname after an apposition", "Polisi India berjaga. Ahmed Qureshi, Perdana Menteri untuk Azad Kashmir, tiba. Qureshi berbicara.", "Qureshi", "PAK/GOV/Ahmed Qureshi"},
		{"person after their institution and rank", "Polisi Malaysia berjaga. Direktur Siber Bareskrim Mabes Polri Brigadir Jenderal Hendra Wijaya tiba.", "Jenderal Hendra Wijaya", "IDN/COP/Hendra Wijaya"},
		{"first name after a full mention", "Kadiv Humas Polri Irjen Rudi Hartanto tiba. Rudi berbicara.", "Rudi", "IDN/COP"},
		{"a member of an organisation's branch", "Polisi berjaga. Humas HTI Jabar Luthfi Afandi mengaku kecewa.", "Luthfi Afandi", "IDN/REL/Luthfi Afandi"},
		{"the speaker goes on speaking", "Polisi berjaga. Humas HTI Jabar Luthfi Afandi datang. Menurutnya, kedatangan Hillary Clinton tidak perlu. \"Kami menolak kunjungan itu,\" jelasnya.", "Kami", "IDN/REL"},
		{"counted gunmen are gunmen", "Polisi Kamboja berjaga. Enam orang bersenjata memasuki sekolah itu.", "orang bersenjata", "KHM/UAF"},
		{"counted people are civilians", "Polisi Kamboja berjaga. Enam orang memasuki sekolah itu.", "orang", "KHM/CVL"},
		{"a name goes on through an Arabic article", "Wakil Presiden Irak yang melarikan diri, Tareq al-Hashemi, dihukum.", "Tareq al-Hashemi", "IRQ/GOV/Tareq al-Hashemi"},
		{"called later by the name after the article", "Wakil Presiden Irak yang melarikan diri, Tareq al-Hashemi, dihukum. Hashemi meninggalkan negerinya.", "Hashemi", "IRQ/GOV/Tareq al-Hashemi"},
		{"a speaker's 'mereka' is another group", "Polisi Bangladesh menyebut sebagian dari pengungsi itu masuk lewat perbatasan. \"Mereka memohon kepada kami,\" kata seorang polisi.", "Mereka", "BGD/REF"},
		{"'mereka' outside a quotation stays the last group", "Polisi Bangladesh menyebut sebagian dari pengungsi itu masuk lewat perbatasan. Mereka memohon bantuan.", "Mereka", "BGD/COP"},
		{"role and what it belongs to before the comma", "Polisi mengklarifikasi penangkapan anggota DPRD Pasuruan dari PKS, Ahmad Fauzi Rahman di bandara.", "Ahmad Fauzi Rahman", "IDN/LEG/Ahmad Fauzi Rahman"},
		{"first name after a role before the comma", "Polisi mengklarifikasi penangkapan anggota DPRD Pasuruan dari PKS, Ahmad Fauzi Rahman di bandara. Rahman dijemput polisi.", "Rahman", "IDN/LEG/Ahmad Fauzi Rahman"},
		{"no role when a verb intervenes", "Sementara itu anggota DPRD Pasuruan mengecam penangkapan di Surabaya, Ahmad Fauzi Rahman membantah.", "Ahmad Fauzi Rahman", "IDN/CVL/Ahmad Fauzi Rahman"},
		{"a group of no organisation has no sector", "Polisi menangkap anggota kelompok Abu Hamzah.", "anggota kelompok Abu Hamzah", "IDN/"},
		{"terrorists of a named group stay rebels", "Polisi menangkap sembilan terduga teroris kelompok Abu Hamzah.", "teroris kelompok Abu Hamzah", "IDN/REB"},
		{"protesters are civilians", "Ribuan demonstran berkumpul di Jakarta.", "demonstran", "IDN/CVL"},
		{"a full name with no role is a civilian", "Polisi Malaysia berjaga. Ahmad Fauzan Hakim datang ke pasar.", "Ahmad Fauzan Hakim", "MYS/CVL/Ahmad Fauzan Hakim"},
		{"one unknown word is not taken for a civilian", "Polisi Malaysia berjaga. Koizumike datang.", "Koizumike", "MYS//Koizumike"},
		{"coordinated country shares the role", "Baku tembak antara pasukan Pakistan dan India terjadi.", "India", "IND/MIL"},
		{"role before the comma", "Polisi berjaga. Pengamat politik Universitas Andalas, Rizal Hakim mengatakan hal itu.", "Rizal Hakim", "IDN/EDU/Rizal Hakim"},
		{"first name after a role found before the comma", "Polisi berjaga. Pengamat politik Universitas Andalas, Rizal Hakim mengatakan hal itu. Rizal menambahkan.", "Rizal", "IDN/EDU/Rizal Hakim"},
		{"someone's spokesperson before the comma", "Jurubicara Mahmoud Abbas, Nabil Rudeina, mengecam keputusan itu.", "Nabil Rudeina", "PSE/GOV/Nabil Rudeina"},
		{"an object pronoun is not its clause's subject", "Ribuan pengungsi Rohingya menuju Bangladesh, tapi pemerintah menolak untuk menerima mereka.", "mereka", "MMR/REF"},
		{"mereka after a conjunction is no object", "Iran dan Venezuela sepakat, meski mereka berbeda pendapat.", "mereka", "IRN/+VEN/"},
		{"mereka after menurut is no object", "Iran dan Venezuela bertemu dan menurut mereka hubungan membaik.", "mereka", "IRN/+VEN/"},
		{"a subject pronoun may be everyone named", "Iran dan Venezuela mengatakan mereka akan bekerja sama.", "mereka", "IRN/+VEN/"},
		{"a unit takes its owner's country", "Polisi Thailand berjaga. Satgas 115 milik Susi Pudjiastuti menenggelamkan kapal.", "Satgas 115 milik Susi Pudjiastuti", "IDN/GOV"},
		{"minister title with dan", "Menteri Kelautan dan Perikanan Susi Pudjiastuti tiba.", "Menteri Kelautan dan Perikanan Susi Pudjiastuti", "IDN/GOV/Susi Pudjiastuti"},
		{"a person from a body", "Polisi berjaga. Hariman Sitompul dari Dewan Mahasiswa Universitas Indonesia datang.", "Hariman Sitompul", "IDN/EDU/Hariman Sitompul"},
		{"role right before the comma", "Polisi berjaga. Ahmad Fauzi ingin berdialog dengan PM Jepang, Hiroshi Tanakura yang akan berkunjung.", "Hiroshi Tanakura", "JPN/GOV/Hiroshi Tanakura"},
		{"bare agent in the speaker's clause", "Polisi Malaysia menangkap dua pria. Menteri Luar Negeri Jepang mengatakan pemerintah akan mengirim bantuan.", "pemerintah", "JPN/GOV"},
		{"bare agent without a speech verb keeps the story's country", "Polisi Malaysia menangkap dua pria. Menteri Luar Negeri Jepang tiba dan pemerintah mengirim bantuan.", "pemerintah", "MYS/GOV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &doc.Document{ID: "t", Raw: tt.text, Published: time.Date(2023, 1, 5, 0, 0, 0, 0, time.UTC)}
			article.Clean(d)
			segment.Segment(d)
			an.Lemmatize(d)
			r.Resolve(d)
			var found *doc.Mention
			for i := range d.Mentions {
				if d.Mentions[i].Text == tt.mention {
					found = &d.Mentions[i] // the last one with that text
				}
			}
			if found == nil {
				var all []string
				for _, m := range d.Mentions {
					all = append(all, m.Text)
				}
				t.Fatalf("no mention %q in %q (mentions: %q)", tt.mention, tt.text, all)
			}
			var got []string
			for _, a := range found.Actors {
				s := a.Code + "/" + a.Sector
				if a.Name != "" && strings.Count(tt.want, "/") > strings.Count(tt.want, "+")+1 {
					s += "/" + a.Name
				}
				got = append(got, s)
			}
			if strings.Join(got, "+") != tt.want {
				t.Errorf("%q → %q, want %q (%s)", tt.mention, strings.Join(got, "+"), tt.want, found.Resolution)
			}
		})
	}
	// a facility's name is no person's ("orgheads" in data/resolve/words.txt)
	d := &doc.Document{ID: "t", Raw: "Polisi menjemput Nadir di Bandara Juanda dan Pelabuhan Tanjung Perak.", Published: time.Date(2023, 1, 5, 0, 0, 0, 0, time.UTC)}
	article.Clean(d)
	segment.Segment(d)
	an.Lemmatize(d)
	r.Resolve(d)
	for _, m := range d.Mentions {
		if m.Kind == doc.MentionPerson && (strings.Contains(m.Text, "Bandara") || strings.Contains(m.Text, "Pelabuhan")) {
			t.Errorf("facility taken for a person: %q (%s)", m.Text, m.Resolution)
		}
	}
}

// TestRecognizer checks the names the knowledge base does not know that the
// recogniser decides: a person the word-order rules take for a word, and a
// place that is no actor.
func TestRecognizer(t *testing.T) {
	k, err := kb.Default()
	if err != nil {
		t.Fatal(err)
	}
	an, err := morph.Default()
	if err != nil {
		t.Fatal(err)
	}
	r := &resolve.Resolver{KB: k, Morph: an, NER: ner.Default}
	tests := []struct {
		text, mention string
		person        bool // a person mention, or none at all
	}{
		{"Polisi Indonesia menangkap Sri Rahayu di rumahnya.", "Sri Rahayu", true},
		{"Wilayah Gilgit dan Baltistan mencakup 35 persen wilayah itu.", "Baltistan", false},
	}
	for _, tt := range tests {
		d := &doc.Document{ID: "t", Raw: tt.text, Published: time.Date(2023, 1, 5, 0, 0, 0, 0, time.UTC)}
		article.Clean(d)
		segment.Segment(d)
		an.Lemmatize(d)
		r.Resolve(d)
		found := false
		for _, m := range d.Mentions {
			if m.Text == tt.mention && m.Kind == doc.MentionPerson && len(m.Actors) == 1 {
				found = true
			}
		}
		if found != tt.person {
			t.Errorf("%q in %q: person %v, want %v (mentions %+v)", tt.mention, tt.text, found, tt.person, d.Mentions)
		}
	}
}
