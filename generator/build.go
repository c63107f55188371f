// Package generator builds a handbook. It only wires the stages, each a
// package of its own that returns its result and its findings:
//
//	load      config       site.yaml
//	discover  source       the files of content/
//	parse     parse        front matter and body of each file
//	assemble  assemble     the site model: sections, documents with their
//	                       placeholders filled, audience, history, matrices,
//	                       scorecards, changes, versions
//	          redline      each document's versions compared word by word
//	check     check        metadata rules, and every body's references
//	                       (converted to HTML for a build)
//	render    render       the theme's pages
//	write     write        each page rendered, its links checked and stored
//	                       by one worker; output keeps them
//
// A live-preview Session keeps the results of earlier builds in package
// incremental, which the stages reach through their Memo interfaces.
package generator

import (
	"context"
	"errors"
	"io/fs"
	"runtime"
	"slices"
	"time"

	"github.com/govdoc/govdoc/generator/assemble"
	"github.com/govdoc/govdoc/generator/calendar"
	"github.com/govdoc/govdoc/generator/check"
	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/incremental"
	"github.com/govdoc/govdoc/generator/internal/parallel"
	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/memo"
	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/generator/parse"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/raci"
	"github.com/govdoc/govdoc/generator/redline"
	"github.com/govdoc/govdoc/generator/register"
	"github.com/govdoc/govdoc/generator/render"
	"github.com/govdoc/govdoc/generator/scorecard"
	"github.com/govdoc/govdoc/generator/search"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
	"github.com/govdoc/govdoc/generator/write"
)

// Options configure a build.
type Options struct {
	// Source is the site: site.yaml, content/, templates/, static/.
	Source fs.FS
	// Theme is the built-in theme, with templates/ and static/ folders.
	Theme fs.FS
	// Audience overrides site.yaml's audience when not empty. A check
	// without one leaves no document out; with one, it adds what that
	// audience's build finds (see Check).
	Audience string
	// Version is govdoc's version, shown in page footers.
	Version string
	// Now is the date review-overdue is measured against; zero means today.
	Now time.Time
	// Workers is how many documents are processed at once; 0 means one per CPU.
	Workers int
	// Since holds, for check --since, the contents at the base revision of
	// the files changed since then, by path (nil for a new file).
	Since map[string][]byte
	// Git reads the site's git history, or returns nil without one. It is
	// called at most once per build or check, and only when needed: a
	// build calls it as it starts, in the background, and closes hurry
	// when it comes to wait for it: before the first document whose
	// placeholders name git, or else before rendering pages (see
	// gitlog.Options.Hurry). A check calls it only for such documents.
	// An error (a damaged repository, not a site outside git) becomes a
	// git-history warning, and the site is built without the history.
	Git func(hurry <-chan struct{}) (*gitlog.Log, error)
	// Results keeps the stages' results between runs, so that a run redoes
	// the work of changed documents only; nil keeps none. The caller opens
	// it and closes it after the run.
	Results *memo.Store

	cache *incremental.Cache // a session's results of earlier builds, or nil
	// parsing, if set, is called with a document's path as its Markdown
	// starts to be parsed (started true), and once it has been (false):
	// tests interrupt a build there.
	parsing func(path string, started bool)
}

// Result is a finished build.
type Result struct {
	Site     *site.Site
	Findings finding.List
	// Pages is how many HTML pages the site has.
	Pages int
	// Rendered is how many of them this build rendered; a session reuses
	// the others from its earlier builds.
	Rendered int
	// Files is how many files were written.
	Files int

	finished int // how many findings an earlier finish suppressed and sorted
}

// ErrConfig is returned when site.yaml has errors; the findings say which.
var ErrConfig = errors.New("site.yaml has errors")

// Load runs the stages up to check: it reads and checks the site without
// rendering it, for the build of opts.Audience or else site.yaml's
// audience. A missing site.yaml is an error; errors inside it come back as
// findings with ErrConfig. It reads the git history only when a document's
// placeholders name git.
func Load(ctx context.Context, opts Options) (*Result, error) {
	return load(ctx, opts, newGitHistory(opts), false)
}

