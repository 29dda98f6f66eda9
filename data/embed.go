// Package data embeds Warta's user-editable data files: the knowledge base
// (kb/), the event pattern dictionary (dict/), segmentation and cleaning word
// lists (segment/, article/), time-expression vocabulary (timex/), the
// resolver's word lists (resolve/) and the
// sample articles `warta demo` ingests (demo/).
//
// Every file starts with a comment header describing its format, so analysts
// can extend Warta by editing these files (or overlaying their own with
// --kb / --dict) without touching Go code.
package data

import "embed"

// FS holds every data file under this directory.
//
//go:embed kb dict segment article timex morph cameo demo resolve
var FS embed.FS
