// Package write is the last stage of a build. Each page is rendered by the
// theme into a pooled buffer, the links it writes are checked, and it is
// stored, all by the same worker; nothing of a page is held once it is
// written. Links to a #fragment of another page are checked at the end,
// against the ids each page was found to have.
package write

import (
	"bytes"
	"context"
	"hash/maphash"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/internal/parallel"
	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/generator/render"
)

// Page is one file of the output: a page the theme renders, or bytes made
// elsewhere (a data file, or a page an earlier build rendered).
type Page struct {
	URL string
	// Source is the file the page comes from, which findings name: a
	// document, or the template of its kind.
	Source string
	// Render is the page to render; nil when HTML is given.
	Render *render.Page
	// HTML is the file's content when Render is nil.
	HTML []byte
	// Read, if set, reads the file's content when Render and HTML are nil:
	// a static file, read when it is written.
	Read func() ([]byte, error)
	// Links are the links and ids found on HTML by an earlier build, or
	// nil to find them.
	Links *Links
	// Bodies are parts of the page whose links were checked where they
	// were written (document bodies, section introductions), and are not
	// checked again.
	Bodies []string
	// Sidebar is a sidebar the page shares with others, whose links are
	// checked once for all of them; its own copy is among Bodies.
	Sidebar string
	// Keep, if set, is given the rendered page and its links, to keep for
	// a later build; the bytes are its own.
	Keep func(html []byte, links *Links)
	// Prior is what an earlier build found checking the page given as
	// HTML, reused when nothing it depends on changed.
	Prior *Checked
	// KeepChecked, if set, is given what checking the page found, to keep
	// for a later build, unless Prior was reused.
	KeepChecked func(*Checked)

	shared *render.SharedLinks // the links of a sidebar it shares, as the theme reported them
}

// Of returns the page of the theme p, to render: its source is its
// document, or else its kind's template; the document body and section
// introductions on it are Bodies.
func Of(p *render.Page) Page {
	w := Page{URL: p.URL, Source: SourceOf(p), Render: p}
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
	}
	return w
}

// SourceOf is the file findings of a page of the theme name: its
// document, or else its kind's template.
func SourceOf(p *render.Page) string {
	if p.Doc != nil {
		return p.Doc.Path
	}
	return "templates/" + p.Kind + ".html"
}

// Links are what a page links to outside its Bodies, and the ids of its
// elements.
type Links struct {
	// Dests are links as written in the page, read from its HTML.
	Dests []string
	// Targets are links as the theme reported them (see
	// render.PageLinks): output paths, each with its #fragment if any.
	Targets []string
	IDs     []string
}

// Options configure the stage.
type Options struct {
	Workers int
	Theme   *render.Theme
	Out     output.Writer
	// Files lists the output's other files, which pages may link to:
	// static files and what the theme does not render.
	Files []string
	// Base is the site's base path; links that start with it are checked
	// as links within the output.
	Base string
	// Owned means the writer keeps the bytes it is given (as live preview
	// does), so each page gets its own rather than a pooled buffer.
	Owned bool
	// ShareSidebars checks the links of a sidebar that document pages
	// share once (see render.Theme.SharedSidebar), not on every page.
	ShareSidebars bool
	// Names, if set, keeps the set of the output's files from one run to
	// the next, so that a run with the same files need not gather it.
	Names *Names
}

// Names is the set of an output's files, kept between runs.
type Names struct {
	hash uint64
	set  map[string]bool
}

// Result is what the stage did.
type Result struct {
	// Written is how many files were written, Rendered how many pages the
	// theme rendered.
	Written, Rendered int
	Findings          finding.List
}

// pool holds page buffers; one too large to keep is dropped.
var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const keepBuffer = 1 << 20

// fragment is a link to an id of another page, checked once every page's
// ids are known.
type fragment struct {
	page   int    // the index of the page that links
	from   string // its output path
	source string
	dest   string // as written
	target string // the output path it names
	id     string
}

// Checked is what checking a page found, and what that depends on besides
// the page: the output's files, and the pages whose ids its #fragments
// name. A later build in which neither changed reuses it.
type Checked struct {
	names    uint64
	into     []string
	findings finding.List
}

