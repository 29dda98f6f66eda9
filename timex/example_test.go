package timex_test

import (
	"fmt"
	"time"

	"github.com/warta-id/warta/timex"
)

func ExampleFind() {
	published := time.Date(2023, 1, 5, 10, 0, 0, 0, time.FixedZone("WIB", 7*3600))
	text := "Menteri itu tiba di Jakarta pada Rabu (4/1) malam, sepekan setelah kunjungan " +
		"serupa pada akhir Desember 2022. Sejak 1998, kedua negara bertemu tiap tahun; " +
		"pertemuan berikutnya digelar bulan depan."
	for _, e := range timex.Find(text, published) {
		fmt.Printf("%-22q %s %-5s past=%v\n", e.Text, e.Date.Format("2006-01-02"), e.Precision, e.Past)
	}
	// Output:
	// "Rabu (4/1) malam"     2023-01-04 day   past=true
	// "akhir Desember 2022"  2022-12-21 month past=true
	// "1998"                 1998-01-01 year  past=true
	// "bulan depan"          2023-02-01 month past=false
}

func ExampleResolve() {
	published := time.Date(2023, 1, 3, 9, 0, 0, 0, time.UTC)
	e, ok := timex.Resolve("Senin (28/12)", published)
	fmt.Println(ok, e.Date.Format("2006-01-02 Monday"), e.Precision, e.Past, e.WeekdayMismatch)
	// Output: true 2022-12-28 Wednesday day true true
}
