package biaffine

import (
	_ "embed"
	"fmt"
	"sync"
)

// The embedded model parses in the style of UD_Indonesian-CSUI; see
// model/README.md for its data, license and scores.
//
//go:embed model/biaffine.model
var embedded []byte

var (
	defaultOnce sync.Once
	defaultM    *Model
	defaultErr  error
)

// Default returns the parser over the embedded model, loading it on the
// first call.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultM, defaultErr = Load(embedded)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("biaffine: embedded model: %w", defaultErr)
		}
	})
	return defaultM, defaultErr
}