// Pages renders, checks and writes pages on opts.Workers goroutines. A
// template error is a finding of its page and the page is not written; a
// write error stops the stage and is returned.
func Pages(ctx context.Context, opts Options, pages []Page) (*Result, error) {
	rendered := map[string]bool{} // pages rendered anew, whose ids may have changed
	for _, p := range pages {
		if p.Render != nil {
			rendered[p.URL] = true
		}
	}
	names := namesHash(pages, opts.Files)
	exists := outputNames(names, pages, opts)
	var (
		mu        sync.Mutex
		res       = &Result{}
		firstErr  error
		ids       = make([][]string, len(pages)) // by page, when it was written with links
		hasIDs    = make([]bool, len(pages))
		fragments []fragment
		found     = make([]finding.List, len(pages)) // by page
		sidebars  = map[string]bool{}
		// sharedLinks are the shared sidebars whose links were checked
		sharedLinks = map[*render.SharedLinks]bool{}
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	one := func(i int) {
		p := &pages[i]
		data, buf, links, fresh, err := page(p, opts)
		if err != nil {
			mu.Lock()
			defer mu.Unlock()
			if p.Render != nil {
				res.Findings.Errorf(finding.TemplateError, finding.Position{File: p.Source}, "%v", err)
			} else if firstErr == nil {
				firstErr = err
				cancel()
			}
			return
		}
		var (
			own, shared  finding.List
			frags, sfrag []fragment
			reused       bool
		)
		if prior := p.Prior; !fresh && links != nil && prior != nil && prior.names == names &&
			!slices.ContainsFunc(prior.into, func(u string) bool { return rendered[u] }) {
			own, reused = prior.findings, true
		} else if links != nil {
			own, frags = check(i, p.URL, p.Source, links.Dests, exists, opts.Base)
			f, fr := checkTargets(i, p.URL, p.Source, links.Targets, exists)
			own, frags = append(own, f...), append(frags, fr...)
		}
		mu.Lock()
		first := p.Sidebar != "" && !sidebars[p.Sidebar]
		if first {
			sidebars[p.Sidebar] = true
		}
		firstShared := p.shared != nil && !sharedLinks[p.shared]
		if firstShared {
			sharedLinks[p.shared] = true
		}
		mu.Unlock()
		if first {
			dests := scan([]byte(p.Sidebar), nil)
			shared, sfrag = check(-1, p.URL, sidebarTemplate, dests, exists, opts.Base)
		}
		if firstShared {
			shared, sfrag = checkTargets(-1, p.URL, sidebarTemplate, p.shared.Targets, exists)
		}
		err = opts.Out.WriteFile(p.URL, data)
		if buf != nil && buf.Cap() <= keepBuffer {
			buf.Reset()
			pool.Put(buf)
		}
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			if firstErr == nil {
				firstErr = err
				cancel()
			}
			return
		}
		res.Written++
		if fresh {
			res.Rendered++
		}
		found[i] = own
		res.Findings = append(res.Findings, shared...)
		fragments = append(fragments, frags...)
		fragments = append(fragments, sfrag...)
		if links != nil {
			ids[i], hasIDs[i] = links.IDs, true
		}
		if reused {
			p.KeepChecked = nil // as it was
		}
	}
	parallel.Do(ctx, opts.Workers, len(pages), one)
	if firstErr != nil {
		return res, firstErr
	}
	into := make([][]string, len(pages))
	for _, f := range checkFragments(fragments, idsOf(pages, ids, hasIDs)) {
		if f.page < 0 {
			res.Findings = append(res.Findings, f.finding) // a shared sidebar's
			continue
		}
		found[f.page] = append(found[f.page], f.finding)
	}
	for _, f := range fragments {
		// A page's links to its own ids hold while it is not rendered
		// anew, and then it is checked anew.
		if f.page >= 0 && f.target != f.from {
			into[f.page] = append(into[f.page], f.target)
		}
	}
	for i, in := range into {
		if len(in) > 1 {
			slices.Sort(in)
			into[i] = slices.Compact(in)
		}
	}
	for i := range pages {
		res.Findings = append(res.Findings, found[i]...)
		if keep := pages[i].KeepChecked; keep != nil {
			keep(&Checked{names: names, into: into[i], findings: found[i]})
		}
	}
	return res, ctx.Err()
}

