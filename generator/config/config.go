// Package config loads and validates site.yaml, the one file that describes
// a site: its title, the meta values of placeholders, the roles of
// responsibility matrices, the metadata rules and the build audience.
// Every problem is reported with the line it is on. The package does not
// read documents.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/yamlerr"
)

// File is the name of the configuration file at the site root.
const File = "site.yaml"

// ErrNotFound is returned when the site has no site.yaml.
var ErrNotFound = errors.New("no " + File + " found: is this a govdoc site? (govdoc init DIR makes one)")

// Config is a validated site.yaml.
type Config struct {
	Title string
	// Language is the handbook's language as a BCP 47 tag, for browsers,
	// screen readers and hyphenation.
	Language string
	BaseURL  string // always ends in "/"
	// Meta holds the values of {{ meta.KEY }}: strings exactly as written,
	// and maps and lists of them.
	Meta     map[string]any
	Roles    []Role
	Metadata Metadata
	// Audience is the classification level a build publishes up to.
	Audience string
	// Output is the output folder relative to the site root.
	Output string
	// ExcludeStatus lists statuses whose documents are left out of a build.
	ExcludeStatus []string
	// RawHTML lets raw HTML in documents through; by default it is escaped.
	RawHTML bool
	// Ignore turns findings off by rule and path.
	Ignore []Ignore
	// Repository is where the site's sources are browsed on the web, for
	// links to commits and to edit pages; its URL is "" when not set.
	Repository Repository
}

// Repository is the web address of the site's git repository and the
// branch its pages are edited on. Links follow the GitHub, GitLab and
// Gitea form: URL/commit/HASH and URL/edit/BRANCH/PATH.
type Repository struct {
	URL    string // without a trailing "/"
	Branch string // "main" when not set
}

// CommitURL returns the web page of a commit, or "" without a repository.
func (r Repository) CommitURL(hash string) string {
	if r.URL == "" || hash == "" {
		return ""
	}
	return r.URL + "/commit/" + hash
}

// EditURL returns the web page that edits a file, given from the site
// root, or "" without a repository.
func (r Repository) EditURL(file string) string {
	if r.URL == "" {
		return ""
	}
	return r.URL + "/edit/" + r.Branch + "/" + file
}

// Ignore turns off the findings of a rule (all rules if empty) in the files
// a path pattern matches (all files if empty).
type Ignore struct {
	Rule   string
	Path   string // a glob: * within a folder, ** across folders
	Reason string
	Line   int
}

// Role is one entry of the responsibility vocabulary.
type Role struct {
	ID      string
	Name    string
	Aliases []string
	Line    int
}

// Metadata holds the rules documents' front matter is checked against.
type Metadata struct {
	Required       []string
	Status         []string
	Classification []string // least to most sensitive
	ReviewAfter    int      // days; 0 turns the review-overdue check off
}

// Default returns the configuration of a site.yaml that sets nothing.
func Default() *Config {
	return &Config{
		Title:    "Handbook",
		Language: "en",
		BaseURL:  "/",
		Meta:     map[string]any{},
		Metadata: Metadata{
			Required:       []string{"Document-ID", "Owner", "Version", "Status", "Classification", "Last Update"},
			Status:         []string{"Draft", "Review", "Approved", "Retired"},
			Classification: []string{"Public", "Internal", "Confidential", "Restricted"},
			ReviewAfter:    365,
		},
		Output: "public",
	}
}

// Level returns the sensitivity rank of a classification (0 is the least
// sensitive), matched case-insensitively, and false for an unknown one.
func (c *Config) Level(classification string) (int, bool) {
	for i, l := range c.Metadata.Classification {
		if strings.EqualFold(l, strings.TrimSpace(classification)) {
			return i, true
		}
	}
	return 0, false
}

// Load reads site.yaml from fsys. Problems in the file come back as findings
// with their line; a missing or unreadable file is an error.
func Load(fsys fs.FS) (*Config, finding.List, error) {
	data, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, ErrNotFound
	}
	if err != nil {
		return nil, nil, err
	}
	c, findings := Parse(data)
	return c, findings, nil
}

