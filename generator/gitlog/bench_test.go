package gitlog_test

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/internal/corpus"
)

// BenchmarkRead20000Commits reads the history of a repository of 10,000
// documents with 20,000 commits, made with git fast-import: cold, and with
// the cache an earlier read left at the same commit.
func BenchmarkRead20000Commits(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	dir := b.TempDir()
	files := map[string][]byte{}
	for i := range 10000 {
		files[fmt.Sprintf("content/s%d/%05d_doc.md", i/1000, i)] = fmt.Appendf(nil, "document %d\n", i)
	}
	if err := corpus.Repository(dir, files, 20000); err != nil {
		b.Fatal(err)
	}
	read := func(b *testing.B, opts gitlog.Options) {
		for b.Loop() {
			log, err := gitlog.Read(context.Background(), dir, opts)
			if err != nil || len(log.Commits) != 20000 || len(log.Files) != 10000 {
				b.Fatal(err, len(log.Commits), len(log.Files))
			}
		}
	}
	b.Run("cold", func(b *testing.B) { read(b, gitlog.Options{}) })
	// What a later build reads: the commits kept by an earlier one.
	cache := filepath.Join(b.TempDir(), "history.cache")
	if _, err := gitlog.Read(context.Background(), dir, gitlog.Options{Cache: cache}); err != nil {
		b.Fatal(err)
	}
	b.Run("cached", func(b *testing.B) { read(b, gitlog.Options{Cache: cache}) })
}
