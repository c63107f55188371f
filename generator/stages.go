package generator

import (
	"bytes"
	"cmp"
	"context"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/govdoc/govdoc/generator/check"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/refs"
	"github.com/govdoc/govdoc/generator/render"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
	"github.com/govdoc/govdoc/generator/write"
)

// linkBodies resolves the references of every document and section
// introduction, in parallel. With html set, published documents and the
// introductions are converted to HTML; documents left out of the build are
// only scanned, so that a build checks them as a check does. Anchors are
// checked and backlinks filled once every page's headings are known.
func linkBodies(ctx context.Context, opts Options, s *site.Site, md *markdown.Renderer, html bool) finding.List {
	ix := refs.NewIndex(s, render.Rel)
	all := append(slices.Clip(s.Documents), s.Excluded...)
	sections := append([]*site.Section{s.Root}, s.Sections()...)
	found := make([]finding.List, len(all)+len(sections))
	context := opts.cache.linkContext(s, html)
	parallel(ctx, workers(opts), len(all)+len(sections), func(i int) {
		if i >= len(all) {
			found[i] = linkSection(ctx, sections[i-len(all)], ix, md, html)
			return
		}
		d := all[i]
		if d.Source.Src == nil {
			return // unreadable; its read error says so
		}
		if r, ok := opts.cache.body(d, context); ok {
			r.apply(d, ix)
			found[i] = r.findings
			return
		}
		if e, ok := markdown.Limit(d.Markdown); ok {
			// Shown as text: beyond what govdoc parses in bounded time.
			found[i].Errorf(finding.LimitExceeded, d.Pos(e.Offset), "%s, and shows this document as plain text", e.What)
			d.Body = plainText(d.Markdown)
			d.Parts = []site.BodyPart{{HTML: d.Body}}
			d.Anchors = map[string]bool{}
			return
		}
		linker := ix.For(d)
		var res markdown.Result
		render := html && !d.Excluded
		if !whileLive(ctx, func() {
			if opts.parsing != nil {
				opts.parsing(d.Path, true)
			}
			if render {
				res = md.Render(d.Markdown, d.Fields["title"].String(), linker.Resolve)
			} else {
				res = md.Scan(d.Markdown, d.Fields["title"].String(), linker.Resolve)
			}
			if opts.parsing != nil {
				opts.parsing(d.Path, false)
			}
		}) {
			return
		}
		if render {
			d.Body, d.TitleHTML = template.HTML(res.HTML), template.HTML(res.TitleHTML)
			placeBlocks(d)
		}
		d.Headings, d.TitleID = res.Headings, res.TitleID
		d.Anchors = make(map[string]bool, len(res.Headings))
		for _, h := range res.Headings {
			d.Anchors[h.ID] = true
		}
		d.Refs, d.Files, d.External = linker.Refs, linker.Files, linker.External
		found[i] = linker.Findings
		opts.cache.keepBody(d, context, linker.Findings)
		if html && opts.cache == nil {
			d.Markdown = nil // a build has no more use for it; a session keeps it
		}
	})
	var findings finding.List
	for _, f := range found {
		findings = append(findings, f...)
	}
	findings = append(findings, refs.CheckAnchors(all, sections)...)
	refs.Backlinks(s.Documents)
	return findings
}

