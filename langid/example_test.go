package langid_test

import (
	"fmt"

	"github.com/warta-id/warta/langid"
)

func ExampleDetect() {
	for _, s := range []string{
		"Pemerintah akan menaikkan harga bahan bakar karena anggaran subsidi membengkak.",
		"Kerajaan akan menaikkan harga bahan api kerana peruntukan subsidi meningkat.",
		"The government will raise fuel prices because the subsidy budget has ballooned.",
		"Harga naik lagi",
	} {
		g := langid.Detect(s)
		fmt.Println(g.Lang, g.Reason)
	}
	// Output:
	// id marker words (id 6 vs ms 0)
	// ms marker words (id 0 vs ms 5)
	// en marker words (en 6 vs 0)
	// unknown too short (3 words)
}
