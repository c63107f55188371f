package generator

import (
	"bytes"
	"context"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/govdoc/govdoc/generator/finding"
)

// deadLinks checks every href and src of the rendered pages outside the
// document bodies (whose links were checked at their place in the source):
// each must name a file of the output, and each #fragment an id of its
// page. Links from the site's base path (as the 404 page writes them) are
// checked too. It catches a theme that would publish a dead link. A
// sidebar that document pages share is checked once, not on each page. A
// session reuses the result of a page it did not render again while the
// output has the same files and the pages it links into are unchanged.
func deadLinks(ctx context.Context, workers int, pages []renderedPage, files []string, base string, c *cache) finding.List {
	exists := make(map[string]int, len(pages)+len(files)) // output path -> page index, or -1
	for _, f := range files {
		exists[f] = -1
	}
	for i, p := range pages {
		exists[p.url] = i
	}
	names := c.outputNames(exists)
	type idSet struct {
		once sync.Once
		ids  map[string]bool
	}
	ids := make([]idSet, len(pages)) // built on demand
	idsOf := func(i int) map[string]bool {
		ids[i].once.Do(func() { ids[i].ids = attrValues(pages[i].html, "id") })
		return ids[i].ids
	}
	found := make([]finding.List, len(pages))
	parallel(ctx, workers, len(pages), func(i int) {
		p := pages[i]
		if !strings.HasSuffix(p.url, ".html") {
			return
		}
		if f, ok := c.deadLinks(p, names, pages, exists); ok {
			found[i] = f
			return
		}
		f, into := pageLinks(i, p, exists, idsOf, base)
		c.keepDeadLinks(p.url, names, f, into)
		found[i] = f
	})
	var findings finding.List
	for _, f := range found {
		findings = append(findings, f...)
	}
	// Each shared sidebar once, from the first page that shows it.
	checked := map[string]bool{}
	for _, p := range pages {
		if p.sidebar == "" || checked[p.sidebar] {
			continue
		}
		checked[p.sidebar] = true
		f, _ := pageLinks(-1, renderedPage{url: p.url, html: []byte(p.sidebar), source: "templates/partials/sidebar.html"}, exists, idsOf, base)
		findings = append(findings, f...)
	}
	return findings
}

// pageLinks checks the links of one page; into lists the pages whose ids
// its #fragments were checked against.
func pageLinks(i int, p renderedPage, exists map[string]int, idsOf func(int) map[string]bool, base string) (findings finding.List, into []string) {
	html := p.html
	var skip [][2]int
	for _, body := range p.bodies {
		if len(body) == 0 {
			continue
		}
		if at := bytes.Index(html, []byte(body)); at >= 0 {
			skip = append(skip, [2]int{at, at + len(body)})
		}
	}
	report := func(dest, why string) {
		findings.Errorf(finding.BrokenLink, finding.Position{File: p.source}, "the page %s links to %q, %s", p.url, dest, why)
	}
	for _, dest := range attrList(html, skip, "href", "src") {
		u, err := url.Parse(dest)
		if err != nil {
			report(dest, "which is not a valid link")
			continue
		}
		if u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "/") && !strings.HasPrefix(u.Path, base) {
			continue
		}
		target, page := p.url, i
		if u.Path != "" {
			target = path.Join(path.Dir(p.url), u.Path)
			if strings.HasPrefix(u.Path, "/") {
				target = path.Clean(strings.TrimPrefix(u.Path, base))
			}
			if strings.HasSuffix(u.Path, "/") {
				target += "/index.html"
			}
			var ok bool
			if page, ok = exists[target]; !ok {
				report(dest, "which is not in the output")
				continue
			}
		}
		if u.Fragment != "" && page >= 0 { // page < 0: a #fragment within a shared sidebar, which has no page of its own
			into = append(into, target)
			if !idsOf(page)[u.Fragment] {
				report(dest, "whose #"+u.Fragment+" is no id on that page")
			}
		}
	}
	return findings, into
}

// attrList returns the values of the named attributes in html, outside the
// byte range skip. govdoc's pages are html/template output, so attribute
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

// attrValues is the set of values of one attribute in html.
func attrValues(html []byte, name string) map[string]bool {
	set := map[string]bool{}
	for _, v := range attrList(html, nil, name) {
		set[v] = true
	}
	return set
}

func unescapeAttr(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return strings.NewReplacer("&amp;", "&", "&#39;", "'", "&#34;", `"`, "&quot;", `"`, "&lt;", "<", "&gt;", ">").Replace(s)
}
