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
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"text/template/parse"

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
	// KindScorecard is a scorecard's dashboard in one period;
	// KindPresent the presentation of a scorecard or of them all.
	KindScorecard = "scorecard"
	KindPresent   = "present"
	// KindChanges lists what changed in the handbook.
	KindChanges = "changes"
	// KindDocuments is the table of every published document.
	KindDocuments = "documents"
	// KindTags lists the tags; KindTag is one tag's page.
	KindTags = "tags"
	KindTag  = "tag"
	// KindReviews lists the reviews due; KindRegister is the document
	// register.
	KindReviews  = "reviews"
	KindRegister = "register"
	// KindOwners lists who owns documents and metrics; KindOwner is the
	// page of an owner that is no role of site.yaml (a role's owner view
	// is on its role page).
	KindOwners = "owners"
	KindOwner  = "owner"
	// KindHealth is the documentation health with the documents behind
	// each figure.
	KindHealth = "health"
	// KindRedline shows what changed in a document between two versions.
	KindRedline = "redline"
)

// Output paths of the site-wide pages.
const (
	ResponsibilitiesURL = "responsibilities/index.html"
	ResponsibilitiesCSV = "responsibilities.csv"
	RolesURL            = "roles/index.html"
	ScorecardsURL       = "scorecards/index.html"
	ScorecardsJSON      = "scorecards.json"
	DocumentsURL        = "documents/index.html"
	ReviewsURL          = "reviews/index.html"
	RegisterURL         = "register/index.html"
	TagsURL             = site.TagsURL
	OwnersURL           = site.OwnersURL
	HealthURL           = "health/index.html"
	// SearchIndex is the search index: a script that hands the index of
	// the build's published documents to search.js.
	SearchIndex = "search-index.js"
)

var kinds = []string{KindHome, KindSection, KindDocument, Kind404, KindResponsibilities, KindRoles, KindRole, KindScorecards, KindScorecard, KindPresent, KindChanges, KindDocuments, KindTags, KindTag, KindReviews, KindRegister, KindOwners, KindOwner, KindHealth, KindRedline}

// Kinds returns the page kinds: a theme has one template for each,
// KIND.html.
func Kinds() []string { return slices.Clone(kinds) }

// Theme is a parsed set of templates, one per page kind.
type Theme struct {
	pages map[string]*template.Template
	// sidebars holds the built-in sidebar of document pages by section and
	// window, rendered once for every page that shows it (see Theme.sidebar).
	// It is nil when the site has its own sidebar template.
	sidebars *sync.Map
	// fast holds the partials that Go code writes (see pieces): those of
	// the built-in theme that call no template of the site's own.
	fast map[string]bool
	// own holds the page kinds that may execute a template of the site's
	// own, whose pages' links are not all known (see Rendered).
	own map[string]bool
}

// Renew readies a theme kept from one build for the next: it forgets the
// sidebars its pages shared, which are keyed by one build's sections. No
// page may be rendering with it meanwhile.
func (t *Theme) Renew() {
	if t.sidebars != nil {
		t.sidebars = &sync.Map{}
	}
}

// builtinOrigin prefixes the files of the built-in theme in findings.
const builtinOrigin = "(built-in theme) templates/"

// Load parses the built-in theme's templates, replacing any file that the
// site's own templates folder also has. Either FS may be nil. Template
// files are *.html at any depth; their names are their paths, as in
// {{ template "partials/toc.html" . }}. A site's file with the same text as
// the built-in one is the built-in one.
func Load(builtin, override fs.FS) (*Theme, finding.List) {
	var findings finding.List
	files := map[string]string{} // name -> text
	origin := map[string]string{}
	for _, src := range []struct {
		fsys   fs.FS
		prefix string
	}{{builtin, builtinOrigin}, {override, "templates/"}} {
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
			if text, ok := files[p]; ok && text == string(data) {
				return nil
			}
			files[p], origin[p] = string(data), src.prefix+p
			return nil
		})
	}
	t := &Theme{pages: map[string]*template.Template{}, fast: map[string]bool{}, own: map[string]bool{}}
	base := template.New("").Funcs(Funcs()).Funcs(t.pieceFuncs())
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
	t.reach(files, origin)
	return t, findings
}

