package main

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/govdoc/govdoc/generator/gitlog"
)

// history returns the function that reads the site's git history for a
// build (generator.Options.Git). It reads the history once, when first
// called, and gives what it read to every later call; the build decides
// when, and a check that does not need the history never reads it. A site
// outside git, or a machine without git, has none. The commits read are
// kept in the file cache ("" for none), so that the next read asks git only
// for the commits made since. A history that git fails to give (a damaged
// repository) is an error; a site outside git is not.
func history(ctx context.Context, dir, cache string) func(hurry <-chan struct{}) (*gitlog.Log, error) {
	var (
		once sync.Once
		log  *gitlog.Log
		err  error
	)
	return func(hurry <-chan struct{}) (*gitlog.Log, error) {
		once.Do(func() {
			log, err = gitlog.Read(ctx, dir, gitlog.Options{Cache: cache, Hurry: hurry})
			if errors.Is(err, gitlog.ErrNoGit) || ctx.Err() != nil {
				err = nil
			}
		})
		return log, err
	}
}

// liveHistory is the git history of a site being previewed: it follows the
// repository, so that a commit made while govdoc serve runs shows on the
// pages ({{ git.date }}, recent changes, the changes page) without a restart.
type liveHistory struct {
	dir   string
	cache string
	mu    sync.Mutex
	head  string
	read  func(hurry <-chan struct{}) (*gitlog.Log, error)
}

func newLiveHistory(ctx context.Context, dir, cache string) *liveHistory {
	return &liveHistory{dir: dir, cache: cache, head: gitlog.Head(ctx, dir), read: history(ctx, dir, cache)}
}

// Log returns the history at the commit last seen; it is the build's
// Options.Git.
func (h *liveHistory) Log(hurry <-chan struct{}) (*gitlog.Log, error) {
	h.mu.Lock()
	read := h.read
	h.mu.Unlock()
	return read(hurry)
}

// Moved reports whether the repository's HEAD moved since the history was
// read (a commit, a checkout, a pull), and starts reading it again if so.
func (h *liveHistory) Moved(ctx context.Context) bool {
	head := gitlog.Head(ctx, h.dir)
	h.mu.Lock()
	defer h.mu.Unlock()
	if head == h.head {
		return false
	}
	h.head, h.read = head, history(ctx, h.dir, h.cache)
	return true
}

// Follow checks HEAD every interval until ctx is done, and calls moved
// after it moved.
func (h *liveHistory) Follow(ctx context.Context, interval time.Duration, moved func()) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if h.Moved(ctx) {
				moved()
			}
		}
	}
}
