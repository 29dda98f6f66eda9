package feed_test

import (
	"fmt"

	"github.com/warta-id/warta/feed"
)

func ExampleParse() {
	raw := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Kabar Nusantara</title>
    <link>https://kabar-nusantara.example.id/</link>
    <item>
      <title>Menteri Tinjau Lumbung Padi di Karawang</title>
      <link>/ekonomi/lumbung-padi-karawang</link>
      <pubDate>Senin, 21 Nov 2022 13:21:00 WIB</pubDate>
      <description>&lt;p&gt;Stok beras dinyatakan &lt;b&gt;aman&lt;/b&gt;.&lt;/p&gt;</description>
    </item>
  </channel>
</rss>`)
	f, err := feed.Parse("https://kabar-nusantara.example.id/rss.xml", raw)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Title)
	for _, it := range f.Items {
		fmt.Println(it.Title)
		fmt.Println(it.Link)
		fmt.Println(it.Published.Format("2006-01-02 15:04 -07:00"))
		fmt.Println(it.Summary)
	}
	// Output:
	// Kabar Nusantara
	// Menteri Tinjau Lumbung Padi di Karawang
	// https://kabar-nusantara.example.id/ekonomi/lumbung-padi-karawang
	// 2022-11-21 13:21 +07:00
	// Stok beras dinyatakan aman.
}
