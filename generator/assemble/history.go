package assemble

import (
	"cmp"
	"context"
	"path"
	"slices"
	"strings"

	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/internal/parallel"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// ReadsGit reports, for each document, whether its placeholders may name
// git: only those documents wait for the git history to be read before
// they are assembled.
func ReadsGit(ctx context.Context, workers int, ev *placeholder.Evaluator, docs []*source.Document) []bool {
	reads := make([]bool, len(docs))
	parallel.Do(ctx, workers, len(docs), func(i int) {
		reads[i] = docs[i].Reads(ev, "git")
	})
	return reads
}

// WithHistory gives the site and each published document what git knows of
// them that the build may show (the site's commit, each document's last
// and recent commits, its versions), and lists the site's changes: the
// rows of the documents' histories, with the commits git adds. ev fills
// the placeholders of earlier versions.
func WithHistory(ctx context.Context, s *site.Site, log *gitlog.Log, ev *placeholder.Evaluator) {
	var shown *shownHistory
	var commits map[*site.Document]*docCommits
	if log != nil {
		var paths []string
		var pub []bool
		for _, d := range s.Documents {
			paths, pub = append(paths, d.Path), append(pub, true)
		}
		for _, d := range s.Excluded {
			paths, pub = append(paths, d.Path), append(pub, false)
		}
		shown = showHistory(log, s.Config, paths, pub)
		s.Commit = shown.head()
		for _, d := range s.Documents {
			d.Git = shown.files[d.Path]
		}
		commits = versions(ctx, s, shown, ev)
	}
	// The documents of one version, most of them, have theirs made at
	// once.
	var one []site.Version
	var ones []*site.Version
	for i, d := range s.Documents {
		if len(d.Versions) == 0 {
			if one == nil {
				one, ones = make([]site.Version, len(s.Documents)-i), make([]*site.Version, len(s.Documents)-i)
			}
			v := &one[0]
			*v = site.Version{Version: d.Version, Title: d.Title, Doc: d, HTML: d.Body}
			ones[0] = v
			d.Versions = ones[:1:1]
			one, ones = one[1:], ones[1:]
		}
	}
	s.Changes = changes(s, commits)
}

// shownHistory is what a build may show of the site's git history. git
// follows paths, and a build publishes documents: a commit is known by the
// documents it touched at the paths they had then (gitlog.Follow). A
// commit that touched a document the build leaves out is hidden: its
// subject, author, date and hash are on no page, not in the changes or
// the feed, and no placeholder names them. So is, when a document of
// unknown classification would be left out, a commit that touched a
// document the site no longer has: git does not say how it was classified.
// The footer names a hidden commit by its hash alone.
type shownHistory struct {
	log    *gitlog.Log
	lin    *gitlog.Lineage
	docs   []string // the documents, published and left out, sorted
	hidden []bool   // by commit of the log
	// files holds each published document's commits that are shown,
	// newest first, by path.
	files map[string]*gitlog.File
}

// showHistory works out what a build may show of log, for the documents at
// paths, in[i] telling whether the build publishes paths[i].
func showHistory(log *gitlog.Log, cfg *config.Config, paths []string, in []bool) *shownHistory {
	order := make([]int, len(paths))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(paths[a], paths[b]) })
	h := &shownHistory{log: log, docs: make([]string, len(paths)), hidden: make([]bool, len(log.Commits)), files: map[string]*gitlog.File{}}
	pub := make([]bool, len(paths))
	for i, j := range order {
		h.docs[i], pub[i] = paths[j], in[j]
	}
	h.lin = log.Follow(h.docs)
	unknownLeftOut := !published(cfg, &site.Document{}) // no classification: the most sensitive
	for i := range log.Commits {
		h.hidden[i] = slices.ContainsFunc(h.lin.Docs(i), func(d int32) bool { return !pub[d] }) ||
			unknownLeftOut && slices.ContainsFunc(h.lin.Unowned(i), isDocumentPath)
	}
	recent := cmp.Or(log.Recent, 5)
	for i, c := range log.Commits {
		if h.hidden[i] || c.Merge() { // git log names no file for a merge
			continue
		}
		for _, d := range h.lin.Docs(i) {
			f := h.files[h.docs[d]]
			if f == nil {
				f = &gitlog.File{Last: c}
				h.files[h.docs[d]] = f
			}
			if len(f.Recent) < recent {
				f.Recent = append(f.Recent, c)
			}
		}
	}
	return h
}

// last returns the last commit of the document at path that the build may
// show, or nil.
func (h *shownHistory) last(path string) *gitlog.Commit {
	if f := h.files[path]; f != nil {
		return f.Last
	}
	return nil
}

// head returns the site's commit as the build may show it: whole, or, when
// it is hidden, with its hash alone, which names the sources the build was
// made from and tells nothing else.
func (h *shownHistory) head() *gitlog.Commit {
	head := h.log.Head
	if head == nil {
		return nil
	}
	for i, c := range h.log.Commits {
		if c.Hash == head.Hash && h.hidden[i] {
			return &gitlog.Commit{Hash: head.Hash}
		}
	}
	return head
}

// each calls fn for every commit the build may show and every document it
// touched, newest first, until fn returns false.
func (h *shownHistory) each(fn func(c *gitlog.Commit, doc string) bool) {
	for i, c := range h.log.Commits {
		if h.hidden[i] || c.Merge() {
			continue
		}
		for _, d := range h.lin.Docs(i) {
			if !fn(c, h.docs[d]) {
				return
			}
		}
	}
}

// isDocumentPath reports whether a file git names, from the site root, is
// or was a document: Markdown under content/ other than a section's index.
func isDocumentPath(p string) bool {
	return strings.HasPrefix(p, source.ContentDir+"/") && strings.EqualFold(path.Ext(p), ".md") && path.Base(p) != source.IndexFile
}
