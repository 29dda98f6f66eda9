package extract_test

import (
	"fmt"
	"time"

	"github.com/warta-id/warta/extract"
)

func ExampleExtract() {
	page := `<html lang="id"><head>
<meta charset="utf-8">
<title>Warga Gotong Royong Bersihkan Sungai - Warta Contoh</title>
<meta property="og:site_name" content="Warta Contoh">
<link rel="canonical" href="https://wartacontoh.id/daerah/warga-bersihkan-sungai">
</head><body>
<h1>Warga Gotong Royong Bersihkan Sungai</h1>
<div class="byline">Oleh Dewi · Minggu, 3 Maret 2024 08:30 WIB</div>
<div class="isi">
<p>SOLO, Warta Contoh - Ratusan warga tiga kelurahan bergotong royong membersihkan sampah dari sungai yang melintasi kota pada Minggu pagi.</p>
<p>Baca juga: <a href="/x">Banjir Kiriman Rendam Jalan Protokol</a></p>
<p>Lurah setempat mengatakan kegiatan itu akan diadakan setiap bulan sampai sungai benar-benar bersih dari sampah plastik.</p>
</div></body></html>`
	p, err := extract.Extract("sungai.html", []byte(page), "", "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Title)
	fmt.Println(p.Published.Format(time.RFC3339))
	fmt.Println(p.Outlet, p.URL, p.Lang)
	fmt.Println(p.Text)
	// Output:
	// Warga Gotong Royong Bersihkan Sungai
	// 2024-03-03T08:30:00+07:00
	// Warta Contoh https://wartacontoh.id/daerah/warga-bersihkan-sungai id
	// SOLO, Warta Contoh - Ratusan warga tiga kelurahan bergotong royong membersihkan sampah dari sungai yang melintasi kota pada Minggu pagi.
	// Lurah setempat mengatakan kegiatan itu akan diadakan setiap bulan sampai sungai benar-benar bersih dari sampah plastik.
}
