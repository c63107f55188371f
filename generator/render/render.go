// Package render turns the site model into HTML pages with html/template.
// The theme is a folder of templates: baseof.html is the page frame, one file
// per page kind (home.html, section.html, document.html) fills its "main"
// block, and partials/ holds the pieces. A site's own templates/ folder
// replaces any single file of the built-in theme. The package writes nothing;
// it returns pages.
package render

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/Masterminds/sprig/v3"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/site"
)

// Kinds of page; each has its template file, KIND.html.
const (
	KindHome     = "home"
	KindSection  = "section"
	KindDocument = "document"
	Kind404      = "404"
	// KindResponsibilities is the matrix of every activity by every role.
	KindResponsibilities = "responsibilities"
	// KindRoles lists the roles; KindRole is one role's page.
	KindRoles = "roles"
	KindRole  = "role"
	// KindScorecards lists every scorecard and the documentation health.
	KindScorecards = "scorecards"
	// KindChanges lists what changed in the handbook.
	KindChanges = "changes"
	// KindDocuments is the table of every published document.
	KindDocuments = "documents"
	// KindTags lists the tags; KindTag is one tag's page.
	KindTags = "tags"
	KindTag  = "tag"
)

// Output paths of the site-wide pages.
const (
	ResponsibilitiesURL = "responsibilities/index.html"
	ResponsibilitiesCSV = "responsibilities.csv"
	RolesURL            = "roles/index.html"
	ScorecardsURL       = "scorecards/index.html"
	ScorecardsJSON      = "scorecards.json"
	DocumentsURL        = "documents/index.html"
	TagsURL             = site.TagsURL
	// SearchIndex is the search index: a script that hands the index of
	// the build's published documents to search.js.
	SearchIndex = "search-index.js"
)

var kinds = []string{KindHome, KindSection, KindDocument, Kind404, KindResponsibilities, KindRoles, KindRole, KindScorecards, KindChanges, KindDocuments, KindTags, KindTag}

// Theme is a parsed set of templates, one per page kind.
type Theme struct {
	pages map[string]*template.Template
	// sidebars holds the built-in sidebar of document pages by section and
	// window, rendered once for every page that shows it (see Theme.sidebar).
	// It is nil when the site has its own sidebar template.
	sidebars *sync.Map
}

// Load parses the built-in theme's templates, replacing any file that the
// site's own templates folder also has. Either FS may be nil. Template
// files are *.html at any depth; their names are their paths, as in
// {{ template "partials/toc.html" . }}.
func Load(builtin, override fs.FS) (*Theme, finding.List) {
	var findings finding.List
	files := map[string]string{} // name -> text
	origin := map[string]string{}
	for _, src := range []struct {
		fsys   fs.FS
		prefix string
	}{{builtin, "(built-in theme) templates/"}, {override, "templates/"}} {
		if src.fsys == nil {
			continue
		}
		_ = fs.WalkDir(src.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(p) != ".html" {
				return nil
			}
			data, err := fs.ReadFile(src.fsys, p)
			if err != nil {
				findings.Errorf(finding.TemplateError, finding.Position{File: src.prefix + p}, "cannot read template: %v", err)
				return nil
			}
			files[p], origin[p] = string(data), src.prefix+p
			return nil
		})
	}
	t := &Theme{pages: map[string]*template.Template{}}
	if origin[sidebarTemplate] == "(built-in theme) templates/"+sidebarTemplate {
		t.sidebars = &sync.Map{}
	}
	base := template.New("").Funcs(Funcs()).Funcs(template.FuncMap{"sidebar": t.sidebar})
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if slices.Contains(kinds, strings.TrimSuffix(n, ".html")) {
			continue
		}
		if _, err := base.New(n).Parse(files[n]); err != nil {
			findings.Errorf(finding.TemplateError, finding.Position{File: origin[n]}, "%s", templateError(err))
		}
	}
	if _, ok := files["baseof.html"]; !ok {
		findings.Errorf(finding.TemplateError, finding.Position{File: "templates/baseof.html"}, "the theme has no baseof.html")
		return t, findings
	}
	for _, k := range kinds {
		text, ok := files[k+".html"]
		if !ok {
			findings.Errorf(finding.TemplateError, finding.Position{File: "templates/" + k + ".html"}, "the theme has no %s.html", k)
			continue
		}
		set, err := base.Clone()
		if err == nil {
			_, err = set.New(k + ".html").Parse(text)
		}
		if err != nil {
			findings.Errorf(finding.TemplateError, finding.Position{File: origin[k+".html"]}, "%s", templateError(err))
			continue
		}
		t.pages[k] = set
	}
	return t, findings
}

