package output

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// BenchmarkDirWriteFile writes pages of a typical size into a staging
// folder from many goroutines, as a build does: a section's folder holds a
// folder per document, each with its index.html.
func BenchmarkDirWriteFile(b *testing.B) {
	parent := b.TempDir()
	d, err := NewDir(parent, filepath.Join(parent, "public"))
	if err != nil {
		b.Fatal(err)
	}
	page := bytes.Repeat([]byte("<p>Governance text of a realistic page.</p>\n"), 800) // 36 KB
	var next atomic.Int64
	b.SetBytes(int64(len(page)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1)
			if err := d.WriteFile(fmt.Sprintf("s%d/d%d/index.html", i%10, i), page); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	if err := d.Abort(); err != nil {
		b.Fatal(err)
	}
}
