package gitlog

import (
	"context"
	"encoding/gob"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A cache file keeps the commits a Read got at some HEAD, so that the next
// Read of the same site asks git only for the commits made since: the
// expensive part of git log is working out which files each commit changed,
// and a commit never changes. The cache is used only while the history
// since is a straight line on top of it (no merge, no rewrite, not a
// shallow clone); otherwise the whole log is read again. A cache that
// cannot be read or written is ignored.

// cacheVersion changes when the file's format or meaning does: 2 keeps
// each commit's parents and how it changed each file, so a cache of
// version 1 is read again.
const cacheVersion = 2

type cacheFile struct {
	Version int
	Head    string // the commit the log was read at
	Prefix  string // the site's folder in the repository
	Commits []cachedCommit
}

type cachedCommit struct {
	Hash, Author, Subject string
	Date                  time.Time
	Parents               []string
	Changes               []Change
}

// loadCache returns the cache for this site, or nil.
func loadCache(opts Options, prefix string) *cacheFile {
	if opts.Cache == "" || opts.Max > 0 {
		return nil
	}
	f, err := os.Open(opts.Cache)
	if err != nil {
		return nil
	}
	defer f.Close()
	var c cacheFile
	if gob.NewDecoder(f).Decode(&c) != nil || c.Version != cacheVersion || c.Prefix != prefix || c.Head == "" {
		return nil
	}
	return &c
}

func (c *cacheFile) commits() []*Commit {
	out := make([]*Commit, len(c.Commits))
	for i, cc := range c.Commits {
		out[i] = &Commit{Hash: cc.Hash, Author: cc.Author, Date: cc.Date, Subject: cc.Subject, Parents: cc.Parents, Changes: cc.Changes}
	}
	return out
}

// saveCache replaces the cache file in one step, so that a build stopped
// midway leaves the old one whole.
func saveCache(opts Options, head, prefix string, commits []*Commit) {
	if opts.Cache == "" || opts.Max > 0 {
		return
	}
	c := cacheFile{Version: cacheVersion, Head: head, Prefix: prefix, Commits: make([]cachedCommit, len(commits))}
	for i, cm := range commits {
		c.Commits[i] = cachedCommit{Hash: cm.Hash, Author: cm.Author, Subject: cm.Subject, Date: cm.Date, Parents: cm.Parents, Changes: cm.Changes}
	}
	if err := os.MkdirAll(filepath.Dir(opts.Cache), 0o700); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(opts.Cache), filepath.Base(opts.Cache)+".*")
	if err != nil {
		return
	}
	err = gob.NewEncoder(tmp).Encode(&c)
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), opts.Cache)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

// linearSince reports whether HEAD descends from old by commits without
// merges, so that the log of old..HEAD followed by old's log is the log of
// HEAD.
func linearSince(ctx context.Context, dir, old string) bool {
	if _, err := git(ctx, dir, "merge-base", "--is-ancestor", old, "HEAD"); err != nil {
		return false
	}
	n, err := git(ctx, dir, "rev-list", "--count", "--min-parents=2", old+"..HEAD")
	return err == nil && strings.TrimSpace(n) == "0"
}
