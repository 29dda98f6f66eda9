package dedup

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-id/warta/article"
	"github.com/warta-id/warta/doc"
)

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestContentHash(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"spacing", "Polisi menangkap  dua tersangka.\n\nDi Bekasi.", " polisi menangkap dua tersangka di bekasi ", true},
		{"punctuation-case", "JAKARTA - Harga cabai naik!", "jakarta, harga: cabai naik", true},
		{"nbsp-and-tabs", "Harga\u00a0cabai\tnaik", "harga cabai naik", true},
		{"different-word", "Harga cabai naik", "Harga cabai turun", false},
		{"empty-vs-punct", "", " -- !! ", true},
		{"invalid-utf8", "Harga \xff cabai", "harga cabai", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ha, hb := ContentHash(tt.a), ContentHash(tt.b)
			if len(ha) != 64 {
				t.Fatalf("hash %q is not 64 hex digits", ha)
			}
			if (ha == hb) != tt.same {
				t.Fatalf("ContentHash equal = %v, want %v", ha == hb, tt.same)
			}
		})
	}
	// The hash is the SHA-256 of the normalised text "harga cabai naik".
	if got, want := ContentHash("Harga Cabai, naik!"), "c97f4be5813b153b7cd65d4530593ef892494081b41c1519d9eff0d7a8177740"; got != want {
		t.Fatalf("ContentHash = %s, want %s", got, want)
	}
}

// TestFixtures runs the in-repo articles (testdata/*.txt, written for this
// package) through Sign and an Index at DefaultThreshold.
func TestFixtures(t *testing.T) {
	base := fixture(t, "base.txt")
	exact := strings.ToUpper(strings.ReplaceAll(base, "\n\n", "\n   \n"))
	tests := []struct {
		name   string
		text   string
		dup    bool
		minSim float64 // lower bound on similarity to base (dups only)
	}{
		{"exact-dup", exact, true, 1},
		{"boilerplate", fixture(t, "boilerplate.txt"), true, 0.9},
		{"reordered", fixture(t, "reordered.txt"), true, 0.7},
		{"trimmed", fixture(t, "trimmed.txt"), true, 0.6},
		{"same-story-different-article", fixture(t, "same-story.txt"), false, 0},
	}
	ix := NewIndex(DefaultThreshold)
	ix.Add("base", Sign(base))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Sign(tt.text)
			sim := Sign(base).Similarity(s)
			id, got, ok := ix.Near(s)
			t.Logf("similarity to base %.3f", sim)
			if ok != tt.dup {
				t.Fatalf("Near ok = %v (id %q, sim %.3f), want %v", ok, id, got, tt.dup)
			}
			if tt.dup && (id != "base" || got < tt.minSim || got != sim) {
				t.Fatalf("Near = %q %.3f, want base with ≥ %.2f (direct %.3f)", id, got, tt.minSim, sim)
			}
			if !tt.dup && sim >= 0.15 {
				t.Fatalf("distinct article on the same story has similarity %.3f", sim)
			}
		})
	}
	if ContentHash(exact) != ContentHash(base) {
		t.Error("exact duplicate has a different ContentHash")
	}
}

func TestSignShortAndEmpty(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want float64 // exact expected similarity; -1: only check > 0.5
	}{
		{"empty", "", "", 0},
		{"only-punct", "-- !!", "-- !!", 0},
		{"only-boilerplate", "Baca juga: Harga Cabai Naik", "Baca juga: Harga Cabai Naik", 0},
		{"one-word", "Banjir", "banjir.", 1},
		{"short-same", "Gempa magnitudo 5,2 mengguncang Cianjur pada Senin pagi.", "GEMPA magnitudo 5,2 mengguncang Cianjur pada Senin pagi", 1},
		{"short-dateline", "Jakarta (ANTARA News) - Gempa magnitudo 5,2 mengguncang Cianjur pada Senin pagi, warga berhamburan keluar rumah.",
			"Bandung, Warta Barat – Gempa magnitudo 5,2 mengguncang Cianjur pada Senin pagi, warga berhamburan keluar rumah.", 1},
		{"short-different", "Gempa magnitudo 5,2 mengguncang Cianjur pada Senin pagi.", "Harga cabai rawit di Pasar Johar naik dua kali lipat.", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sign(tt.a).Similarity(Sign(tt.b))
			if math.Abs(got-tt.want) > 1e-9 {
				t.Fatalf("similarity %.3f, want %.3f", got, tt.want)
			}
		})
	}
	if s := Sign(""); s != nil {
		t.Fatalf("Sign(\"\") = %v, want nil", s)
	}
	if s := Sign("Banjir rob melanda Semarang."); len(s) != K {
		t.Fatalf("len(Sign) = %d, want %d", len(s), K)
	}
}

