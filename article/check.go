package article

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Sentinel errors returned (wrapped) by Check; test with errors.Is.
var (
	ErrEmpty       = errors.New("empty input")
	ErrTooLarge    = errors.New("input too large")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrBinary      = errors.New("binary data")
)

// binaryShare is the share of control characters (other than \n, \r, \t)
// above which an input is taken for binary data: 1 in binaryShare bytes.
const binaryShare = 20

// Check validates one input before processing: it must be non-empty (not
// only white space), at most maxBytes long (maxBytes <= 0 means no limit),
// valid UTF-8 and text rather than binary data (no NUL bytes, few control
// characters). The error names the input and the problem, for example
// "article lanin-0001: invalid UTF-8 at byte 1234", and wraps ErrEmpty,
// ErrTooLarge, ErrInvalidUTF8 or ErrBinary. Check runs in one linear pass.
func Check(name string, raw []byte, maxBytes int) error {
	if len(raw) == 0 {
		return fmt.Errorf("article %s: %w", name, ErrEmpty)
	}
	if maxBytes > 0 && len(raw) > maxBytes {
		return fmt.Errorf("article %s: %w (%d bytes, limit %d)", name, ErrTooLarge, len(raw), maxBytes)
	}
	controls := 0
	content := false
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			switch {
			case c == 0:
				return fmt.Errorf("article %s: %w (NUL byte at byte %d)", name, ErrBinary, i)
			case c == '\n' || c == '\r' || c == '\t' || c == ' ':
			case c < 0x20 || c == 0x7f:
				if c != '\v' && c != '\f' {
					controls++
				}
			default:
				content = true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			// Report binary data rather than bad UTF-8 when the rest says so.
			if err := binaryTail(name, raw[i:], i, controls, len(raw)); err != nil {
				return err
			}
			return fmt.Errorf("article %s: %w at byte %d", name, ErrInvalidUTF8, i)
		}
		if r >= 0x80 && r < 0xa0 {
			controls++
		} else if !content && !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) {
			content = true
		}
		i += size
	}
	if controls*binaryShare > len(raw) {
		return fmt.Errorf("article %s: %w (%d control characters in %d bytes)", name, ErrBinary, controls, len(raw))
	}
	if !content {
		return fmt.Errorf("article %s: %w (only white space)", name, ErrEmpty)
	}
	return nil
}

// binaryTail scans the rest of an input that has invalid UTF-8 at offset off
// for NUL bytes and ASCII control characters, so that binary files are
// reported as ErrBinary.
func binaryTail(name string, rest []byte, off, controls, total int) error {
	for j, c := range rest {
		if c == 0 {
			return fmt.Errorf("article %s: %w (NUL byte at byte %d)", name, ErrBinary, off+j)
		}
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\v' && c != '\f') || c == 0x7f {
			controls++
		}
	}
	if controls*binaryShare > total {
		return fmt.Errorf("article %s: %w (%d control characters in %d bytes)", name, ErrBinary, controls, total)
	}
	return nil
}