// load runs the stages up to check. With every set, and no opts.Audience,
// it leaves no document out: the audience is the most sensitive level and
// no status is left out, as a check sees the site.
func load(ctx context.Context, opts Options, git *gitHistory, every bool) (*Result, error) {
	cfg, findings, err := config.Load(opts.Source)
	if err != nil {
		return nil, err
	}
	res := &Result{Findings: findings}
	if findings.Errors() > 0 {
		return res, ErrConfig
	}
	switch {
	case opts.Audience != "":
		if _, ok := cfg.Level(opts.Audience); !ok {
			res.Findings.Errorf(finding.ConfigError, finding.Position{File: config.File},
				"audience %q is not one of metadata.classification %v", opts.Audience, cfg.Metadata.Classification)
			return res, ErrConfig
		}
		cfg.Audience = opts.Audience
		every = false
	case every && len(cfg.Metadata.Classification) > 0:
		cfg.Audience = cfg.Metadata.Classification[len(cfg.Metadata.Classification)-1]
		cfg.ExcludeStatus = nil
	}
	files, err := opts.cache.Files(opts.Source, func() (source.Files, error) { return source.Discover(opts.Source) })
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	docs, indexes := parse.Files(ctx, opts.Source, workers(opts), files, memoOf[parse.Memo](opts.cache), opts.Results)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ev := opts.cache.Evaluator()
	var (
		reads   []bool
		history *gitlog.Log
	)
	if opts.Git != nil {
		reads = assemble.ReadsGit(ctx, workers(opts), ev, docs)
		if slices.Contains(reads, true) {
			history = git.wait()
			res.Findings = append(res.Findings, git.findings()...)
		}
	}
	s, f := assemble.Site(ctx, workers(opts), cfg, docs, indexes, files.Assets, ev, memoOf[assemble.Memo](opts.cache), opts.Results, history, reads)
	s.Version = opts.Version
	s.Tags = site.CollectTags(s.Documents)
	s.Static = write.StaticNames(sub(opts.Theme, "static"), sub(opts.Source, "static"))
	res.Site = s
	res.Findings = append(res.Findings, f...)
	if !every {
		res.Findings = append(res.Findings, check.EmptyBuild(s)...)
	}
	roles := raci.NewRoles(cfg.Roles)
	s.Roles = roles.All
	// Review dates and links between versions, which the metadata rules
	// read.
	res.Findings = append(res.Findings, assemble.Control(s, roles, now(opts))...)
	// The metadata rules, the matrices and the scorecards are read at
	// once: each reads what the others leave alone, and writes its own.
	metadata, scorecards := make(chan finding.List, 1), make(chan finding.List, 1)
	go func() { metadata <- check.Metadata(s, now(opts), memoOf[check.MetadataMemo](opts.cache)) }()
	go func() {
		scorecards <- assemble.Scorecards(s, opts.Source, roles, memoOf[assemble.ScorecardsMemo](opts.cache))
	}()
	res.Findings = append(res.Findings, assemble.Responsibilities(s, roles, memoOf[assemble.ResponsibilitiesMemo](opts.cache))...)
	res.Findings = append(res.Findings, <-scorecards...)
	res.Findings = append(res.Findings, <-metadata...)
	res.Findings = append(res.Findings, assemble.BuiltinConflicts(s)...)
	assemble.Owners(s, roles)
	return res, ctx.Err()
}

// Check runs the stages that find problems, without rendering pages: what
// govdoc check reports. It checks every document and every link whatever
// the audience, so it reports every error a build for any audience
// reports. With opts.Audience set it checks as that audience's build does
// and adds its warnings of links to documents left out (restricted-link)
// and its error when it would publish nothing (empty-build).
func Check(ctx context.Context, opts Options) (*Result, error) {
	res, err := load(ctx, opts, newGitHistory(opts), true)
	if err != nil {
		return res, err
	}
	res.Findings = append(res.Findings, bodies(ctx, opts, res.Site, false)...)
	if opts.Since != nil {
		res.Findings = append(res.Findings, check.Since(append(slices.Clip(res.Site.Documents), res.Site.Excluded...), opts.Since, placeholder.New())...)
	}
	res.finish()
	return res, ctx.Err()
}

