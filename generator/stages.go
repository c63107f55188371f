package generator

import (
	"io/fs"

	"github.com/govdoc/govdoc/generator/assemble"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/render"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/write"
)

// pagesOf lists the pages of the site for the write stage to render. In a
// session, a page whose fingerprint is unchanged is given as an earlier
// build rendered it.
func pagesOf(opts Options, s *site.Site) []write.Page {
	pages := render.Pages(s, assemble.Recent(s.Documents, 10))
	out := make([]write.Page, len(pages))
	fps := opts.cache.Fingerprints(sub(opts.Theme, "templates"), sub(opts.Source, "templates"), s)
	for i, p := range pages {
		w := write.Of(p)
		fp, known := fps.Page(p)
		if html, links, ok := opts.cache.Page(p.URL, fp, known); ok {
			w.Render, w.HTML, w.Links = nil, html, links
		} else {
			if known {
				w.Keep = func(html []byte, links *write.Links) { opts.cache.KeepPage(p.URL, fp, html, links) }
			}
		}
		out[i] = w
	}
	return out
}

func loadTheme(opts Options) (*render.Theme, finding.List) {
	return render.Load(sub(opts.Theme, "templates"), sub(opts.Source, "templates"))
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