// namesHash fingerprints the output's files, pages and others: the sum of
// their names' hashes, which does not depend on their order.
func namesHash(pages []Page, files []string) uint64 {
	sum := uint64(len(pages) + len(files))
	for _, p := range pages {
		sum += maphash.String(seed, p.URL)
	}
	for _, f := range files {
		sum += maphash.String(seed, f)
	}
	return sum
}

// outputNames returns the set of the output's files: opts.Names's, if it is
// of the same names, else a new one, which opts.Names keeps.
func outputNames(hash uint64, pages []Page, opts Options) map[string]bool {
	if n := opts.Names; n != nil && n.set != nil && n.hash == hash {
		return n.set
	}
	exists := make(map[string]bool, len(pages)+len(opts.Files))
	for _, f := range opts.Files {
		exists[f] = true
	}
	for _, p := range pages {
		exists[p.URL] = true
	}
	if n := opts.Names; n != nil {
		n.hash, n.set = hash, exists
	}
	return exists
}

// idsOf returns a function that gives the ids of the page a fragment
// names, and whether it was written with them.
func idsOf(pages []Page, ids [][]string, has []bool) func(f fragment) ([]string, bool) {
	var at map[string]int
	return func(f fragment) ([]string, bool) {
		i := f.page
		if i < 0 || f.target != f.from {
			if at == nil { // when first needed: links to other pages' ids are few
				at = make(map[string]int, len(pages))
				for i, p := range pages {
					at[p.URL] = i
				}
			}
			var ok bool
			if i, ok = at[f.target]; !ok {
				return nil, false
			}
		}
		return ids[i], has[i]
	}
}

// seed makes name hashes comparable within a process, as Checked needs.
var seed = maphash.MakeSeed()

// page returns the bytes of p, rendering it if needed, and its links, or
// nil links for a file that is not HTML. buf, if not nil, holds data and
// goes back to the pool once data is written.
func page(p *Page, opts Options) (data []byte, buf *bytes.Buffer, links *Links, rendered bool, err error) {
	html := strings.HasSuffix(p.URL, ".html")
	if p.Render == nil {
		if p.Read != nil && p.HTML == nil {
			data, err := p.Read()
			return data, nil, nil, false, err
		}
		if html {
			links = p.Links
			if links == nil {
				links = find(p.HTML, p.Bodies)
			}
		}
		return p.HTML, nil, links, false, nil
	}
	buf = pool.Get().(*bytes.Buffer)
	made, err := opts.Theme.RenderLinksTo(buf, p.Render)
	if err != nil {
		buf.Reset()
		pool.Put(buf)
		return nil, nil, nil, false, err
	}
	data = buf.Bytes()
	if opts.Owned || p.Keep != nil {
		data = bytes.Clone(data)
		buf.Reset()
		pool.Put(buf)
		buf = nil
	}
	switch {
	case !html:
	case made.Overridden:
		// A template of the site's own may write any link: read them.
		if opts.ShareSidebars {
			if shared, own, ok := opts.Theme.SharedSidebar(p.Render); ok {
				p.Sidebar = shared
				p.Bodies = append(p.Bodies, own)
			}
		}
		links = find(data, p.Bodies)
	default:
		// The theme said which links it wrote.
		links = &Links{Targets: made.Targets, IDs: attrList(data, nil, "id")}
		if made.Sidebar != nil {
			if opts.ShareSidebars {
				p.shared = made.Sidebar
			} else {
				links.Targets = append(slices.Clip(links.Targets), made.Sidebar.Targets...)
			}
		}
	}
	if p.Keep != nil {
		p.Keep(data, links)
	}
	return data, buf, links, true, nil
}

// find returns the links of html outside bodies, and its ids.
func find(html []byte, bodies []string) *Links {
	var skip [][2]int
	for _, body := range bodies {
		if len(body) == 0 {
			continue
		}
		if at := bytes.Index(html, []byte(body)); at >= 0 {
			skip = append(skip, [2]int{at, at + len(body)})
		}
	}
	return &Links{Dests: scan(html, skip), IDs: attrList(html, nil, "id")}
}

