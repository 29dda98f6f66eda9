package kbgen

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

// sectors are the PLOVER/CAMEO agent sector codes the kb files may use.
var sectors = map[string]bool{
	"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true, "PTY": true,
	"REB": true, "OPP": true, "CVL": true, "BUS": true, "MED": true, "REL": true,
	"EDU": true, "LAB": true, "AGR": true, "REF": true, "SPY": true, "HLH": true,
	"ELI": true, "UAF": true, "CRM": true, "INS": true, "NGO": true, "IGO": true,
	"MNC": true, "HRI": true, "ENV": true, "DEV": true, "SET": true, "MOD": true,
	"RAD": true,
}

func validSector(s string) bool { return sectors[s] }

// knownCode reports whether c is an ISO-3 country code of the table or a
// special actor code.
func (t *countryTable) knownCode(c string) bool {
	if specialCodes[c] {
		return true
	}
	_, ok := t.byISO3[c]
	return ok
}