// Render executes the page's kind template.
func (t *Theme) Render(p *Page) ([]byte, error) {
	var b bytes.Buffer
	if err := t.RenderTo(&b, p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// RenderTo renders the page p into b, which it grows once to about the
// page's size. On an error, b holds part of the page.
func (t *Theme) RenderTo(b *bytes.Buffer, p *Page) error {
	set, ok := t.pages[p.Kind]
	if !ok {
		return fmt.Errorf("no template for %s pages", p.Kind)
	}
	size := 32 << 10 // the theme's part of a page, about
	if p.Doc != nil {
		size += len(p.Doc.Body)
	}
	b.Grow(size)
	if err := set.ExecuteTemplate(b, "baseof.html", p); err != nil {
		return fmt.Errorf("%s: %s", p.URL, templateError(err))
	}
	return nil
}

// sidebarTemplate is the partial the template function sidebar renders.
const sidebarTemplate = "partials/sidebar.html"

// sidebarKey names one rendering of the built-in sidebar: the documents of a
// section share it, window by window, as their links to it are the same.
type sidebarKey struct {
	section *site.Section
	window  int
	parent  string // the folder above the page's own, which its links start from
}

// sidebar renders the sidebar partial for p; it is the template function
// {{ sidebar . }}. A section with thousands of documents would otherwise
// spend most of a build on the same navigation, so the built-in sidebar of a
// document page is rendered once per window of its section and the current
// document is then marked in a copy.
func (t *Theme) sidebar(p *Page) (template.HTML, error) {
	if _, own, ok, err := t.shared(p, true); ok || err != nil {
		return template.HTML(own), err
	}
	set, ok := t.pages[p.Kind]
	if !ok {
		return "", fmt.Errorf("no template for %s pages", p.Kind)
	}
	return execute(set, p)
}

// SharedSidebar returns, for a document page rendered with the built-in
// sidebar, the sidebar it shares with the other documents of its window and
// its own copy, in which its document is marked current; ok is false when
// the page has a sidebar of its own. A link the shared sidebar holds means
// the same on each of those pages, so it need be checked once.
func (t *Theme) SharedSidebar(p *Page) (shared, own string, ok bool) {
	shared, own, ok, _ = t.shared(p, false)
	return shared, own, ok
}

// shared returns p's shared and own sidebar, rendering the shared one if
// asked to and it is not rendered yet.
func (t *Theme) shared(p *Page, render bool) (shared, own string, ok bool, err error) {
	if t.sidebars == nil || p.Kind != KindDocument || p.Doc == nil {
		return "", "", false, nil
	}
	parent := path.Dir(path.Dir(p.URL))
	key := sidebarKey{p.Section, p.window(p.Section), parent}
	// The shared copy is rendered as if for a page beside the documents, so
	// that it links to each of them the same way.
	beside := path.Join(parent, "~", "index.html")
	cached, found := t.sidebars.Load(key)
	if !found {
		if !render {
			return "", "", false, nil
		}
		sh := *p
		sh.Doc, sh.navDoc, sh.URL = nil, p.Doc, beside
		html, err := execute(t.pages[p.Kind], &sh)
		if err != nil {
			return "", "", false, err
		}
		cached, _ = t.sidebars.LoadOrStore(key, string(html))
	}
	shared = cached.(string)
	link := `href="` + template.HTMLEscapeString(Rel(beside, p.Doc.URL)) + `">`
	i := strings.Index(shared, link)
	if i < 0 {
		return "", "", false, nil // a link the escaper spelled differently
	}
	current := `href="` + template.HTMLEscapeString(p.Rel(p.Doc.URL)) + `" aria-current="page">`
	return shared, shared[:i] + current + shared[i+len(link):], true, nil
}

func execute(set *template.Template, p *Page) (template.HTML, error) {
	var b strings.Builder
	err := set.ExecuteTemplate(&b, sidebarTemplate, p)
	return template.HTML(b.String()), err
}

func templateError(err error) string {
	return strings.TrimPrefix(err.Error(), "template: ")
}

// Funcs are the functions theme templates may use: sprig's functions but
// those placeholder.Withheld lists (anything random, that reads the
// environment, network or clock, or that changes shared values), and a few
// of govdoc's own.
func Funcs() template.FuncMap {
	f := placeholder.Pure(sprig.HtmlFuncMap())
	f["slug"] = site.Slug
	f["trend"] = Trend
	f["num"] = Num
	f["quantity"] = Quantity
	f["versions"] = versions
	f["isoDate"] = isoDate
	f["tagURL"] = site.TagURL
	f["rel"] = Rel
	return f
}

// isoDate reports whether s is a date written YYYY-MM-DD.
func isoDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// Page is what a template sees as its dot.
type Page struct {
	Site    *site.Site
	Kind    string
	Title   string
	URL     string // the page's path in the output
	Section *site.Section
	Doc     *site.Document
	// Recent lists recently updated documents (home page).
	Recent []*site.Document
	// Role is the role of a role page.
	Role *site.Role
	// Tag is the tag of a tag page.
	Tag *site.Tag

	navDoc *site.Document // the document whose sidebar window is shown, when not Doc
}

// Rel returns the link from this page to a path in the output, so that the
// site works from any base URL and from file://. The 404 page, which a
// server shows at whatever address was asked for, links from the base URL's
// path instead.
func (p *Page) Rel(target string) string {
	if p.Kind == Kind404 {
		return BasePath(p.Site.Config.BaseURL) + target
	}
	return Rel(p.URL, target)
}

// BasePath is the path part of a base URL, ending in "/".
func BasePath(base string) string {
	if u, err := url.Parse(base); err == nil && u.Path != "" {
		return strings.TrimSuffix(u.Path, "/") + "/"
	}
	return "/"
}

// Rel returns the relative link from the page at from to target, both paths
// in the output.
func Rel(from, target string) string {
	frag := ""
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target, frag = target[:i], target[i:]
	}
	if target == "" {
		return frag
	}
	fromDir := path.Dir(from)
	if fromDir == "." {
		return target + frag
	}
	up := strings.Count(fromDir, "/") + 1
	// Share the leading folders of fromDir that target's folders start with;
	// off is where target's unshared part starts.
	off := 0
	for dir := fromDir; ; {
		seg, rest, more := strings.Cut(dir, "/")
		i := strings.IndexByte(target[off:], '/')
		if i < 0 || target[off:off+i] != seg {
			break
		}
		off += i + 1
		up--
		if !more {
			break
		}
		dir = rest
	}
	return strings.Repeat("../", up) + target[off:] + frag
}

// SidebarMax is how many documents of a section the sidebar lists at most.
const SidebarMax = 50

// SidebarDocs is a window of a section's documents for the sidebar.
type SidebarDocs struct {
	Documents     []*site.Document
	Before, After int // how many documents of the section the window leaves out
}

// Sidebar returns the documents of sec the sidebar lists: all of them, or in
// a large section the window of SidebarMax that holds this page's document.
// Windows follow each other (1-50, 51-100, ...; the last one ends with the
// section), so that the documents of one window share their sidebar.
func (p *Page) Sidebar(sec *site.Section) SidebarDocs {
	docs := sec.Documents
	if len(docs) <= SidebarMax {
		return SidebarDocs{Documents: docs}
	}
	at := p.window(sec)
	return SidebarDocs{Documents: docs[at : at+SidebarMax], Before: at, After: len(docs) - at - SidebarMax}
}

// window returns where the sidebar's window of sec's documents starts.
func (p *Page) window(sec *site.Section) int {
	docs := sec.Documents
	if len(docs) <= SidebarMax {
		return 0
	}
	doc := cmp.Or(p.navDoc, p.Doc)
	i := slices.Index(docs, doc)
	if doc == nil || i < 0 {
		return 0
	}
	return min(i/SidebarMax*SidebarMax, len(docs)-SidebarMax)
}

// Root is the relative link to the site root from this page.
func (p *Page) Root() string { return p.Rel("index.html") }