// Parse validates the text of a site.yaml.
func Parse(data []byte) (*Config, finding.List) {
	p := &parser{c: Default(), reported: map[finding.Finding]bool{}, twice: map[*yaml.Node]bool{}}
	doc, err := yamlerr.Parse(data)
	if err != nil {
		p.errorAt(err.Line, err.Column, "site.yaml is not valid YAML: %s", err.Msg)
		return p.c, p.findings
	}
	if len(doc.Content) == 0 {
		doc.Content = []*yaml.Node{{Kind: yaml.MappingNode}} // an empty file sets nothing
	}
	p.site(doc.Content[0])
	return p.c, p.findings
}

type parser struct {
	c        *Config
	findings finding.List
	reported map[finding.Finding]bool // so that a problem met twice (through an alias) is reported once
	twice    map[*yaml.Node]bool      // meta keys reported as set twice
	values   int                      // meta values converted, to bound YAML alias expansion
}

// maxMetaValues bounds the values meta can expand to through YAML aliases,
// so a recursive alias or a "billion laughs" site.yaml cannot exhaust the
// stack or memory.
const maxMetaValues = 100_000

func (p *parser) errorAt(line, col int, format string, args ...any) {
	f := finding.New(finding.ConfigError, finding.Error, finding.Position{File: File, Line: line, Column: col}, format, args...)
	if !p.reported[f] {
		p.reported[f] = true
		p.findings.Add(f)
	}
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.errorAt(n.Line, n.Column, format, args...)
}

var siteKeys = []string{"title", "language", "baseURL", "meta", "roles", "metadata", "audience", "output", "exclude_status", "raw_html", "ignore",
	"repository"}

func (p *parser) site(root *yaml.Node) {
	c := p.c
	auditLater := map[string]*yaml.Node{}
	p.mapping(root, "site.yaml", siteKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "title":
			c.Title = p.str(key, v)
		case "language":
			c.Language = p.language(v)
		case "baseURL":
			c.BaseURL = p.baseURL(v)
		case "meta":
			if m, ok := p.meta(v, []string{"meta"}).(map[string]any); ok {
				c.Meta = m
			} else if v.Kind != yaml.ScalarNode || v.Tag != "!!null" {
				p.errorf(v, "meta must be a mapping of keys to values")
			}
			if p.values > maxMetaValues {
				p.errorf(v, "meta expands to more than %d values (YAML aliases?)", maxMetaValues)
			}
		case "roles":
			c.Roles = p.roles(v)
		case "metadata":
			p.metadata(v)
		case "audience", "exclude_status":
			auditLater[key] = v // checked against metadata's lists, which may come later
		case "output":
			c.Output = p.str(key, v)
			if c.Output == "" {
				p.errorf(v, "output must name a folder")
			}
		case "raw_html":
			c.RawHTML = p.boolean(key, v)
		case "ignore":
			c.Ignore = p.ignores(v)
		case "repository":
			c.Repository = p.repository(v)
		}
	})
	if v := auditLater["audience"]; v != nil {
		c.Audience = p.str("audience", v)
		if _, ok := c.Level(c.Audience); !ok && len(c.Metadata.Classification) > 0 {
			p.errorf(v, "audience %q is not one of metadata.classification %s", c.Audience, list(c.Metadata.Classification))
		}
	}
	if c.Audience == "" && len(c.Metadata.Classification) > 0 {
		c.Audience = c.Metadata.Classification[0] // safe default: the least sensitive level
	}
	if v := auditLater["exclude_status"]; v != nil {
		for i, s := range p.strs("exclude_status", v) {
			if len(c.Metadata.Status) == 0 {
				break // the empty list is the problem, reported already
			}
			if !containsFold(c.Metadata.Status, s) {
				p.errorf(v.Content[i], "exclude_status %q is not one of metadata.status %s", s, list(c.Metadata.Status))
				continue
			}
			c.ExcludeStatus = append(c.ExcludeStatus, s)
		}
	}
}

// mapping walks a mapping node, reporting unknown and repeated keys.
func (p *parser) mapping(n *yaml.Node, what string, known []string, each func(key string, k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		if n.Tag != "!!null" {
			p.errorf(n, "%s must be a mapping, not %s", what, kind(n))
		}
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(known, k.Value) {
			p.errorf(k, "unknown key %q in %s%s", k.Value, what, suggest(k.Value, known))
			continue
		}
		if seen[k.Value] {
			p.errorf(k, "key %q is set twice in %s", k.Value, what)
			continue
		}
		seen[k.Value] = true
		each(k.Value, k, v)
	}
}

