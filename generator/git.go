package generator

import (
	"context"

	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// readsGit reports, for each document, whether its placeholders may name
// git: only those documents wait for the git history to be read before
// they are assembled.
func readsGit(ctx context.Context, workers int, ev *placeholder.Evaluator, docs []*source.Document) []bool {
	reads := make([]bool, len(docs))
	parallel(ctx, workers, len(docs), func(i int) {
		reads[i] = docs[i].Reads(ev, "git")
	})
	return reads
}

// withHistory gives the site and each published document what git knows of
// them (the site's commit, each file's last and recent commits), and lists
// the site's changes, from git or else from the documents' histories.
func withHistory(s *site.Site, log *gitlog.Log) {
	if log != nil {
		s.Commit = log.Head
		for _, d := range s.Documents {
			d.Git = log.Files[d.Path]
		}
	}
	s.Changes = changes(s, log)
}