// Build runs every stage and writes the site to w. The result's findings
// list every problem; the caller decides whether errors among them should
// stop the output from being published.
func Build(ctx context.Context, opts Options, w output.Writer) (*Result, error) {
	git := newGitHistory(opts)
	git.start() // read while the stages before rendering run
	type loaded struct {
		theme    *render.Theme
		findings finding.List
	}
	themes := make(chan loaded, 1)
	go func() { // parsed while the site is read
		theme, findings := loadTheme(opts)
		themes <- loaded{theme, findings}
	}()
	res, err := load(ctx, opts, git, false)
	th := <-themes
	if err != nil {
		return res, err
	}
	theme, tf := th.theme, th.findings
	res.Findings = append(res.Findings, tf...)
	if tf.Errors() > 0 {
		res.finish()
		return res, nil
	}
	res.Findings = append(res.Findings, bodies(ctx, opts, res.Site, true)...)
	res.finish()
	if opts.cache == nil {
		release(res.Site) // a session keeps them for the next build
	}
	health := make(chan []*site.HealthRow, 1) // while the history is read, which it does not show
	go func() { health <- assemble.Health(res.Site, res.Findings) }()
	assemble.WithHistory(ctx, res.Site, git.wait(), opts.cache.Evaluator())
	redline.Pages(ctx, res.Site, redline.Options{Workers: workers(opts),
		Markdown: markdown.Options{RawHTML: res.Site.Config.RawHTML, HistoryMarker: placeholder.HistoryMarker}})
	res.Site.Health = <-health
	res.Findings = append(res.Findings, git.findings()...)
	pages, n := outputs(ctx, opts, res.Site)
	res.Pages = n
	wr, err := write.Pages(ctx, write.Options{Workers: workers(opts), Theme: theme, Out: w, Base: render.BasePath(res.Site.Config.BaseURL),
		Owned: opts.cache != nil, ShareSidebars: opts.cache == nil, Names: opts.cache.OutputNames()}, pages)
	opts.cache.KeepOutputList(pages)
	res.Findings = append(res.Findings, wr.Findings...)
	res.Rendered, res.Files = wr.Rendered, wr.Written
	res.finish()
	if err != nil {
		res.Files = 0
	}
	return res, err
}

// release lets go of what the stages after check have no use for: the
// documents' text and YAML, which the findings with positions in them
// needed. The rest of a build holds every document's HTML at once.
func release(s *site.Site) {
	for _, d := range append(slices.Clip(s.Documents), s.Excluded...) {
		d.Source = d.Source.Released() // as Bodies did, unless it stopped early
		for _, f := range d.Fields {
			f.Node = nil
		}
	}
	for _, sec := range s.Sections() {
		if sec.Source != nil {
			sec.Source = sec.Source.Released()
		}
	}
}

