package gitlog_test

import (
	"context"
	"fmt"
	"maps"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/internal/corpus"
)

// BenchmarkRead20000Commits reads the history of a repository of 10,000
// documents with 20,000 commits, made with git fast-import: cold, and with
// the cache an earlier read left at the same commit; and follows the
// documents through it.
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
			if err != nil || len(log.Commits) != 20000 || len(log.Commits[19999].Changes) != 10000 {
				b.Fatal(err, len(log.Commits))
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
	// What a build adds: which document each commit touched.
	log, err := gitlog.Read(context.Background(), dir, gitlog.Options{Cache: cache})
	if err != nil {
		b.Fatal(err)
	}
	docs := slices.Sorted(maps.Keys(files))
	b.Run("follow", func(b *testing.B) {
		for b.Loop() {
			lin := (&gitlog.Log{Commits: log.Commits}).Follow(docs) // a new log: Follow keeps its last answer
			if len(lin.Docs(0)) != 1 || len(lin.Docs(19999)) != 10000 {
				b.Fatal(len(lin.Docs(0)), len(lin.Docs(19999)))
			}
		}
	})
}

// BenchmarkFollow5000Merges follows 15,000 documents through 20,000
// commits, made in memory: a handbook grown by branches of three commits,
// each adding a document and changing another, merged one after another.
func BenchmarkFollow5000Merges(b *testing.B) {
	var commits []*gitlog.Commit
	add := func(parents []string, changes []gitlog.Change) string {
		h := fmt.Sprintf("%040x", len(commits)+1)
		commits = append(commits, &gitlog.Commit{Hash: h, Parents: parents, Changes: changes})
		return h
	}
	docs := []string{"content/d0.md"}
	tip := add(nil, []gitlog.Change{{Status: 'A', Path: docs[0]}})
	for i := 0; len(commits) < 20000; i++ {
		branch := tip
		var merged []gitlog.Change
		for range 3 {
			d := fmt.Sprintf("content/d%d.md", len(docs))
			docs = append(docs, d)
			branch = add([]string{branch}, []gitlog.Change{{Status: 'A', Path: d}, {Status: 'M', Path: docs[i%len(docs)]}})
			merged = append(merged, gitlog.Change{Status: 'A', Path: d})
		}
		tip = add([]string{tip, branch}, merged)
	}
	slices.Reverse(commits) // newest first, as git log
	slices.Sort(docs)
	for b.Loop() {
		lin := (&gitlog.Log{Commits: commits}).Follow(docs)
		if len(lin.Docs(len(commits)-1)) != 1 {
			b.Fatal(lin.Docs(len(commits) - 1))
		}
	}
}
