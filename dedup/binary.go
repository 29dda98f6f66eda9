package dedup

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// ErrBadSignature is returned (wrapped) by UnmarshalBinary for bytes that do
// not hold a signature written by MarshalBinary.
var ErrBadSignature = errors.New("dedup: bad signature bytes")

// MarshalBinary encodes s as one version byte (SignatureVersion) followed by
// each element as 4 little-endian bytes. The encoding is the same on every
// machine. A nil Signature encodes as the version byte alone.
func (s Signature) MarshalBinary() ([]byte, error) {
	b := make([]byte, 1+4*len(s))
	b[0] = SignatureVersion
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[1+4*i:], v)
	}
	return b, nil
}

// UnmarshalBinary decodes bytes written by MarshalBinary into s. It returns
// an error wrapping ErrBadSignature, and leaves s unchanged, when the version
// byte is unknown or the length is not 1 + 4n.
func (s *Signature) UnmarshalBinary(b []byte) error {
	if s == nil {
		return fmt.Errorf("%w: nil receiver", ErrBadSignature)
	}
	if len(b) == 0 {
		return fmt.Errorf("%w: empty", ErrBadSignature)
	}
	if b[0] != SignatureVersion {
		return fmt.Errorf("%w: version %d, want %d", ErrBadSignature, b[0], SignatureVersion)
	}
	if (len(b)-1)%4 != 0 {
		return fmt.Errorf("%w: length %d is not 1+4n", ErrBadSignature, len(b))
	}
	n := (len(b) - 1) / 4
	if n == 0 {
		*s = nil
		return nil
	}
	out := make(Signature, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[1+4*i:])
	}
	*s = out
	return nil
}
