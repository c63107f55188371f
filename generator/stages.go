package generator

import (
	"context"
	"io/fs"

	"github.com/govdoc/govdoc/generator/assemble"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/internal/parallel"
	"github.com/govdoc/govdoc/generator/render"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/write"
)

// pagesOf lists the pages of the site for the write stage to render. In a
// session, a page whose fingerprint is unchanged is given as an earlier
// build rendered it.
func pagesOf(ctx context.Context, opts Options, s *site.Site) []write.Page {
	pages := render.Pages(s, assemble.RecentBy(s.Documents, 10, opts.cache.Updated))
	// With room for the other files of the output, which follow.
	out := opts.cache.OutputList(len(pages) + len(pages)/32 + 256)[:len(pages)]
	fps := opts.cache.Fingerprints(sub(opts.Theme, "templates"), sub(opts.Source, "templates"), s)
	if fps == nil {
		for i, p := range pages {
			out[i] = write.Of(p)
		}
		return out
	}
	parallel.Do(ctx, workers(opts), len(pages), func(i int) {
		p := pages[i]
		fp, known := fps.Page(p)
		if html, links, checked, ok := opts.cache.Page(p.URL, fp, known); ok {
			out[i] = write.Page{URL: p.URL, Source: write.SourceOf(p), HTML: html, Links: links, Prior: checked}
		} else {
			out[i] = write.Of(p)
			if known {
				out[i].Keep = func(html []byte, links *write.Links) { opts.cache.KeepPage(p.URL, fp, html, links) }
			}
		}
		if known {
			out[i].KeepChecked = func(c *write.Checked) { opts.cache.KeepChecked(p.URL, c) }
		}
	})
	return out
}

// loadTheme parses the theme, or reuses the one a session parsed while
// the site's templates are unchanged.
func loadTheme(opts Options) (*render.Theme, finding.List) {
	return opts.cache.Theme(func() (*render.Theme, finding.List) {
		return render.Load(sub(opts.Theme, "templates"), sub(opts.Source, "templates"))
	})
}

// sub returns the folder dir of fsys, or nil when there is none.
func sub(fsys fs.FS, dir string) fs.FS {
	if fsys == nil {
		return nil
	}
	if info, err := fs.Stat(fsys, dir); err != nil || !info.IsDir() {
		return nil
	}
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return s
}
