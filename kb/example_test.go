package kb_test

import (
	"fmt"
	"time"

	"github.com/warta-id/warta/kb"
)

func ExampleKB_Lookup() {
	k, err := kb.Default()
	if err != nil {
		panic(err)
	}
	for _, alias := range []string{"Negeri Paman Sam", "PBB", "negara-negara Barat", "Teheran"} {
		e := k.Lookup(alias)[0]
		fmt.Printf("%s → %s %s\n", alias, e.Kind, e.Code)
	}
	maduro := k.Lookup("Maduro")[0]
	role, _ := maduro.RoleAt(time.Date(2023, 1, 4, 0, 0, 0, 0, time.UTC))
	fmt.Printf("Maduro on 2023-01-04 → %s %s\n", role.Code, role.Sector)
	// Output:
	// Negeri Paman Sam → country USA
	// PBB → org UNO
	// negara-negara Barat → bloc WST
	// Teheran → place IRN
	// Maduro on 2023-01-04 → VEN GOV
}
