package timex

import (
	"strings"
	"testing"
)

// benchText is a made-up news paragraph of about 2 KB.
var benchText = strings.Repeat("Jakarta, Warta Contoh – Menteri Luar Negeri menerima kunjungan duta besar "+
	"negara sahabat di kantornya, Rabu (4/1) malam. Pertemuan itu membahas kerja sama perdagangan yang "+
	"disepakati pada 18 Mei 2017 dan diperbarui pekan lalu. Menurut juru bicara kementerian, sebanyak "+
	"2.000 orang pekerja akan dikirim bulan depan, sementara 12 perjanjian lain ditunda hingga akhir "+
	"tahun ini. \"Kami berharap semuanya selesai sebelum 2025,\" katanya kepada wartawan, Kamis. Dua hari "+
	"lalu, delegasi yang sama bertemu gubernur, dan pada Minggu (8/1) mereka dijadwalkan ke Surabaya. "+
	"Sebelumnya, pada pertengahan Juni tahun lalu, kedua pihak menandatangani nota kesepahaman di Bali.\n", 3)

func BenchmarkFind(b *testing.B) {
	p := pub(thu)
	if n := len(Find(benchText, p)); n < 20 {
		b.Fatalf("only %d expressions", n)
	}
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		Find(benchText, p)
	}
}