func (p *parser) str(key string, v *yaml.Node) string {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" && v.Value != "" {
		p.errorf(v, "%s must be a text value, not %s", key, kind(v))
		return ""
	}
	if v.Tag == "!!null" {
		return ""
	}
	return strings.TrimSpace(v.Value)
}

func (p *parser) strs(key string, v *yaml.Node) []string {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		p.errorf(v, "%s must be a list, not %s", key, kind(v))
		return nil
	}
	var out []string
	for _, e := range v.Content {
		if s := p.str(key+" entry", e); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (p *parser) boolean(key string, v *yaml.Node) bool {
	var b bool
	if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || v.Decode(&b) != nil {
		p.errorf(v, "%s must be true or false, not %q", key, v.Value)
	}
	return b
}

func (p *parser) integer(key string, v *yaml.Node) int {
	var i int
	if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || v.Decode(&i) != nil || i < 0 {
		p.errorf(v, "%s must be a whole number of 0 or more, not %q", key, v.Value)
		return 0
	}
	return i
}

// language accepts a BCP 47-shaped tag such as en, de-CH or zh-Hant.
func (p *parser) language(v *yaml.Node) string {
	s := p.str("language", v)
	ok := s != ""
	for i, part := range strings.Split(s, "-") {
		if len(part) < 1 || len(part) > 8 || i == 0 && (len(part) < 2 || len(part) > 3) {
			ok = false
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				ok = false
			}
		}
	}
	if !ok {
		p.errorf(v, "language %q is not a language tag such as en, de or fr-CA", s)
		return "en"
	}
	return s
}

