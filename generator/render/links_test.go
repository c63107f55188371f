package render_test

import (
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/render"
)

var (
	linkAttr = regexp.MustCompile(` (?:href|src)="([^"]*)"`)
	idAttr   = regexp.MustCompile(` id="([^"]*)"`)
)

// literalLinks are the links the built-in templates write as text, which
// no page reports: each must still resolve on every page that has it.
func literalLinks(t *testing.T) []string {
	t.Helper()
	var out []string
	require.NoError(t, fs.WalkDir(builtinTemplates(t), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(builtinTemplates(t), p)
		for _, m := range linkAttr.FindAllStringSubmatch(string(data), -1) {
			if !strings.Contains(m[1], "{{") {
				out = append(out, m[1])
			}
		}
		return err
	}))
	return out
}

// TestEveryLinkOfTheBuiltInThemeResolves builds a handbook with the
// built-in theme and reads every href and src of every page, outside the
// content the pages show (document bodies, introductions, titles written in
// Markdown, whose links are checked in the source): each names a file of
// the output, and its #fragment an id of that page. Each is also among the
// links the page reports, or written as text in a template file; and each
// link a page reports is on the page and resolves too. So a caller that
// checks the reported links of a page rendered with the built-in theme
// checks all of its theme's links.
func TestEveryLinkOfTheBuiltInThemeResolves(t *testing.T) {
	s, out := built(t)
	files := map[string]bool{}
	for _, n := range out.Names() {
		files[n] = true
	}
	ids := func(page string) []string {
		data, _ := out.File(page)
		var list []string
		for _, m := range idAttr.FindAllStringSubmatch(string(data), -1) {
			list = append(list, m[1])
		}
		return list
	}
	literal := literalLinks(t)
	require.Contains(t, literal, "#main", "the skip link is written as text")
	theme := loadTheme(t, nil)
	checked := 0
	for _, p := range pages(s) {
		r, err := theme.RenderPage(p)
		require.NoError(t, err, p.URL)
		html := string(r.HTML)
		written, ok := out.File(p.URL)
		require.True(t, ok, p.URL)
		if p.Kind != render.KindHome { // the build's home page lists other recent documents
			require.Equal(t, string(written), html, "%s is as the build writes it", p.URL)
		}
		var content []string
		if p.Doc != nil {
			content = append(content, string(p.Doc.TitleHTML))
			for _, part := range p.Doc.Parts {
				content = append(content, string(part.HTML))
			}
		}
		if p.Kind == render.KindSection || p.Kind == render.KindHome {
			content = append(content, string(p.Section.Intro))
			for _, sub := range p.Section.Sections {
				content = append(content, string(sub.CardIntro))
			}
		}
		for _, c := range content {
			if c != "" {
				html = strings.Replace(html, c, "", 1)
			}
		}
		reported := slices.Clone(r.Targets)
		if r.Sidebar != nil {
			reported = append(reported, r.Sidebar.Targets...)
		}
		resolve := func(href string) (string, bool) {
			u, err := url.Parse(href)
			require.NoError(t, err, "%s links to %q", p.URL, href)
			if u.Scheme != "" || u.Host != "" {
				return "", false
			}
			target := p.URL
			if u.Path != "" {
				target = path.Join(path.Dir(p.URL), u.Path)
				if strings.HasPrefix(u.Path, "/") {
					target = strings.TrimPrefix(u.Path, render.BasePath(s.Config.BaseURL))
				}
			}
			if u.Fragment != "" {
				target += "#" + u.Fragment
			}
			return target, true
		}
		for _, m := range linkAttr.FindAllStringSubmatch(html, -1) {
			href := strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#39;", "'", "&#34;", `"`).Replace(m[1])
			target, local := resolve(href)
			if !local {
				continue
			}
			checked++
			file, frag, _ := strings.Cut(target, "#")
			if assert.True(t, files[file], "%s links to %q, which is not in the output", p.URL, href) && frag != "" {
				assert.Contains(t, ids(file), frag, "%s links to %q, whose #%s is no id there", p.URL, href, frag)
			}
			if !slices.Contains(literal, href) {
				assert.Contains(t, reported, target, "%s reports its link to %q", p.URL, href)
			}
		}
		for _, target := range reported {
			file, frag, _ := strings.Cut(target, "#")
			if assert.True(t, files[file], "%s reports a link to %q, which is not in the output", p.URL, target) && frag != "" {
				assert.Contains(t, ids(file), frag, "%s reports a link to %q, whose #%s is no id there", p.URL, target, frag)
			}
		}
	}
	assert.Greater(t, checked, 1000)
}
