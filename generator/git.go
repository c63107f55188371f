package generator

import (
	"sync"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/gitlog"
)

// gitHistory is the site's git history, read at most once per build, in
// the background.
type gitHistory struct {
	read     func(hurry <-chan struct{}) (*gitlog.Log, error)
	started  sync.Once
	hurry    chan struct{}
	hurried  sync.Once
	done     chan struct{}
	log      *gitlog.Log
	err      error
	reported bool
}

func newGitHistory(opts Options) *gitHistory {
	return &gitHistory{read: opts.Git, hurry: make(chan struct{}), done: make(chan struct{})}
}

// start starts reading the history in the background, unless it has
// started.
func (h *gitHistory) start() {
	h.started.Do(func() {
		if h.read == nil {
			close(h.done)
			return
		}
		go func() {
			defer close(h.done)
			h.log, h.err = h.read(h.hurry)
		}()
	})
}

// wait returns the history, reading it as fast as it can: nil without one.
func (h *gitHistory) wait() *gitlog.Log {
	h.start()
	h.hurried.Do(func() { close(h.hurry) })
	<-h.done
	return h.log
}

// findings returns, the first time it is called after wait, a warning
// when the history could not be read.
func (h *gitHistory) findings() finding.List {
	if h.err == nil || h.reported {
		return nil
	}
	h.reported = true
	var l finding.List
	l.Warnf(finding.GitHistory, finding.Position{File: "."},
		"the git history could not be read, so pages show no git dates, authors or commits: %v", h.err)
	return l
}
