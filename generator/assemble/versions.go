package assemble

import (
	"context"
	"slices"
	"strings"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// maxVersionCommits bounds how many of a document's newest commits are
// read to find its versions: the cost of a build grows with the documents,
// not with the length of their histories.
const maxVersionCommits = 64

// maxVersionBytes is the largest earlier version of a document read.
const maxVersionBytes = 4 << 20

// docCommits are a published document's commits that the build may show,
// newest first, with the version the document had after each when git
// holds it ("" when not), and the commits that made a new version.
type docCommits struct {
	list    []*gitlog.Commit
	version map[*gitlog.Commit]string
	made    map[*gitlog.Commit]bool
}

// versions reads each published document as it was at its newest commits,
// and gives it the versions that git holds and the build may show
// (Document.Versions): a version is the document at the commit where its
// Version changed to it, its body's placeholders filled as of that
// version. A version that the build would have left out (its
// classification above the audience, or its status excluded, at that
// time) is not among them. The newest is the document as built.
func versions(ctx context.Context, s *site.Site, shown *shownHistory, ev *placeholder.Evaluator) map[*site.Document]*docCommits {
	if ev == nil {
		ev = placeholder.New()
	}
	byPath := make(map[string]*site.Document, len(s.Documents))
	for _, d := range s.Documents {
		byPath[d.Path] = d
	}
	out := make(map[*site.Document]*docCommits, len(s.Documents))
	type at struct {
		d    *site.Document
		c    *gitlog.Commit
		path string
	}
	var wanted []at
	for i, c := range shown.log.Commits {
		if shown.hidden[i] || c.Merge() {
			continue
		}
		for _, di := range shown.lin.Docs(i) {
			d := byPath[shown.docs[di]]
			if d == nil {
				continue
			}
			dc := out[d]
			if dc == nil {
				dc = &docCommits{version: map[*gitlog.Commit]string{}, made: map[*gitlog.Commit]bool{}}
				out[d] = dc
			}
			dc.list = append(dc.list, c)
			if len(dc.list) <= maxVersionCommits {
				if p := shown.lin.Path(i, di); p != "" {
					wanted = append(wanted, at{d, c, p})
				}
			}
		}
	}
	blobs := make([]gitlog.Blob, len(wanted))
	for i, w := range wanted {
		blobs[i] = gitlog.Blob{Commit: w.c.Hash, Path: w.path}
	}
	contents, err := shown.log.Contents(ctx, blobs, maxVersionBytes)
	if err != nil {
		contents = make([][]byte, len(wanted)) // the versions are not known
	}
	titles := markdown.New(markdown.Options{})
	// The documents as they were, oldest first.
	olds := map[*site.Document][]*site.Version{}
	shownOld := map[*site.Version]bool{}
	for i := len(wanted) - 1; i >= 0; i-- {
		w, data := wanted[i], contents[i]
		if data == nil {
			continue
		}
		src := source.Parse(w.path, data)
		// The front matter tells the version; the body is read only where
		// a version begins.
		fields, _ := documentFields(src, w.d.Section, ev, placeholder.Data{"meta": Merge(w.d.Section.Meta, src.OwnMeta()), "git": gitData(nil)})
		version := fields["version"].String()
		dc := out[w.d]
		dc.version[w.c] = version
		vs := olds[w.d]
		if len(vs) > 0 && sameVersion(vs[len(vs)-1].Version, version) {
			continue
		}
		var discard finding.List
		old := document(src, w.d.Section, nil, ev, nil, titles, &discard)
		dc.made[w.c] = true
		v := &site.Version{Version: old.Version, Commit: w.c, As: old, Title: old.Title, Doc: w.d}
		olds[w.d] = append(vs, v)
		shownOld[v] = published(s.Config, old)
	}
	for d, vs := range olds {
		if len(out[d].list) > maxVersionCommits {
			// The oldest commit read may not be where its version began.
			delete(out[d].made, vs[0].Commit)
		}
	}
	for _, d := range s.Documents {
		var vs []*site.Version
		for _, v := range olds[d] {
			if shownOld[v] {
				vs = append(vs, v)
			}
		}
		cur := &site.Version{Version: d.Version, Title: d.Title, Doc: d, HTML: d.Body}
		if n := len(vs); n > 0 && sameVersion(vs[n-1].Version, d.Version) {
			cur.Commit = vs[n-1].Commit
			vs = vs[:n-1]
		}
		vs = append(vs, cur)
		slices.Reverse(vs)
		d.Versions = vs
	}
	return out
}

// sameVersion reports whether two Version values name one version: "v1.0"
// is "1.0".
func sameVersion(a, b string) bool {
	return strings.EqualFold(strings.TrimLeft(strings.TrimSpace(a), "vV"), strings.TrimLeft(strings.TrimSpace(b), "vV"))
}
