// Package generator builds a handbook. It is the one place that knows every
// stage and runs them in order, each returning its result and its findings:
//
//	load config -> discover -> parse -> assemble -> check -> render -> write
//
// The stages live in their own packages (config, source, placeholder,
// markdown, site, refs, render, output); this package only wires them.
package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/govdoc/govdoc/generator/check"
	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/memo"
	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/raci"
	"github.com/govdoc/govdoc/generator/render"
	"github.com/govdoc/govdoc/generator/scorecard"
	"github.com/govdoc/govdoc/generator/search"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
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

	cache *cache // a session's results of earlier builds, or nil
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
	files, err := source.Discover(opts.Source)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	docs, indexes := parse(ctx, opts, files)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ev := opts.cache.evaluator()
	var (
		reads   []bool
		history *gitlog.Log
	)
	if opts.Git != nil {
		reads = readsGit(ctx, workers(opts), ev, docs)
		if slices.Contains(reads, true) {
			history = git.wait()
			res.Findings = append(res.Findings, git.findings()...)
		}
	}
	s, f := assemble(ctx, workers(opts), cfg, docs, indexes, files.Assets, ev, opts.cache, history, reads)
	s.Version = opts.Version
	s.Tags = site.CollectTags(s.Documents)
	s.Static = slices.Sorted(maps.Keys(staticFolders(opts)))
	res.Site = s
	res.Findings = append(res.Findings, f...)
	if !every {
		res.Findings = append(res.Findings, emptyBuild(s)...)
	}
	res.Findings = append(res.Findings, check.Metadata(s, now(opts))...)
	roles := raci.NewRoles(cfg.Roles)
	s.Roles = roles.All
	res.Findings = append(res.Findings, responsibilities(s, roles)...)
	res.Findings = append(res.Findings, scorecards(s, opts.Source, roles)...)
	res.Findings = append(res.Findings, builtinConflicts(s)...)
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
	md := bodyRenderer(res.Site)
	res.Findings = append(res.Findings, linkBodies(ctx, opts, res.Site, md, false)...)
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
	res, err := load(ctx, opts, git, false)
	if err != nil {
		return res, err
	}
	theme, tf := loadTheme(opts)
	res.Findings = append(res.Findings, tf...)
	if tf.Errors() > 0 {
		res.finish()
		return res, nil
	}
	md := bodyRenderer(res.Site)
	res.Findings = append(res.Findings, linkBodies(ctx, opts, res.Site, md, true)...)
	res.finish()
	res.Site.Health = health(res.Site, res.Findings)
	withHistory(res.Site, git.wait())
	res.Findings = append(res.Findings, git.findings()...)
	// Every output is made from what this build publishes, and nothing else;
	// staticFiles alone needs the left-out documents, to withhold their files.
	published := res.Site.Published()
	pages, pf := renderPages(ctx, opts, published, theme)
	res.Findings = append(res.Findings, pf...)
	res.Pages = len(pages)
	for _, p := range pages {
		if !p.reused {
			res.Rendered++
		}
	}
	files := staticFiles(opts, res.Site)
	if published.HasResponsibilities() {
		pages = append(pages, renderedPage{url: render.ResponsibilitiesCSV, html: raci.CSV(published.Roles, published.Documents), source: "responsibilities.csv"})
	}
	pages = append(pages, renderedPage{url: render.ScorecardsJSON, html: scorecard.JSON(published), source: render.ScorecardsJSON},
		renderedPage{url: render.ChangesFeed, html: render.Atom(published), source: render.ChangesFeed},
		renderedPage{url: render.SearchIndex, html: searchIndex(ctx, opts, published), source: render.SearchIndex})
	res.Findings = append(res.Findings, deadLinks(ctx, workers(opts), pages, slices.Collect(maps.Keys(files)), render.BasePath(res.Site.Config.BaseURL), opts.cache)...)
	n, err := write(ctx, opts, pages, files, w)
	res.Files = n
	res.finish()
	return res, err
}

// emptyBuild is the error of a build that would publish no document
// although the site has some: its audience, or exclude_status, leaves out
// every one.
func emptyBuild(s *site.Site) finding.List {
	if len(s.Documents) > 0 || len(s.Excluded) == 0 {
		return nil
	}
	cfg := s.Config
	audience, _ := cfg.Level(cfg.Audience)
	level := cfg.Audience
	if audience < len(cfg.Metadata.Classification) {
		level = cfg.Metadata.Classification[audience] // as site.yaml spells it
	}
	var above, status int
	for _, d := range s.Excluded {
		if level, ok := cfg.Level(d.Classification); !ok || level > audience {
			above++
		} else {
			status++
		}
	}
	var why []string
	if above > 0 {
		why = append(why, fmt.Sprintf("%d classified above %s or not classified", above, level))
	}
	if status > 0 {
		why = append(why, fmt.Sprintf("%d with a status of exclude_status", status))
	}
	var findings finding.List
	findings.Errorf(finding.EmptyBuild, finding.Position{File: config.File},
		"the build for the audience %s would publish no document: all %d are left out (%s); choose a wider audience (--audience or site.yaml's audience)",
		level, len(s.Excluded), strings.Join(why, ", "))
	return findings
}

// searchIndex writes the search index of the published documents, their
// entries made in parallel.
func searchIndex(ctx context.Context, opts Options, s *site.Site) []byte {
	entries := make([]search.Entry, len(s.Documents))
	limit := search.TextLimit(len(s.Documents))
	parallel(ctx, workers(opts), len(s.Documents), func(i int) {
		entries[i] = opts.cache.searchEntry(s.Documents[i], limit)
	})
	return search.Index(entries)
}

// bodyRenderer is the Markdown renderer of a site's bodies.
func bodyRenderer(s *site.Site) *markdown.Renderer {
	return markdown.New(markdown.Options{RawHTML: s.Config.RawHTML, HistoryMarker: placeholder.HistoryMarker})
}

// finish applies the site's suppressions and sorts the findings.
func (r *Result) finish() {
	s := r.Site
	r.Findings = check.Suppress(r.Findings, s.Config, append(slices.Clip(s.Documents), s.Excluded...))
	r.Findings.Sort()
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

// parallel calls fn for 0..n-1 on the given number of goroutines, stopping
// early when ctx is done.
func parallel(ctx context.Context, workers, n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
