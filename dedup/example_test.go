package dedup_test

import (
	"fmt"

	"github.com/warta-id/warta/dedup"
)

func Example() {
	original := "Semarang (ANTARA News) - Pemerintah Provinsi Jawa Tengah menyiapkan 120 pompa air tambahan untuk mengatasi banjir rob yang merendam pesisir utara Kota Semarang sejak Selasa malam.\n" +
		"Kepala Dinas Pekerjaan Umum Jawa Tengah mengatakan pompa itu akan ditempatkan di Kecamatan Genuk, Tugu dan Semarang Utara yang genangannya paling tinggi.\n" +
		"Badan Meteorologi, Klimatologi, dan Geofisika memperkirakan pasang tinggi masih akan terjadi hingga Sabtu."
	repost := "SEMARANG, KOMPAS.com - Pemerintah Provinsi Jawa Tengah menyiapkan 120 pompa air tambahan untuk mengatasi banjir rob yang merendam pesisir utara Kota Semarang sejak Selasa malam.\n" +
		"Baca juga: Tanggul Laut Semarang Ditargetkan Rampung Tahun Depan\n" +
		"Kepala Dinas Pekerjaan Umum Jawa Tengah mengatakan pompa itu akan ditempatkan di Kecamatan Genuk, Tugu dan Semarang Utara yang genangannya paling tinggi.\n" +
		"Badan Meteorologi, Klimatologi, dan Geofisika memperkirakan pasang tinggi masih akan terjadi hingga Sabtu. (ant/red)"
	other := "Harga cabai rawit di Pasar Johar, Semarang, naik dua kali lipat dalam sepekan terakhir karena pasokan dari Temanggung berkurang akibat hujan deras, kata pedagang setempat, Rabu."

	ix := dedup.NewIndex(dedup.DefaultThreshold)
	ix.Add("antara-1", dedup.Sign(original))
	ix.Add("lain-2", dedup.Sign(other))

	id, sim, ok := ix.Near(dedup.Sign(repost))
	fmt.Printf("repost: %s %.2f %v\n", id, sim, ok)
	_, _, ok = ix.Near(dedup.Sign("Gempa magnitudo 5,2 mengguncang Cianjur pada Senin pagi dan warga berhamburan keluar rumah."))
	fmt.Println("unrelated:", ok)
	fmt.Println("same hash:", dedup.ContentHash("Banjir rob, Semarang!") == dedup.ContentHash("banjir  rob semarang"))
	// Output:
	// repost: antara-1 1.00 true
	// unrelated: false
	// same hash: true
}
