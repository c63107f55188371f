package main

import (
	"context"
	"sync"

	"github.com/govdoc/govdoc/generator/gitlog"
)

// history starts reading the site's git history and returns a function
// that waits for it, so that the history is read while the build parses
// the files. A site outside git, or a machine without git, has none.
func history(ctx context.Context, dir string) func() *gitlog.Log {
	var (
		once sync.Once
		log  *gitlog.Log
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		l, err := gitlog.Read(ctx, dir, gitlog.Options{})
		if err == nil {
			log = l
		}
	}()
	return func() *gitlog.Log {
		once.Do(func() { <-done })
		return log
	}
}
