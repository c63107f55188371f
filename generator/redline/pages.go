package redline

import (
	"context"
	"fmt"
	"html/template"
	"strings"

	"github.com/govdoc/govdoc/generator/internal/parallel"
	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/refs"
	"github.com/govdoc/govdoc/generator/render"
	"github.com/govdoc/govdoc/generator/site"
)

// Bounds of the pages made per document: the versions in its menu, and
// up to how many versions every pair of them has a page. Beyond it, each
// version has a page against the one before it and against the current
// one.
const (
	MaxVersions = 20
	MaxAllPairs = 5
)

// Options configure Pages.
type Options struct {
	Workers int
	// Markdown are the options of the Markdown renderer the pages were
	// rendered with; earlier versions are rendered with them too.
	Markdown markdown.Options
}

// markers are what the renderer leaves where a block is placed apart.
var markers = []string{placeholder.RACIMarker, placeholder.ScorecardMarker, placeholder.HistoryMarker}

// URL returns the output path of a document's redline page: under
// changes/, at the document's own path.
func URL(d *site.Document) string {
	return "changes/" + d.URL
}

// Pages gives each published document its redline pages
// (Document.Redlines): the first compares its previous version with the
// current one, or says there is none; the others compare pairs of its
// versions, as the menu of each page links them. Earlier versions are
// rendered as the current one was, their references resolved against the
// site as it is now, so that a link to a document left out of the build
// shows as it does on the page. Call it before the site is published (it
// needs the documents left out) and after the bodies are rendered.
func Pages(ctx context.Context, s *site.Site, opts Options) {
	ix := refs.NewIndex(s, render.Rel)
	mdOpts := opts.Markdown
	mdOpts.Blocks = markers
	mdOpts.TextLimit = 0
	md := markdown.New(mdOpts)
	// The redlines of the documents of one version, most of them, made at
	// once.
	ones, one := make([]site.Redline, len(s.Documents)), make([]*site.Redline, len(s.Documents))
	parallel.Do(ctx, opts.Workers, len(s.Documents), func(i int) {
		d := s.Documents[i]
		vs := d.Versions
		if len(vs) > MaxVersions {
			vs = vs[:MaxVersions]
		}
		d.Redlines = nil
		if len(vs) < 2 {
			ones[i] = site.Redline{Doc: d, To: vs[0], URL: URL(d)}
			one[i] = &ones[i]
			d.Redlines = one[i : i+1 : i+1]
			return
		}
		words := make([][]string, len(vs))
		for j, v := range vs {
			if v.As != nil && v.HTML == "" {
				v.HTML = template.HTML(md.Render(v.As.Markdown, v.Title, ix.For(v.As).Resolve).HTML)
			}
			if v.HTML == "" && v.As == nil {
				v.HTML = d.Body
			}
			words[j] = Words(v.HTML, markers...)
		}
		for _, p := range pairs(len(vs)) {
			r := &site.Redline{Doc: d, From: vs[p[0]], To: vs[p[1]], URL: URL(d)}
			if len(d.Redlines) > 0 {
				r.URL = strings.TrimSuffix(URL(d), "index.html") + slug(r.From.Version) + "-to-" + slug(r.To.Version) + "/index.html"
			}
			r.Body, r.Inserted, r.Deleted = Markup(Diff(words[p[0]], words[p[1]]))
			d.Redlines = append(d.Redlines, r)
		}
		for _, v := range d.Versions {
			if v.As != nil { // what is left of an earlier version is its number and commit
				v.As, v.HTML = nil, ""
			}
		}
	})
}

// pairs lists the pairs of versions (by index, newest first) that have
// pages, earlier first: the previous and the current first of all.
func pairs(n int) [][2]int {
	out := [][2]int{{1, 0}}
	for from := 2; from < n; from++ {
		out = append(out, [2]int{from, 0})
	}
	for from := 2; from < n; from++ {
		for to := from - 1; to >= 1; to-- {
			if n <= MaxAllPairs || to == from-1 {
				out = append(out, [2]int{from, to})
			}
		}
	}
	return out
}

// slug is a version as a folder name: letters, digits, dots, dashes and
// underscores kept, anything else a dash.
func slug(v string) string {
	var b strings.Builder
	for _, r := range v {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 || strings.Trim(b.String(), ".") == "" {
		return fmt.Sprintf("v%x", v)
	}
	return b.String()
}
