//go:build !linux

package output

import "os"

// createFile writes data to the file p, new or emptied.
func createFile(p string, data []byte) error { return os.WriteFile(p, data, 0o644) }