// whileLive runs fn, which must only write what the caller reads after it,
// and waits for it or for ctx to be done, whichever comes first. It
// reports whether fn finished. The Markdown of a document is parsed in one
// piece, which for the largest takes seconds; an interrupted build does not
// wait for that: fn finishes on its own and its result is dropped.
func whileLive(ctx context.Context, fn func()) bool {
	if ctx.Err() != nil {
		return false
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}

// linkSection resolves the references of a section's _index.md and finds
// the headings of its introduction, which its page shows. With html set, it
// renders the introduction for the section's page, and again for the card
// that shows it on its parent's page, whose links start one folder up.
func linkSection(ctx context.Context, sec *site.Section, ix *refs.Index, md *markdown.Renderer, html bool) finding.List {
	sec.Intro, sec.CardIntro, sec.TitleHTML, sec.Headings, sec.Anchors = "", "", "", nil, map[string]bool{}
	sec.Refs, sec.Files, sec.External = nil, nil, nil
	if len(sec.Markdown) == 0 {
		return nil
	}
	var findings finding.List
	if e, ok := markdown.Limit(sec.Markdown); ok {
		findings.Errorf(finding.LimitExceeded, sec.Pos(e.Offset), "%s, and shows this introduction as plain text", e.What)
		sec.Intro = plainText(sec.Markdown)
		sec.CardIntro = sec.Intro
		return findings
	}
	linker := ix.ForSection(sec, sec.URL)
	var res markdown.Result
	var card []byte
	if !whileLive(ctx, func() {
		if !html {
			res = md.Scan(sec.Markdown, sec.Title, linker.Resolve)
			return
		}
		res = md.Render(sec.Markdown, sec.Title, linker.Resolve)
		card = res.HTML
		if sec.Parent != nil && (bytes.Contains(res.HTML, []byte(" href=")) || bytes.Contains(res.HTML, []byte(" src="))) {
			card = md.Render(sec.Markdown, sec.Title, ix.ForSection(sec, sec.Parent.URL).Resolve).HTML
		}
	}) {
		return nil
	}
	if html {
		sec.Intro, sec.TitleHTML = template.HTML(res.HTML), template.HTML(res.TitleHTML)
		sec.CardIntro = template.HTML(card)
	}
	for i, h := range res.Headings {
		if i == 0 && res.Title != "" {
			continue // the page shows the section's title in a heading of its own
		}
		sec.Headings = append(sec.Headings, h)
		sec.Anchors[h.ID] = true
	}
	sec.Refs, sec.Files, sec.External = linker.Refs, linker.Files, linker.External
	return linker.Findings
}

// plainText shows Markdown as written, in a pre block, with no placeholder
// text left for a template to read.
func plainText(md []byte) template.HTML {
	text := strings.ReplaceAll(template.HTMLEscapeString(string(md)), "{{", "&#123;&#123;")
	return template.HTML(`<pre class="plain">` + text + "</pre>")
}

// pagesOf lists the pages of the home page, every section, every document
// and the site-wide pages, for the write stage to render. In a session, a
// page whose fingerprint is unchanged is given as an earlier build rendered
// it.
func pagesOf(opts Options, s *site.Site) []write.Page {
	pages := []*render.Page{
		{Site: s, Kind: render.KindHome, Title: s.Config.Title, URL: "index.html", Section: s.Root, Recent: recent(s.Documents, 10)},
		{Site: s, Kind: render.Kind404, Title: "Page not found", URL: "404.html", Section: s.Root},
	}
	for _, sec := range s.Sections() {
		pages = append(pages, &render.Page{Site: s, Kind: render.KindSection, Title: sec.Title, URL: sec.URL, Section: sec})
	}
	for _, d := range s.Documents {
		pages = append(pages, &render.Page{Site: s, Kind: render.KindDocument, Title: d.Title, URL: d.URL, Section: d.Section, Doc: d})
	}
	pages = append(pages, &render.Page{Site: s, Kind: render.KindScorecards, Title: "Scorecards", URL: render.ScorecardsURL},
		&render.Page{Site: s, Kind: render.KindChanges, Title: "Changes", URL: render.ChangesURL},
		&render.Page{Site: s, Kind: render.KindDocuments, Title: "All documents", URL: render.DocumentsURL})
	if len(s.Tags) > 0 {
		pages = append(pages, &render.Page{Site: s, Kind: render.KindTags, Title: "Tags", URL: render.TagsURL})
		for _, t := range s.Tags {
			pages = append(pages, &render.Page{Site: s, Kind: render.KindTag, Title: "Tag: " + t.Name, URL: t.URL, Tag: t})
		}
	}
	if s.HasResponsibilities() {
		pages = append(pages,
			&render.Page{Site: s, Kind: render.KindResponsibilities, Title: "Responsibilities", URL: render.ResponsibilitiesURL},
			&render.Page{Site: s, Kind: render.KindRoles, Title: "Roles", URL: render.RolesURL})
		for _, r := range s.Roles {
			pages = append(pages, &render.Page{Site: s, Kind: render.KindRole, Title: r.Name, URL: r.URL, Role: r})
		}
	}
	out := make([]write.Page, len(pages))
	fps := opts.cache.fingerprints(opts, s)
	for i, p := range pages {
		w := write.Page{URL: p.URL, Source: "templates/" + p.Kind + ".html"}
		if p.Kind == render.KindSection || p.Kind == render.KindHome {
			// Introductions: their links were checked in _index.md.
			w.Bodies = append(w.Bodies, string(p.Section.Intro))
			for _, sub := range p.Section.Sections {
				w.Bodies = append(w.Bodies, string(sub.CardIntro))
			}
		}
		if p.Doc != nil {
			for _, part := range p.Doc.Parts {
				w.Bodies = append(w.Bodies, string(part.HTML))
			}
			w.Source = p.Doc.Path
		}
		fp, known := fps.page(p)
		if html, links, ok := opts.cache.page(p.URL, fp, known); ok {
			w.HTML, w.Links = html, links
		} else {
			w.Render = p
			if known {
				w.Keep = func(html []byte, links *write.Links) { opts.cache.keepPage(p.URL, fp, html, links) }
			}
		}
		out[i] = w
	}
	return out
}

// recent returns up to n documents, the most recently updated first.
func recent(docs []*site.Document, n int) []*site.Document {
	type dated struct {
		d *site.Document
		t time.Time
	}
	var ds []dated
	for _, d := range docs {
		if t, ok := check.ParseDate(d.LastUpdate); ok {
			ds = append(ds, dated{d, t})
		}
	}
	slices.SortStableFunc(ds, func(a, b dated) int {
		return cmp.Or(b.t.Compare(a.t), cmp.Compare(a.d.Title, b.d.Title))
	})
	out := make([]*site.Document, 0, min(n, len(ds)))
	for _, x := range ds[:min(n, len(ds))] {
		out = append(out, x.d)
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

// staticFile is a file copied as is to the output.
type staticFile struct {
	fsys fs.FS
	path string
}

// staticFiles lists the files copied to the output by their output path:
// the theme's static/, then the site's static/ (replacing theme files of
// the same name), then the non-Markdown files under content/ but those
// that only documents left out of this build use. Editors' temporary and
// backup files are never copied.
func staticFiles(opts Options, s *site.Site) map[string]staticFile {
	files := staticFolders(opts)
	// The files that only documents left out of this build use: their
	// images and attachments, and their scorecards' data.
	private := map[string]bool{}
	for _, d := range s.Excluded {
		if d.Scorecard != nil && d.Scorecard.Source != "" {
			private[d.Scorecard.Source] = true
		}
		for _, f := range d.Files {
			private[f] = true
		}
	}
	for _, d := range s.Documents {
		for _, f := range d.Files {
			delete(private, f) // a published document shows it too
		}
	}
	for _, sec := range append(s.Sections(), s.Root) {
		for _, f := range sec.Files {
			delete(private, f) // a section's page shows it
		}
	}
	for _, a := range s.Assets {
		if !private[a] {
			files[refs.AssetURL(a)] = staticFile{opts.Source, a}
		}
	}
	return files
}

// staticFolders lists the files of the theme's static/ and the site's
// static/ (replacing theme files of the same name) by their output path.
func staticFolders(opts Options) map[string]staticFile {
	files := map[string]staticFile{}
	for _, root := range []fs.FS{sub(opts.Theme, "static"), sub(opts.Source, "static")} {
		if root == nil {
			continue
		}
		_ = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && !source.EditorFile(d.Name()) {
				files[p] = staticFile{root, p}
			}
			return nil
		})
	}
	return files
}
