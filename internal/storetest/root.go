package storetest

import (
	"path/filepath"
	"runtime"
)

// moduleRoot is the repository's root directory (found from this file's
// location, so it works from any test's working directory).
func moduleRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}
