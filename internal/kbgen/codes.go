package kbgen

import "github.com/warta-id/warta/kb"

// Non-country actor codes Warta uses (DESIGN.md §3).
var specialCodes = map[string]bool{
	"UNO": true, // United Nations bodies
	"EUR": true, // European Union
	"IGO": true, // other intergovernmental organisations
	"NGO": true, // non-governmental organisations
	"MNC": true, // multinational corporations
	"ISM": true, // stateless militant groups
	"WST": true, // "Barat", the West as a bloc
}

// validSector reports whether s is one of the PLOVER sector codes the kb
// files may use (kb.ValidSector).
func validSector(s string) bool { return kb.ValidSector(s) }

// knownCode reports whether c is an ISO-3 country code of the table or a
// special actor code.
func (t *countryTable) knownCode(c string) bool {
	if specialCodes[c] {
		return true
	}
	_, ok := t.byISO3[c]
	return ok
}