func (p *parser) baseURL(v *yaml.Node) string {
	s := p.str("baseURL", v)
	if s == "" {
		return "/"
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || (u.Scheme != "" && u.Host == "") ||
		(u.Scheme == "" && !strings.HasPrefix(s, "/")) || u.RawQuery != "" || u.Fragment != "" {
		p.errorf(v, "baseURL %q must be a path such as / or /handbook/, or an http(s) URL", s)
		return "/"
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}

// meta converts a YAML value to strings exactly as written, and maps and
// lists of them: version: 1.0 stays "1.0", a date stays as written. path
// names the value, to tell where a key is set twice.
func (p *parser) meta(v *yaml.Node, path []string) any {
	if p.values++; p.values > maxMetaValues {
		return "" // reported once, at meta
	}
	switch v.Kind {
	case yaml.AliasNode:
		return p.meta(v.Alias, path)
	case yaml.MappingNode:
		m := make(map[string]any, len(v.Content)/2)
		for i := 0; i+1 < len(v.Content); i += 2 {
			k := v.Content[i]
			if _, twice := m[k.Value]; twice {
				if !p.twice[k] { // once, though aliases may lead here again
					p.twice[k] = true
					p.errorf(k, "key %q is set twice in %s", k.Value, strings.Join(path, "."))
				}
				continue
			}
			m[k.Value] = p.meta(v.Content[i+1], append(path, k.Value))
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, 0, len(v.Content))
		for _, e := range v.Content {
			l = append(l, p.meta(e, path))
		}
		return l
	}
	if v.Tag == "!!null" {
		return ""
	}
	return v.Value
}

func (p *parser) roles(v *yaml.Node) []Role {
	if v.Kind != yaml.SequenceNode {
		if v.Tag != "!!null" {
			p.errorf(v, "roles must be a list of roles with id, name and aliases")
		}
		return nil
	}
	var roles []Role
	names := map[string]int{} // every id, name and alias, folded, to the line of the role that has it
	for _, e := range v.Content {
		r := Role{Line: e.Line}
		var written []*yaml.Node // the nodes of the id, the name and the aliases
		p.mapping(e, "a role", []string{"id", "name", "aliases"}, func(key string, k, v *yaml.Node) {
			switch key {
			case "id":
				r.ID = p.str("role id", v)
				written = append(written, v)
			case "name":
				r.Name = p.str("role name", v)
				written = append(written, v)
			case "aliases":
				r.Aliases = p.strs("role aliases", v)
				if v.Kind == yaml.SequenceNode {
					written = append(written, v.Content...)
				}
			}
		})
		if e.Kind != yaml.MappingNode {
			if e.Kind == yaml.ScalarNode && e.Tag == "!!null" {
				p.errorf(e, "a role must be a mapping with id, name and aliases, not empty")
			}
			continue
		}
		if r.ID == "" {
			p.errorf(e, "a role needs an id")
			continue
		}
		if r.Name == "" {
			r.Name = r.ID
		}
		mine := map[string]bool{}
		for _, n := range written {
			name := strings.TrimSpace(n.Value)
			f := strings.ToLower(name)
			if n.Kind != yaml.ScalarNode || f == "" || mine[f] {
				continue
			}
			mine[f] = true
			if line, dup := names[f]; dup {
				p.errorf(n, "role name %q is already used by the role on line %d", name, line)
				continue
			}
			names[f] = e.Line
		}
		roles = append(roles, r)
	}
	return roles
}

func (p *parser) ignores(v *yaml.Node) []Ignore {
	if v.Kind != yaml.SequenceNode {
		if v.Tag != "!!null" {
			p.errorf(v, "ignore must be a list of entries with rule and path")
		}
		return nil
	}
	var out []Ignore
	for _, e := range v.Content {
		ig := Ignore{Line: e.Line}
		p.mapping(e, "an ignore entry", []string{"rule", "path", "reason"}, func(key string, k, v *yaml.Node) {
			switch key {
			case "rule":
				ig.Rule = p.str("ignore rule", v)
			case "path":
				ig.Path = p.str("ignore path", v)
			case "reason":
				ig.Reason = p.str("ignore reason", v)
			}
		})
		if e.Kind == yaml.MappingNode && ig.Rule == "" && ig.Path == "" {
			p.errorf(e, "an ignore entry needs a rule, a path or both")
			continue
		}
		out = append(out, ig)
	}
	return out
}

// repository reads repository: {url, branch}: url an http(s) address.
func (p *parser) repository(v *yaml.Node) Repository {
	r := Repository{Branch: "main"}
	p.mapping(v, "repository", []string{"url", "branch"}, func(key string, k, v *yaml.Node) {
		switch key {
		case "url":
			s := p.str("repository.url", v)
			if v.Kind != yaml.ScalarNode {
				return // reported as not text
			}
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
				p.errorf(v, "repository.url %q must be an http(s) URL such as https://git.example.org/gov/handbook", s)
				return
			}
			r.URL = strings.TrimRight(s, "/")
		case "branch":
			if b := p.str("repository.branch", v); b != "" {
				r.Branch = b
			} else {
				p.errorf(v, "repository.branch must name a branch")
			}
		}
	})
	if v.Kind == yaml.MappingNode && r.URL == "" && !slices.ContainsFunc(v.Content, func(n *yaml.Node) bool { return n.Value == "url" }) {
		p.errorf(v, "repository needs a url")
	}
	return r
}

func (p *parser) metadata(v *yaml.Node) {
	m := &p.c.Metadata
	p.mapping(v, "metadata", []string{"required", "status", "classification", "review_after"}, func(key string, k, v *yaml.Node) {
		switch key {
		case "required":
			m.Required = p.strs("metadata.required", v)
		case "status":
			if m.Status = p.strs("metadata.status", v); len(m.Status) == 0 {
				p.errorf(v, "metadata.status needs at least one status")
			}
		case "classification":
			if m.Classification = p.strs("metadata.classification", v); len(m.Classification) == 0 {
				p.errorf(v, "metadata.classification needs at least one level")
			}
		case "review_after":
			m.ReviewAfter = p.integer("metadata.review_after", v)
		}
	})
}

func kind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "empty"
	}
	return fmt.Sprintf("%q", n.Value)
}

func list(s []string) string { return "[" + strings.Join(s, ", ") + "]" }

func containsFold(s []string, v string) bool {
	return slices.ContainsFunc(s, func(e string) bool { return strings.EqualFold(e, v) })
}

// suggest names the known key closest to an unknown one, if any is close.
func suggest(got string, known []string) string {
	if best, ok := finding.Closest(got, known); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return " (known keys: " + strings.Join(known, ", ") + ")"
}
