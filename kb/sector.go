package kb

import "fmt"

// sectors are PLOVER's actor sector codes (PLOVER manual, table "Sector
// Codes"), the only ones a knowledge-base file may use. Agents may also use
// "-" (the sector of the organisation or country that follows).
var sectors = map[string]string{
	"COP": "police", "GOV": "government", "JUD": "judiciary", "LEG": "legislature", "MIL": "military",
	"PRM": "paramilitary", "PTY": "political party", "REB": "rebels, militants", "SPY": "intelligence",
	"UAF": "unidentified armed forces", "UNK": "unidentified", "AGR": "agriculture", "BUS": "business",
	"CRM": "criminals", "CVL": "civilians, protesters, activists", "EDU": "education, students",
	"ELI": "former officials, elites", "JRN": "journalists, media", "LAB": "labour", "MED": "health",
	"REF": "refugees", "OPP": "political opposition", "PRE": "partially recognised entities",
	"REL": "religion", "SOC": "civil society",
}

// cameoOnly explains the CAMEO sector codes PLOVER dropped or renamed, for
// error messages: MED means health in PLOVER but media in CAMEO.
var cameoOnly = map[string]string{
	"HLH": "health is MED in PLOVER",
	"INS": "PLOVER folds insurgents into REB",
	"SEP": "PLOVER folds separatists into REB",
	"NGO": "NGO is an actor code; as a sector use SOC (civil society)",
	"IGO": "IGO is an actor code, not a sector",
	"MNC": "MNC is an actor code; as a sector use BUS",
	"ENV": "use SOC (civil society)",
	"HRI": "use SOC (civil society)",
	"DEV": "use SOC (civil society)",
}

// ValidSector reports whether s is a PLOVER sector code.
func ValidSector(s string) bool { _, ok := sectors[s]; return ok }

// checkSector returns an error naming where when s is neither empty (nor
// "-" where dash is allowed) nor a PLOVER sector.
func checkSector(s string, dash bool, where string) error {
	if s == "" || dash && s == "-" || ValidSector(s) {
		return nil
	}
	if hint, ok := cameoOnly[s]; ok {
		return fmt.Errorf("%s: sector %q is a CAMEO code, not PLOVER's (%s)", where, s, hint)
	}
	return fmt.Errorf("%s: unknown sector %q (PLOVER sectors: COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC)", where, s)
}