// reach finds the partials that Go code may write, and the page kinds that
// may execute a template of the site's own: a template defined in a file
// of the site's templates/, or a piece that such a file replaces.
func (t *Theme) reach(files, origin map[string]string) {
	site := map[string]bool{} // names the site's files define
	for n, text := range files {
		if strings.HasPrefix(origin[n], builtinOrigin) {
			continue
		}
		site[n] = true
		if tmpl, err := template.New(n).Funcs(Funcs()).Funcs(t.pieceFuncs()).Parse(text); err == nil {
			for _, d := range tmpl.Templates() {
				site[d.Name()] = true
			}
		}
	}
	set := t.anySet()
	for _, name := range pieces {
		if set != nil && !slices.ContainsFunc(calls(set, name), func(n string) bool { return site[n] }) {
			t.fast[name] = true
		}
	}
	if t.fast[sidebarTemplate] {
		t.sidebars = &sync.Map{}
	}
	for k, set := range t.pages {
		t.own[k] = slices.ContainsFunc(calls(set, "baseof.html"), func(n string) bool { return site[n] })
	}
}

// calls lists the templates that executing the template name may execute,
// name among them, as the templates' text names them; a piece's function
// names its partial.
func calls(set *template.Template, name string) []string {
	seen := map[string]bool{}
	var walk func(n parse.Node)
	visit := func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		if tmpl := set.Lookup(name); tmpl != nil && tmpl.Tree != nil && tmpl.Tree.Root != nil {
			walk(tmpl.Tree.Root)
		}
	}
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n != nil {
				for _, c := range n.Cmds {
					walk(c)
				}
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.IdentifierNode:
			if partial, ok := pieceOf[n.Ident]; ok {
				visit(partial)
			}
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
			visit(n.Name)
		}
	}
	visit(name)
	return slices.Collect(maps.Keys(seen))
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
	_, err := t.RenderLinksTo(b, p)
	return err
}

// PageLinks are the links a page's theme wrote. A caller that checks a
// page's links need not read its HTML unless Overridden is set: it checks
// each of Targets (the path names an output file; a #fragment, an id of
// that file's page), and the targets of Sidebar once for all the pages
// that share that value; a page whose Overridden is set is read as before,
// its content left out.
type PageLinks struct {
	// Targets are the output paths the page links to, each with its
	// #fragment if any ("gov/a/index.html", "css/govdoc.css",
	// "gov/b/index.html#scope"; a link within the page has the page's own
	// path): every link that the theme's Go pieces and its link-making
	// template functions (.Rel, .Root) wrote, in the order written, once
	// each. Links in the content a page shows (document bodies, section
	// introductions and cards, titles written in Markdown) are not among
	// them, nor are links a template writes as literal text (such as
	// href="#main"), nor those of the shared sidebar (see Sidebar).
	Targets []string
	// Sidebar holds the links of the sidebar that this page shares with
	// the other documents of its window (see SharedSidebar): the same
	// value for each of them, so that they need be checked once. It is nil
	// when the page has no shared sidebar.
	Sidebar *SharedLinks
	// Overridden is set when the page may have executed a template of the
	// site's own templates/ folder, which may write links that Targets
	// does not know: its HTML must then be read for its links.
	Overridden bool
}

// SharedLinks are the links of a sidebar that several pages share.
type SharedLinks struct {
	Targets []string
}

// Rendered is a rendered page and the links its theme wrote.
type Rendered struct {
	HTML []byte
	PageLinks
}

