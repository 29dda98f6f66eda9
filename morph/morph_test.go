package morph

import "testing"

func TestAnalyze(t *testing.T) {
	a, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		word, prefix, root, suffix, clitic string
	}{
		{"menyerang", "meN", "serang", "", ""},
		{"diserang", "di", "serang", "", ""},
		{"serangan", "", "serang", "an", ""},
		{"penyerangan", "peN", "serang", "an", ""},
		{"bertemu", "ber", "temu", "", ""},
		{"menemui", "meN", "temu", "i", ""},
		{"pertemuan", "per", "temu", "an", ""},
		{"pertemuannya", "per", "temu", "an", "nya"},
		{"menyerukan", "meN", "seru", "kan", ""},
		{"mengatakan", "meN", "kata", "kan", ""},
		{"mengkritik", "meN", "kritik", "", ""},
		{"menangkap", "meN", "tangkap", "", ""},
		{"penangkapan", "peN", "tangkap", "an", ""},
		{"memukul", "meN", "pukul", "", ""},
		{"mengecam", "meN", "kecam", "", ""},
		{"berkunjung", "ber", "kunjung", "", ""},
		{"kunjungan", "", "kunjung", "an", ""},
		{"menteri", "", "menteri", "", ""},
		{"negara-negara", "", "negara", "", ""},
		{"sepakat", "", "sepakat", "", ""},
		{"kesepakatan", "ke", "sepakat", "an", ""},
		{"menjatuhkan", "meN", "jatuh", "kan", ""},
		{"bekerja", "", "bekerja", "", ""}, // lexicalised (data/morph/lexicalized.txt)
		{"berada", "ber", "ada", "", ""},
		{"memulai", "meN", "mulai", "", ""},
		{"diberikan", "di", "beri", "kan", ""},
		{"sebagai", "", "sebagai", "", ""},
		{"mengirim", "meN", "kirim", "", ""},
		{"memberikan", "meN", "beri", "kan", ""},
		{"Amir-Abdullahian", "", "amir-abdullahian", "", ""},
		{"dia", "", "dia", "", ""},
	}
	for _, tt := range tests {
		got := a.Analyze(tt.word)
		if got.Prefix != tt.prefix || got.Root != tt.root || got.Suffix != tt.suffix || got.Clitic != tt.clitic {
			t.Errorf("Analyze(%q) = %s-%s-%s +%s, want %s-%s-%s +%s", tt.word, got.Prefix, got.Root, got.Suffix, got.Clitic, tt.prefix, tt.root, tt.suffix, tt.clitic)
		}
	}
}

func TestKey(t *testing.T) {
	a, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	same := [][2]string{{"menyerang", "diserang"}, {"mengecam", "dikecam"}, {"pertemuan", "pertemuannya"}, {"sanksi", "sanksinya"}}
	diff := [][2]string{{"menyerang", "serangan"}, {"menyanksi", "sanksi"}, {"bertemu", "menemukan"}, {"bertemu", "menemui"}, {"pertemuan", "penemuan"}}
	for _, p := range same {
		if a.Analyze(p[0]).Key() != a.Analyze(p[1]).Key() {
			t.Errorf("%s and %s should share a key: %s vs %s", p[0], p[1], a.Analyze(p[0]).Key(), a.Analyze(p[1]).Key())
		}
	}
	for _, p := range diff {
		if a.Analyze(p[0]).Key() == a.Analyze(p[1]).Key() {
			t.Errorf("%s and %s should differ: both %s", p[0], p[1], a.Analyze(p[0]).Key())
		}
	}
}

func BenchmarkAnalyzeUncached(b *testing.B) {
	a, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	words := []string{"menyerukan", "pertemuannya", "penangkapan", "kesepakatan", "Caracas", "negara-negara", "memberikan"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		a.analyze(lower(words[i%len(words)]))
	}
}
