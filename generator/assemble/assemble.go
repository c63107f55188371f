// Package assemble is the stage that makes the site model of a site's
// parsed files: the section tree with its meta and cascade, each document's
// metadata with placeholders filled, what the audience and status filter
// leave out, the reading order and the page URLs, what git may show, the
// responsibility matrices and scorecards gathered, and the changes list.
package assemble

import (
	"cmp"
	"context"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/govdoc/govdoc/generator/check"
	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/history"
	"github.com/govdoc/govdoc/generator/internal/parallel"
	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/memo"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/render"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// Site builds the site model: the section tree with its meta and
// cascade, each document's metadata with placeholders filled, the audience
// and status filter, the reading order and the page URLs.
//
// Documents whose placeholders name git (ReadsGit) are given what history
// knows of them, once the others are assembled; the others are given it by
// WithHistory, after, so that they need not wait for git.
//
// results, if not nil, keeps between runs what filling each body's
// placeholders gave (see expand).
func Site(ctx context.Context, workers int, cfg *config.Config, docs, indexes []*source.Document, assets []string, ev *placeholder.Evaluator, memo Memo, results *memo.Store, history *gitlog.Log, readsGit []bool) (*site.Site, finding.List) {
	var findings finding.List
	titles := markdown.New(markdown.Options{}) // reads the titles of bodies that open with one
	s := &site.Site{Config: cfg, Assets: assets}
	s.Root = &site.Section{Dir: source.ContentDir, Title: cfg.Title, Meta: cfg.Meta, URL: "index.html"}
	sections := map[string]*site.Section{source.ContentDir: s.Root}
	var sectionOf func(dir string) *site.Section
	sectionOf = func(dir string) *site.Section {
		if sec, ok := sections[dir]; ok {
			return sec
		}
		parent := sectionOf(path.Dir(dir))
		sec := &site.Section{Dir: dir, Parent: parent, Title: humanize(path.Base(dir)),
			URL: strings.TrimPrefix(dir, source.ContentDir+"/") + "/index.html"}
		parent.Sections = append(parent.Sections, sec)
		sections[dir] = sec
		return sec
	}
	for _, ix := range indexes {
		sectionOf(path.Dir(ix.Path)).Source = ix
	}
	for _, d := range docs {
		sectionOf(path.Dir(d.Path))
	}
	// Sections top-down, so each inherits its parent's merged meta.
	dirs := slices.Sorted(maps.Keys(sections))
	for _, dir := range dirs {
		sec := sections[dir]
		if sec.Parent != nil {
			sec.Meta, sec.Cascade = sec.Parent.Meta, sec.Parent.Cascade
		}
		if sec.Source == nil {
			continue
		}
		findings = append(findings, sec.Source.Findings...)
		sec.Meta = Merge(sec.Meta, sec.Source.OwnMeta())
		fields, _, f := sec.Source.Fields(ev, placeholder.Data{"meta": sec.Meta})
		findings = append(findings, f...)
		sec.Weight, _ = strconv.Atoi(fields["weight"].String())
		body := sec.Source.Body()
		md, m, errs := ev.Expand(body, placeholder.ScanMarkdown(body), placeholder.Data{"meta": sec.Meta})
		sec.Markdown, sec.Map = md, m
		for _, e := range errs {
			findings.Errorf(placeholderRule(e), sec.Source.Pos(sec.Source.BodyStart+e.Offset), "%s: %s", e.Text, e.Message)
		}
		if t := cmp.Or(fields["title"].String(), titles.LeadingTitle(md)); t != "" {
			sec.Title = t
		}
		if c, ok := fieldMap(fields["cascade"]); ok {
			sec.Cascade = Merge(sec.Cascade, normalizeKeys(c))
		}
	}

	// Documents in parallel, each with its own findings, then in order.
	// Which commits a document may name depends on which documents the
	// build leaves out, so those that name git come after the others.
	assembled := make([]*site.Document, len(docs))
	found := make([]finding.List, len(docs))
	waits := history != nil && slices.Contains(readsGit, true)
	parallel.Do(ctx, workers, len(docs), func(i int) {
		if !waits || !readsGit[i] {
			assembled[i] = memoized(memo, results, docs[i], sections[path.Dir(docs[i].Path)], nil, ev, titles, &found[i])
		}
	})
	pub := make([]bool, len(docs))
	if waits {
		// Whether a document that names git is published is decided as
		// if git knew nothing, as what git may show depends on it.
		parallel.Do(ctx, workers, len(docs), func(i int) {
			if readsGit[i] {
				pub[i] = publishedWithoutGit(cfg, docs[i], sections[path.Dir(docs[i].Path)], ev)
			} else if assembled[i] != nil {
				pub[i] = published(cfg, assembled[i])
			}
		})
		paths := make([]string, len(docs))
		for i, d := range docs {
			paths[i] = d.Path
		}
		shown := showHistory(history, cfg, paths, pub)
		parallel.Do(ctx, workers, len(docs), func(i int) {
			if readsGit[i] {
				assembled[i] = memoized(memo, results, docs[i], sections[path.Dir(docs[i].Path)], shown.last(docs[i].Path), ev, titles, &found[i])
			}
		})
	}
	for i, d := range assembled {
		if d == nil {
			continue // stopped early: ctx is done
		}
		findings = append(findings, found[i]...)
		in := published(cfg, d)
		if waits && readsGit[i] {
			in = pub[i]
		}
		if in {
			d.Section.Documents = append(d.Section.Documents, d)
		} else {
			d.Excluded = true
			s.Excluded = append(s.Excluded, d)
		}
	}
	order(s.Root, s)
	markExcluded(s)
	findings = append(findings, conflicts(s)...)
	return s, findings
}

// Memo is what the stage reuses of earlier builds: a document assembled
// before from the same parsed file, section and commit.
type Memo interface {
	// Document returns the document build assembles from src in sec with
	// git as its last commit, with its findings added to findings, or an
	// equal copy of the one an earlier build made.
	Document(src *source.Document, sec *site.Section, git *gitlog.Commit, build func(*finding.List) *site.Document, findings *finding.List) *site.Document
}

// memoized assembles a document through memo, if there is one.
func memoized(memo Memo, results *memo.Store, src *source.Document, sec *site.Section, git *gitlog.Commit, ev *placeholder.Evaluator, titles *markdown.Renderer, findings *finding.List) *site.Document {
	build := func(f *finding.List) *site.Document { return document(src, sec, git, ev, results, titles, f) }
	if memo == nil {
		return build(findings)
	}
	return memo.Document(src, sec, git, build, findings)
}

// placeholderRule is the rule of a placeholder that could not be filled:
// limit-exceeded when it would pass a limit, else unresolved-placeholder.
func placeholderRule(e placeholder.Error) string {
	if e.Limit {
		return finding.LimitExceeded
	}
	return finding.UnresolvedPlaceholder
}

// document fills a document's metadata and body placeholders; git is its
// last commit a build may show, or nil. titles reads the title of a body
// that opens with one.
func document(src *source.Document, sec *site.Section, git *gitlog.Commit, ev *placeholder.Evaluator, results *memo.Store, titles *markdown.Renderer, findings *finding.List) *site.Document {
	*findings = append(*findings, src.Findings...)
	d := &site.Document{Source: src, Path: src.Path, Section: sec}
	d.Meta = Merge(sec.Meta, src.OwnMeta())
	data := placeholder.Data{"meta": d.Meta, "git": gitData(git)}
	fields, f := documentFields(src, sec, ev, data)
	*findings = append(*findings, f...)
	d.Fields = fields
	d.Params = make(map[string]any, len(fields))
	for k, f := range fields {
		d.Params[k] = f.Value
	}
	d.ID = fields["document_id"].String()
	d.Owner = fields["owner"].String()
	d.Version = fields["version"].String()
	d.Status = fields["status"].String()
	d.Classification = fields["classification"].String()
	d.LastUpdate = fields["last_update"].String()
	d.Weight, _ = strconv.Atoi(fields["weight"].String())
	d.Tags = strs(fields["tags"])
	d.NextReview = fields["next_review"].String()
	d.ApprovedBy = strings.TrimSpace(fields["approved_by"].String())
	d.ApprovalDate = cmp.Or(fields["approval_date"].String(), fields["effective_date"].String())
	d.SupersedesID = strings.TrimSpace(fields["supersedes"].String())

	md, m, errs := expand(results, ev, src, data)
	d.Markdown, d.Map = md, m
	for _, e := range errs {
		findings.Errorf(placeholderRule(e), src.Pos(src.BodyStart+e.Offset), "%s: %s", e.Text, e.Message)
	}
	d.Title = cmp.Or(fields["title"].String(), titles.LeadingTitle(md), humanize(d.Slug()))
	d.URL = strings.TrimPrefix(path.Dir(src.Path), source.ContentDir)
	d.URL = strings.TrimPrefix(d.URL+"/"+d.Slug()+"/index.html", "/")
	d.History = history.NewestFirst(historyRows(d, findings))
	*findings = append(*findings, check.Version(d)...)
	return d
}

// documentFields fills a document's front matter with data, and adds its
// section's cascade for the keys it does not set.
func documentFields(src *source.Document, sec *site.Section, ev *placeholder.Evaluator, data placeholder.Data) (map[string]*source.Field, finding.List) {
	fields, _, f := src.Fields(ev, data)
	for k, v := range sec.Cascade {
		if _, set := fields[k]; !set {
			fields[k] = &source.Field{Name: k, Value: v}
		}
	}
	return fields, f
}

// publishedWithoutGit reports whether a document belongs in this build,
// its front matter filled as if git knew nothing of it.
func publishedWithoutGit(cfg *config.Config, src *source.Document, sec *site.Section, ev *placeholder.Evaluator) bool {
	fields, _ := documentFields(src, sec, ev, placeholder.Data{"meta": Merge(sec.Meta, src.OwnMeta()), "git": gitData(nil)})
	return published(cfg, &site.Document{Status: fields["status"].String(), Classification: fields["classification"].String()})
}

// historyRows reads a document's front-matter history: list, or else the
// Document History table of its body.
func historyRows(d *site.Document, findings *finding.List) []history.Row {
	f := d.Fields["history"]
	if f == nil {
		return history.Parse(d.Markdown)
	}
	rows, ok := history.List(f.Value)
	if !ok {
		findings.Errorf(finding.InvalidMetadata, d.Source.ValuePos(f), "history must be a list of entries, each with version, date, author and changes")
	}
	return rows
}

// gitData is what {{ git.KEY }} names for a document: the date, author and
// commit of its last change, empty when git does not know the document or
// the build may not show its commits.
func gitData(last *gitlog.Commit) map[string]any {
	data := map[string]any{"date": "", "author": "", "commit": "", "subject": ""}
	if last != nil {
		data["date"] = last.Date.Format("2006-01-02")
		data["author"] = last.Author
		data["commit"] = last.Short()
		data["subject"] = last.Subject
	}
	return data
}

// published reports whether a document belongs in this build: its
// classification is at or below the audience (no or an unknown
// classification counts as the most sensitive), and its status is not
// excluded.
func published(cfg *config.Config, d *site.Document) bool {
	for _, st := range cfg.ExcludeStatus {
		if strings.EqualFold(st, d.Status) {
			return false
		}
	}
	audience, _ := cfg.Level(cfg.Audience)
	level, ok := cfg.Level(d.Classification)
	if !ok {
		level = len(cfg.Metadata.Classification) - 1
	}
	return level <= audience
}

// order sorts sections and documents (weight, then name; no weight sorts
// last), links each document to its neighbours in its section and lists the
// published documents in reading order.
func order(sec *site.Section, s *site.Site) {
	if byOrder := func(a, b *site.Document) int {
		return cmp.Or(byWeight(a.Weight, b.Weight), cmp.Compare(a.Path, b.Path))
	}; !slices.IsSortedFunc(sec.Documents, byOrder) { // as they are found, often
		slices.SortFunc(sec.Documents, byOrder)
	}
	slices.SortFunc(sec.Sections, func(a, b *site.Section) int {
		return cmp.Or(byWeight(a.Weight, b.Weight), cmp.Compare(a.Dir, b.Dir))
	})
	for i, d := range sec.Documents {
		d.Prev, d.Next = nil, nil
		if i > 0 {
			d.Prev = sec.Documents[i-1]
		}
		if i+1 < len(sec.Documents) {
			d.Next = sec.Documents[i+1]
		}
	}
	s.Documents = append(s.Documents, sec.Documents...)
	for _, c := range sec.Sections {
		order(c, s)
	}
}

// markExcluded marks the sections that hold left-out documents and no
// published one, in them or below: nothing of them is published. A section
// with no document at all is published, with its introduction.
func markExcluded(s *site.Site) {
	left := map[*site.Section]bool{}
	for _, d := range s.Excluded {
		for sec := d.Section; sec != nil; sec = sec.Parent {
			left[sec] = true
		}
	}
	for _, sec := range s.Sections() {
		sec.Excluded = left[sec] && sec.Count() == 0
	}
}

func byWeight(a, b int) int {
	switch {
	case a == b:
		return 0
	case a == 0:
		return 1
	case b == 0:
		return -1
	}
	return cmp.Compare(a, b)
}

// conflicts finds two pages that would be written to one file, such as
// governance/security.md beside a governance/security/ section.
func conflicts(s *site.Site) finding.List {
	var findings finding.List
	sections := s.Sections()
	urls := make(map[string]string, len(sections)+len(s.Documents))
	for _, sec := range sections {
		urls[sec.URL] = sec.Dir + "/"
	}
	for _, d := range s.Documents {
		if other, dup := urls[d.URL]; dup {
			findings.Errorf(finding.PageConflict, finding.Position{File: d.Path, Line: 1, Column: 1},
				"its page %s would overwrite the page of %s; rename one of them", d.URL, other)
			continue
		}
		urls[d.URL] = d.Path
	}
	return findings
}

// BuiltinConflicts finds sections and documents whose page would be one of
// the site-wide pages govdoc writes, such as a content/documents/ folder
// beside the list of all documents.
func BuiltinConflicts(s *site.Site) finding.List {
	own := map[string]string{
		render.DocumentsURL:  "the list of all documents",
		render.ScorecardsURL: "the scorecards page",
		render.ChangesURL:    "the changes page",
		render.ReviewsURL:    "the reviews page",
		render.RegisterURL:   "the document register",
	}
	if len(s.Tags) > 0 {
		own[render.TagsURL] = "the list of tags"
		for _, t := range s.Tags {
			own[t.URL] = "the page of the tag " + strconv.Quote(t.Name)
		}
	}
	if s.HasResponsibilities() {
		own[render.ResponsibilitiesURL] = "the responsibilities page"
		own[render.RolesURL] = "the roles page"
		for _, r := range s.Roles {
			own[r.URL] = "the page of the role " + strconv.Quote(r.Name)
		}
	}
	var findings finding.List
	for _, sec := range s.Sections() {
		if what, ok := own[sec.URL]; ok {
			pos := finding.Position{File: sec.Dir + "/"}
			if sec.Source != nil {
				pos = finding.Position{File: sec.Source.Path, Line: 1, Column: 1}
			}
			findings.Errorf(finding.PageConflict, pos,
				"the section's page %s would overwrite %s; rename the folder", sec.URL, what)
		}
	}
	for _, d := range s.Documents {
		if what, ok := own[d.URL]; ok {
			findings.Errorf(finding.PageConflict, finding.Position{File: d.Path, Line: 1, Column: 1},
				"its page %s would overwrite %s; rename the file", d.URL, what)
		}
	}
	return findings
}

// humanize turns a file or folder name into a title: "0230_it_roles" ->
// "0230 it roles", "data-management" -> "Data management".
func humanize(name string) string {
	t := strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == '-' }), " ")
	if t == "" {
		return name
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// Merge returns base with the keys of over set, without changing either.
func Merge(base, over map[string]any) map[string]any {
	if len(over) == 0 {
		return base
	}
	m := make(map[string]any, len(base)+len(over))
	maps.Copy(m, base)
	maps.Copy(m, over)
	return m
}

func fieldMap(f *source.Field) (map[string]any, bool) {
	if f == nil {
		return nil, false
	}
	m, ok := f.Value.(map[string]any)
	return m, ok
}

func normalizeKeys(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[source.NormalizeKey(k)] = v
	}
	return out
}

// strs reads a list field, or a comma-separated scalar, as strings.
func strs(f *source.Field) []string {
	if f == nil {
		return nil
	}
	var out []string
	switch v := f.Value.(type) {
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, strings.TrimSpace(s))
			}
		}
	case string:
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}
