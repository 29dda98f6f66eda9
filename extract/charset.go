package extract

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// Errors for input that is not an HTML page.
var (
	ErrEmpty    = errors.New("empty input")
	ErrBinary   = errors.New("binary data, not HTML")
	ErrTooLarge = errors.New("input larger than MaxBytes")
)

// metaCharset finds <meta charset=…> and <meta http-equiv content="…; charset=…">
// anywhere in the first bytes of the page (x/net's prescan stops at 1 KiB).
var metaCharset = regexp.MustCompile(`(?i)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.()+-]+)`)

// sniffBinary reports whether raw looks like binary data rather than text:
// NUL bytes (outside UTF-16 with a BOM) or many control bytes in the head.
func sniffBinary(raw []byte) bool {
	if bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) || bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) {
		return false
	}
	head := raw
	if len(head) > 8192 {
		head = head[:8192]
	}
	ctrl := 0
	for _, b := range head {
		switch {
		case b == 0:
			return true
		case b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f':
			ctrl++
		}
	}
	return ctrl*10 > len(head)
}

// encodingFor picks the encoding of raw: a byte-order mark, then the charset
// of contentType, then a <meta> declaration, then detection. A declared
// charset that the bytes contradict (a legacy label on valid UTF-8, or
// "utf-8" on bytes that are mostly not UTF-8) is overridden by detection.
func encodingFor(raw []byte, contentType string) (encoding.Encoding, string) {
	if e, name, certain := charset.DetermineEncoding(raw, ""); certain { // BOM
		return e, name
	}
	var declared []string
	if contentType != "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
			declared = append(declared, params["charset"])
		}
	}
	head := raw
	if len(head) > 16384 {
		head = head[:16384]
	}
	for _, m := range metaCharset.FindAllSubmatch(head, 4) {
		declared = append(declared, string(m[1]))
	}
	valid := utf8.Valid(trimPartialRune(raw))
	for _, label := range declared {
		e, name := charset.Lookup(label)
		if e == nil {
			continue // unknown label: try the next declaration
		}
		if strings.HasPrefix(name, "utf-16") {
			// A page read as bytes that declares UTF-16 without a BOM is
			// almost always really UTF-8 (the HTML spec says the same).
			e, name = encoding.Nop, "utf-8"
		}
		if name == "utf-8" {
			if valid || mostlyUTF8(raw) {
				return encoding.Nop, "utf-8"
			}
			continue // declared UTF-8 but it is not: detect
		}
		if valid && hasHighBit(raw) {
			return encoding.Nop, "utf-8" // legacy label on UTF-8 bytes
		}
		return e, name
	}
	if valid {
		return encoding.Nop, "utf-8"
	}
	e, name, _ := charset.DetermineEncoding(raw, "")
	if name == "utf-8" && !mostlyUTF8(raw) {
		e, name, _ = charset.DetermineEncoding(nil, "") // windows-1252
	}
	return e, name
}

// decode converts raw to valid UTF-8.
func decode(raw []byte, contentType string) (string, string, error) {
	e, name := encodingFor(raw, contentType)
	var s string
	if e == encoding.Nop || name == "utf-8" {
		s = string(raw)
	} else {
		out, _, err := transform.Bytes(e.NewDecoder(), raw)
		if err != nil {
			return "", name, fmt.Errorf("decode %s: %w", name, err)
		}
		s = string(out)
	}
	s = strings.TrimPrefix(s, "\uFEFF")
	return strings.ToValidUTF8(s, "\uFFFD"), name, nil
}

func trimPartialRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i > len(b)-4; i-- {
		if b[i] < 0x80 {
			break
		}
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

func hasHighBit(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// mostlyUTF8 reports whether at least 95 % of the non-ASCII sequences in b
// are valid UTF-8 (a page with a few stray bytes is still UTF-8).
func mostlyUTF8(b []byte) bool {
	good, bad := 0, 0
	for len(b) > 0 {
		if b[0] < 0x80 {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			bad++
			b = b[1:]
			continue
		}
		good++
		b = b[n:]
	}
	return bad*20 <= good+bad && (good > 0 || bad == 0)
}