// stablePin holds elements 0, 1 and K-1 of the signature in TestSignStable.
var stablePin = [3]uint32{0xe5b09b4, 0x1d7014f0, 0x19fcd35e}

// TestSignStable pins signature values: Sign must give the same output on
// every run and machine, since signatures are stored.
func TestSignStable(t *testing.T) {
	s := Sign("Pemerintah Provinsi Jawa Tengah menyiapkan 120 pompa air tambahan untuk mengatasi banjir rob.")
	want := []uint32{s[0], s[1], s[K-1]}
	s2 := Sign("pemerintah provinsi jawa tengah menyiapkan 120 pompa air tambahan untuk mengatasi banjir rob")
	for i, v := range []int{0, 1, K - 1} {
		if s2[v] != want[i] {
			t.Fatalf("element %d differs between equivalent texts", v)
		}
	}
	if pinned := [3]uint32{s[0], s[1], s[K-1]}; pinned != stablePin {
		t.Fatalf("signature drifted: got %#v, pinned %#v (raise SignatureVersion if this is intended)", pinned, stablePin)
	}
	// The first k elements of a longer signature are the k-permutation one.
	long := signWords(words("Banjir rob melanda pesisir utara Semarang sejak Selasa malam dan warga mengungsi."), 256)
	short := signWords(words("Banjir rob melanda pesisir utara Semarang sejak Selasa malam dan warga mengungsi."), K)
	if Signature(long[:K]).Similarity(short) != 1 {
		t.Fatal("signature prefix property broken")
	}
}

func TestMarshalBinary(t *testing.T) {
	s := Sign(fixture(t, "base.txt"))
	b, err := s.MarshalBinary()
	if err != nil || len(b) != 1+4*K || b[0] != SignatureVersion {
		t.Fatalf("MarshalBinary: %d bytes, err %v", len(b), err)
	}
	if b[1] != byte(s[0]) || b[4] != byte(s[0]>>24) {
		t.Fatal("not little-endian")
	}
	var back Signature
	if err := back.UnmarshalBinary(b); err != nil || back.Similarity(s) != 1 {
		t.Fatalf("round trip: err %v", err)
	}
	tests := []struct {
		name string
		b    []byte
		ok   bool
	}{
		{"empty", nil, false},
		{"version-only", []byte{SignatureVersion}, true},
		{"bad-version", append([]byte{9}, b[1:]...), false},
		{"bad-length", b[:len(b)-1], false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := Signature{1, 2, 3}
			err := x.UnmarshalBinary(tt.b)
			if (err == nil) != tt.ok {
				t.Fatalf("err %v, want ok=%v", err, tt.ok)
			}
			if err != nil && (!errors.Is(err, ErrBadSignature) || len(x) != 3) {
				t.Fatalf("err %v not ErrBadSignature or receiver changed", err)
			}
		})
	}
	var nilSig Signature
	if b, _ := nilSig.MarshalBinary(); len(b) != 1 {
		t.Fatalf("nil signature encodes to %d bytes", len(b))
	}
	var np *Signature
	if err := np.UnmarshalBinary(b); err == nil {
		t.Fatal("nil receiver accepted")
	}
}