func scan(html []byte, skip [][2]int) []string { return attrList(html, skip, "href", "src") }

// check checks the links of one page: each must name a file of the output.
// Links to an id of a page are returned, to be checked once every page's
// ids are known.
func check(page int, from, source string, dests []string, exists map[string]bool, base string) (findings finding.List, frags []fragment) {
	report := func(dest, why string) {
		findings.Errorf(finding.BrokenLink, finding.Position{File: source}, "the page %s links to %q, %s", from, dest, why)
	}
	for _, dest := range dests {
		u, err := url.Parse(dest)
		if err != nil {
			report(dest, "which is not a valid link")
			continue
		}
		if u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "/") && !strings.HasPrefix(u.Path, base) {
			continue
		}
		target := from
		if u.Path != "" {
			target = path.Join(path.Dir(from), u.Path)
			if strings.HasPrefix(u.Path, "/") {
				target = path.Clean(strings.TrimPrefix(u.Path, base))
			}
			if strings.HasSuffix(u.Path, "/") {
				target += "/index.html"
			}
			if !exists[target] {
				report(dest, "which is not in the output")
				continue
			}
		}
		if u.Fragment != "" && strings.HasSuffix(target, ".html") {
			frags = append(frags, fragment{page: page, from: from, source: source, dest: dest, target: target, id: u.Fragment})
		}
	}
	return findings, frags
}

// pageFinding is a finding of the page at an index, -1 for none.
type pageFinding struct {
	page    int
	finding finding.Finding
}

// sidebarTemplate is the template findings on a shared sidebar name.
const sidebarTemplate = "templates/partials/sidebar.html"

// checkTargets checks links as the theme reported them: output paths, each
// with its #fragment if any.
func checkTargets(page int, from, source string, targets []string, exists map[string]bool) (findings finding.List, frags []fragment) {
	for _, t := range targets {
		target, id, _ := strings.Cut(t, "#")
		if target == "" {
			target = from
		}
		if !exists[target] {
			findings.Errorf(finding.BrokenLink, finding.Position{File: source}, "the page %s links to %q, which is not in the output", from, t)
			continue
		}
		if id != "" && strings.HasSuffix(target, ".html") {
			frags = append(frags, fragment{page: page, from: from, source: source, dest: t, target: target, id: id})
		}
	}
	return findings, frags
}

// checkFragments reports the links whose #fragment is no id on the page
// they name.
func checkFragments(frags []fragment, ids func(f fragment) ([]string, bool)) []pageFinding {
	sets := map[string]map[string]bool{}
	written := map[string]bool{}
	var out []pageFinding
	for _, f := range frags {
		set, ok := sets[f.target]
		if !ok {
			list, w := ids(f)
			set = make(map[string]bool, len(list))
			for _, id := range list {
				set[id] = true
			}
			sets[f.target], written[f.target] = set, w
		}
		if written[f.target] && !set[f.id] {
			var l finding.List
			l.Errorf(finding.BrokenLink, finding.Position{File: f.source}, "the page %s links to %q, whose #%s is no id on that page", f.from, f.dest, f.id)
			out = append(out, pageFinding{f.page, l[0]})
		}
	}
	return out
}

// attrList returns the values of the named attributes in html, outside the
// byte ranges skip. govdoc's pages are html/template output, so attribute
// values are always double-quoted.
func attrList(html []byte, skip [][2]int, names ...string) []string {
	var out []string
	for _, name := range names {
		needle := []byte(" " + name + `="`)
		for off := 0; ; {
			i := bytes.Index(html[off:], needle)
			if i < 0 {
				break
			}
			start := off + i + len(needle)
			end := bytes.IndexByte(html[start:], '"')
			if end < 0 {
				break
			}
			off = start + end
			if slices.ContainsFunc(skip, func(r [2]int) bool { return start >= r[0] && start < r[1] }) {
				continue
			}
			out = append(out, unescapeAttr(string(html[start:start+end])))
		}
	}
	return out
}

func unescapeAttr(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return strings.NewReplacer("&amp;", "&", "&#39;", "'", "&#34;", `"`, "&quot;", `"`, "&lt;", "<", "&gt;", ">").Replace(s)
}