// outputs lists every file of the output: the pages of the site (the first
// n), its data files and its static files. Every one is made from what
// this build publishes, and nothing else; the static files alone need the
// left-out documents, to withhold their files.
func outputs(ctx context.Context, opts Options, s *site.Site) (files []write.Page, n int) {
	published := s.Published()
	// The data files and the static files are made while the pages are
	// listed: both only read the site.
	others := make(chan []write.Page, 1)
	go func() {
		var files []write.Page
		if published.HasResponsibilities() {
			csv := func() []byte { return raci.CSV(published.Roles, published.Documents) }
			files = append(files, write.Page{URL: render.ResponsibilitiesCSV, HTML: opts.cache.ResponsibilitiesCSV(published, csv), Source: "responsibilities.csv"})
		}
		json := func() []byte { return scorecard.JSON(published) }
		control := opts.cache.Control(published, map[string]func() []byte{
			register.CSVFile:  func() []byte { return register.CSV(published) },
			register.JSONFile: func() []byte { return register.JSON(published) },
			calendar.File:     func() []byte { return calendar.Reviews(published) },
		})
		files = append(files, write.Page{URL: render.ScorecardsJSON, HTML: opts.cache.ScorecardsJSON(published, json), Source: render.ScorecardsJSON},
			write.Page{URL: render.ChangesFeed, HTML: render.Atom(published), Source: render.ChangesFeed},
			write.Page{URL: register.CSVFile, HTML: control[register.CSVFile], Source: register.CSVFile},
			write.Page{URL: register.JSONFile, HTML: control[register.JSONFile], Source: register.JSONFile},
			write.Page{URL: calendar.File, HTML: control[calendar.File], Source: calendar.File})
		files = append(files, searchIndex(ctx, opts, published)...)
		files = append(files, write.StaticFiles(sub(opts.Theme, "static"), sub(opts.Source, "static"), opts.Source, s)...)
		others <- files
	}()
	files = pagesOf(ctx, opts, published)
	n = len(files)
	return append(files, <-others...), n
}

// searchIndex returns the files of the search index of the published
// documents: the index script and its chunks, their entries made in
// parallel.
func searchIndex(ctx context.Context, opts Options, s *site.Site) []write.Page {
	entries := make([]search.Entry, len(s.Documents))
	paths := make([]string, len(s.Documents))
	limit := search.TextLimit(len(s.Documents))
	parallel.Do(ctx, workers(opts), len(s.Documents), func(i int) {
		entries[i] = opts.cache.SearchEntry(s.Documents[i], limit)
		paths[i] = s.Documents[i].Path
	})
	chunks := search.Split(paths, entries)
	pages := make([]write.Page, 0, len(chunks)+1)
	pages = append(pages, write.Page{URL: render.SearchIndex, HTML: search.Index(chunks), Source: render.SearchIndex})
	for _, c := range chunks {
		pages = append(pages, write.Page{URL: c.Name, HTML: opts.cache.SearchScript(c), Source: render.SearchIndex})
	}
	return pages
}

// bodies resolves the references of every body, converting them to HTML
// with html set.
func bodies(ctx context.Context, opts Options, s *site.Site, html bool) finding.List {
	return check.Bodies(ctx, check.BodyOptions{
		Workers:  workers(opts),
		Markdown: markdown.Options{RawHTML: s.Config.RawHTML, HistoryMarker: placeholder.HistoryMarker},
		HTML:     html,
		Results:  opts.Results,
		Memo:     memoOf[check.BodyMemo](opts.cache),
		// What a build or check reads no more once a body is read, unless
		// a session keeps it for the next build or --since compares it.
		Release: opts.cache == nil && (html || opts.Since == nil),
		Parsing: opts.parsing,
	}, s)
}

// memoOf returns a session's cache as the memo of a stage, or nil outside a
// session.
func memoOf[M any](c *incremental.Cache) M {
	var m M
	if c != nil {
		m, _ = any(c).(M)
	}
	return m
}

// finish applies the site's suppressions and sorts the findings.
func (r *Result) finish() {
	s := r.Site
	if added := r.Findings[min(r.finished, len(r.Findings)):]; len(added) > 0 {
		// Those before were suppressed by an earlier finish.
		kept := check.Suppress(added, s.Config, append(slices.Clip(s.Documents), s.Excluded...))
		r.Findings = append(r.Findings[:len(r.Findings)-len(added)], kept...)
	}
	r.Findings.Sort()
	r.finished = len(r.Findings)
}

func now(opts Options) time.Time {
	if opts.Now.IsZero() {
		return time.Now()
	}
	return opts.Now
}

func workers(opts Options) int {
	if opts.Workers > 0 {
		return opts.Workers
	}
	return runtime.GOMAXPROCS(0)
}
