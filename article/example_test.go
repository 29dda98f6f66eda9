package article_test

import (
	"fmt"

	"github.com/warta-id/warta/article"
	"github.com/warta-id/warta/doc"
)

func Example() {
	d := &doc.Document{ID: "contoh-1", Raw: "Bandung (ANTARA News) - Wali kota meresmikan taman baru di pusat kota, Senin.\r\n" +
		"Baca juga: Taman Kota Dibuka Lagi\r\n" +
		"ADVERTISEMENT\r\n" +
		"Taman itu dibuka untuk umum setiap hari. (ant/red)\r\n"}
	if err := article.Check(d.ID, []byte(d.Raw), 1<<20); err != nil {
		fmt.Println(err)
		return
	}
	article.Clean(d)
	fmt.Printf("%s | %s | %s\n", d.Dateline.Location, d.Dateline.Outlet, d.Dateline.Raw)
	fmt.Println(d.Text)
	for _, r := range d.Removed {
		fmt.Printf("removed %s: %s\n", r.Reason, r.Line)
	}
	// Output:
	// Bandung | ANTARA News | Bandung (ANTARA News)
	// Wali kota meresmikan taman baru di pusat kota, Senin.
	// Taman itu dibuka untuk umum setiap hari.
	// removed baca-juga: Baca juga: Taman Kota Dibuka Lagi
	// removed advertisement: ADVERTISEMENT
	// removed sign-off: (ant/red)
}