func TestIndex(t *testing.T) {
	base := fixture(t, "base.txt")
	other := fixture(t, "same-story.txt")
	tests := []struct {
		name   string
		adds   []string // id=fixture text key
		query  string
		wantID string
		wantOK bool
	}{
		{"empty-index", nil, "base", "", false},
		{"exact", []string{"a:base"}, "base", "a", true},
		{"tie-first-added", []string{"a:base", "b:base"}, "base", "a", true},
		{"best-not-first", []string{"x:trimmed", "y:base"}, "base", "y", true},
		{"no-match", []string{"a:other"}, "base", "", false},
		{"replaced-id", []string{"a:base", "a:other"}, "base", "", false},
		{"replaced-then-tie", []string{"a:base", "b:base", "a:base"}, "base", "b", true},
		{"nil-signature-ignored", []string{"a:empty"}, "base", "", false},
		{"nil-query", []string{"a:base"}, "empty", "", false},
	}
	texts := map[string]string{"base": base, "other": other, "trimmed": fixture(t, "trimmed.txt"), "empty": ""}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := NewIndex(DefaultThreshold)
			for _, a := range tt.adds {
				id, key, _ := strings.Cut(a, ":")
				ix.Add(id, Sign(texts[key]))
			}
			id, sim, ok := ix.Near(Sign(texts[tt.query]))
			if ok != tt.wantOK || id != tt.wantID {
				t.Fatalf("Near = %q %.3f %v, want %q %v", id, sim, ok, tt.wantID, tt.wantOK)
			}
		})
	}
	ix := NewIndex(DefaultThreshold)
	ix.Add("a", Sign(base))
	ix.Add("b", Sign(other))
	ix.Add("a", Sign(base))
	ix.Add("c", nil)
	ix.Add("d", Signature{1, 2, 3})
	if ix.Len() != 2 {
		t.Fatalf("Len = %d, want 2", ix.Len())
	}
	if _, _, ok := ix.Near(Signature{1, 2, 3}); ok {
		t.Fatal("short query matched")
	}
}

func TestNewIndexThreshold(t *testing.T) {
	tests := []struct {
		in, want float64
	}{
		{0.5, 0.5}, {1, 1}, {0, DefaultThreshold}, {-1, DefaultThreshold}, {1.5, DefaultThreshold}, {math.NaN(), DefaultThreshold},
	}
	for _, tt := range tests {
		ix := NewIndex(tt.in)
		if ix.Threshold() != tt.want {
			t.Errorf("NewIndex(%v).Threshold() = %v, want %v", tt.in, ix.Threshold(), tt.want)
		}
		b, r := ix.Banding()
		if b*r > K || b < 1 || r < 1 {
			t.Errorf("banding %d×%d for K=%d", b, r, K)
		}
	}
}

// FuzzSign checks that no input makes Sign, ContentHash or the Index panic.
func FuzzSign(f *testing.F) {
	f.Add("Jakarta (ANTARA News) - Polisi menangkap dua tersangka.\nBaca juga: X\n(ant)")
	f.Add("\xff\xfe\x00")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		_ = ContentHash(s)
		sig := Sign(s)
		ix := NewIndex(DefaultThreshold)
		ix.Add(s, sig)
		ix.Near(sig)
		b, _ := sig.MarshalBinary()
		var back Signature
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		_ = back.UnmarshalBinary([]byte(s))
	})
}

// TestSignCleaned checks that signing the cleaned text gives the signature
// of the raw text, so the ingester can clean once.
func TestSignCleaned(t *testing.T) {
	for _, name := range []string{"base.txt", "boilerplate.txt", "reordered.txt", "trimmed.txt", "same-story.txt"} {
		raw := fixture(t, name)
		d := &doc.Document{Raw: raw}
		article.Clean(d)
		if !d.Cleaned {
			t.Fatalf("%s: article.Clean did not mark the document cleaned", name)
		}
		a, b := Sign(raw), SignCleaned(d.Text)
		if len(a) == 0 || a.Similarity(b) != 1 || len(a) != len(b) {
			t.Errorf("%s: SignCleaned(cleaned) differs from Sign(raw): similarity %.3f", name, a.Similarity(b))
		}
	}
}