// RenderPage renders the page p and reports the links its theme wrote.
func (t *Theme) RenderPage(p *Page) (Rendered, error) {
	var b bytes.Buffer
	links, err := t.RenderLinksTo(&b, p)
	if err != nil {
		return Rendered{}, err
	}
	return Rendered{HTML: b.Bytes(), PageLinks: links}, nil
}

// RenderLinksTo renders the page p into b, as RenderTo does, and reports
// the links its theme wrote.
func (t *Theme) RenderLinksTo(b *bytes.Buffer, p *Page) (PageLinks, error) {
	set, ok := t.pages[p.Kind]
	if !ok {
		return PageLinks{}, fmt.Errorf("no template for %s pages", p.Kind)
	}
	size := 16 << 10 // the theme's part of a page, about
	if p.Doc != nil {
		size += len(p.Doc.Body)
	}
	b.Grow(size)
	own := *p
	own.links = &linkSet{list: make([]string, 0, 64)}
	if err := set.ExecuteTemplate(b, "baseof.html", &own); err != nil {
		return PageLinks{}, fmt.Errorf("%s: %s", p.URL, templateError(err))
	}
	return PageLinks{Targets: own.links.links(), Sidebar: own.links.sidebar, Overridden: t.own[p.Kind]}, nil
}

// linkSet gathers the links of a page as they are written.
type linkSet struct {
	list    []string
	sidebar *SharedLinks
}

// add notes the link to target from the page at from.
func (s *linkSet) add(from, target string) {
	if s == nil {
		return
	}
	if strings.HasPrefix(target, "#") || target == "" {
		target = from + target
	}
	s.list = append(s.list, target)
}

// links returns the links noted, each once, in the order first written.
func (s *linkSet) links() []string {
	if len(s.list) <= 32 {
		out := s.list[:0]
		for _, l := range s.list {
			if !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
		return out
	}
	seen := make(map[string]bool, len(s.list))
	out := s.list[:0]
	for _, l := range s.list {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
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
	f["reviewLabel"] = site.ReviewLabel
	f["commitURL"] = commitURL
	f["editURL"] = editURL
	f["redlineOf"] = redlineOf
	for name, fn := range dashboardFuncs() {
		f[name] = fn
	}
	return f
}

// commitURL returns the web page of a commit in the site's repository, ""
// without one (site.yaml repository:).
func commitURL(s *site.Site, hash string) string { return s.Config.Repository.CommitURL(hash) }

// editURL returns the web page that edits a document in the site's
// repository, "" without one.
func editURL(s *site.Site, d *site.Document) string { return s.Config.Repository.EditURL(d.Path) }

// redlineOf returns the redline page that compares the versions a change
// went from and to, or nil when there is none.
func redlineOf(c *site.Change) *site.Redline {
	if c.From == "" || c.Edit {
		return nil
	}
	trim := func(v string) string { return strings.ToLower(strings.TrimLeft(strings.TrimSpace(v), "vV")) }
	for _, r := range c.Doc.Redlines {
		if r.From != nil && trim(r.From.Version) == trim(c.From) && trim(r.To.Version) == trim(c.To) {
			return r
		}
	}
	return nil
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
	// Owner is the owner of an owner page, or of a role page when the role
	// owns anything.
	Owner *site.Owner
	// Redline is the comparison a redline page shows.
	Redline *site.Redline
	// Scorecard is the scorecard of a scorecard's page or presentation,
	// and Period the period its page shows.
	Scorecard *site.Scorecard
	Period    string

	navDoc *site.Document // the document whose sidebar window is shown, when not Doc
	links  *linkSet       // the links written, while the page is rendered
}

// Rel returns the link from this page to a path in the output, so that the
// site works from any base URL and from file://. The 404 page, which a
// server shows at whatever address was asked for, links from the base URL's
// path instead.
func (p *Page) Rel(target string) string {
	if p.links != nil {
		p.links.add(p.URL, target)
	}
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
const SidebarMax = 10

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
