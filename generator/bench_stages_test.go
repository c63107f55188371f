package generator

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator/assemble"
	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/internal/corpus"
	"github.com/govdoc/govdoc/generator/internal/parallel"
	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/memo"
	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/generator/parse"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/raci"
	"github.com/govdoc/govdoc/generator/source"
	"github.com/govdoc/govdoc/generator/write"
)

// The stage benchmarks run each stage of a build over the synthetic
// handbook at 1,000 and 10,000 documents, generated in memory, and report
// documents per second next to time and allocations:
//
//	go test ./generator -run '^$' -bench Stage -benchmem
//
// Each stage starts from the result of the stages before it, prepared
// outside the timer.

var benchSizes = []int{1000, 10000}

var (
	corporaMu sync.Mutex
	corpora   = map[int]fstest.MapFS{}
)

// benchCorpus returns the n-document synthetic handbook, generated once.
func benchCorpus(n int) fstest.MapFS {
	corporaMu.Lock()
	defer corporaMu.Unlock()
	if fsys, ok := corpora[n]; ok {
		return fsys
	}
	fsys := fstest.MapFS{}
	for name, data := range corpus.Generate(n, 1) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	corpora[n] = fsys
	return fsys
}

func benchOptions(n int) Options {
	return Options{Source: benchCorpus(n), Theme: govdoc.Theme, Version: "bench", Now: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}
}

// stage runs one benchmark per corpus size; run does the measured work on
// what prepare returned.
func stage[T any](b *testing.B, prepare func(b *testing.B, opts Options) T, run func(b *testing.B, opts Options, in T)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			opts := benchOptions(n)
			in := prepare(b, opts)
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			for b.Loop() {
				run(b, opts, in)
			}
			b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "docs/s")
		})
	}
}

func none(*testing.B, Options) struct{} { return struct{}{} }

func loaded(b *testing.B, opts Options) *Result {
	res, err := Load(context.Background(), opts)
	if err != nil {
		b.Fatal(err)
	}
	return res
}

// BenchmarkStageParse reads and parses every file: front matter and
// placeholders found.
func BenchmarkStageParse(b *testing.B) {
	stage(b, func(b *testing.B, opts Options) source.Files {
		files, err := source.Discover(opts.Source)
		if err != nil {
			b.Fatal(err)
		}
		return files
	}, func(b *testing.B, opts Options, files source.Files) {
		parse.Files(context.Background(), opts.Source, workers(opts), files, nil, nil)
	})
}

// BenchmarkStagePlaceholders fills every placeholder of every document.
func BenchmarkStagePlaceholders(b *testing.B) {
	type input struct {
		docs []*source.Document
		data placeholder.Data
	}
	stage(b, func(b *testing.B, opts Options) input {
		files, _ := source.Discover(opts.Source)
		docs, _ := parse.Files(context.Background(), opts.Source, workers(opts), files, nil, nil)
		cfg, _, err := config.Load(opts.Source)
		if err != nil {
			b.Fatal(err)
		}
		return input{docs, placeholder.Data{"meta": cfg.Meta}}
	}, func(b *testing.B, opts Options, in input) {
		ev := placeholder.New()
		parallel.Do(context.Background(), workers(opts), len(in.docs), func(i int) {
			d := in.docs[i]
			d.Fields(ev, in.data)
			ev.Expand(d.Body(), placeholder.ScanMarkdown(d.Body()), in.data)
		})
	})
}

// BenchmarkStageLoad is every stage before the bodies: parse, assemble
// with placeholders, metadata checks, matrices, scorecards and changes.
func BenchmarkStageLoad(b *testing.B) {
	stage(b, none, func(b *testing.B, opts Options, _ struct{}) { loaded(b, opts) })
}

// BenchmarkStageMatrices checks and gathers every responsibility matrix.
func BenchmarkStageMatrices(b *testing.B) {
	stage(b, loaded, func(b *testing.B, opts Options, res *Result) {
		assemble.Responsibilities(res.Site, raci.NewRoles(res.Site.Config.Roles), nil)
	})
}

// BenchmarkStageScorecards scores every scorecard.
func BenchmarkStageScorecards(b *testing.B) {
	stage(b, loaded, func(b *testing.B, opts Options, res *Result) {
		assemble.Scorecards(res.Site, opts.Source, raci.NewRoles(res.Site.Config.Roles), nil)
	})
}

// BenchmarkStageMarkdown converts every body to HTML with goldmark and
// nothing else: no references, no checks. It is the floor of a build.
func BenchmarkStageMarkdown(b *testing.B) {
	stage(b, loaded, func(b *testing.B, opts Options, res *Result) {
		md := markdown.New(markdown.Options{RawHTML: res.Site.Config.RawHTML, HistoryMarker: placeholder.HistoryMarker})
		docs := res.Site.Documents
		parallel.Do(context.Background(), workers(opts), len(docs), func(i int) {
			md.Render(docs[i].Markdown, "", nil)
		})
	})
}

// BenchmarkStageReferences resolves and checks every reference and anchor
// without rendering: what check adds to load.
func BenchmarkStageReferences(b *testing.B) {
	stage(b, loaded, func(b *testing.B, opts Options, res *Result) {
		bodies(context.Background(), opts, res.Site, false)
	})
}

// BenchmarkStageCheck is govdoc check: load and references.
func BenchmarkStageCheck(b *testing.B) {
	stage(b, none, func(b *testing.B, opts Options, _ struct{}) {
		if _, err := Check(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	})
}

// linked is the site with every body rendered and linked: what the theme
// is executed on.
func linked(b *testing.B, opts Options) *Result {
	res := loaded(b, opts)
	bodies(context.Background(), opts, res.Site, true)
	res.Site.Health = assemble.Health(res.Site, res.Findings)
	assemble.WithHistory(context.Background(), res.Site, nil, nil)
	return res
}

// BenchmarkStageRender executes the theme for every page, bodies rendered,
// and checks the links each page writes, without storing it.
func BenchmarkStageRender(b *testing.B) {
	stage(b, linked, func(b *testing.B, opts Options, res *Result) {
		theme, _ := loadTheme(opts)
		pages, _ := outputs(context.Background(), opts, res.Site)
		wr, err := write.Pages(context.Background(), write.Options{Workers: workers(opts), Theme: theme, Out: discard{}, Base: "/", ShareSidebars: true}, pages)
		if err != nil || wr.Findings.Errors() > 0 {
			b.Fatal(err, wr.Findings)
		}
	})
}

// BenchmarkStageWrite renders, checks and writes every page and static
// file to a folder on disk and swaps it in as the output.
func BenchmarkStageWrite(b *testing.B) {
	stage(b, linked, func(b *testing.B, opts Options, res *Result) {
		theme, _ := loadTheme(opts)
		site := b.TempDir()
		dir, err := output.NewDir(site, filepath.Join(site, "public"))
		if err != nil {
			b.Fatal(err)
		}
		pages, _ := outputs(context.Background(), opts, res.Site)
		if _, err := write.Pages(context.Background(), write.Options{Workers: workers(opts), Theme: theme, Out: dir, Base: "/", ShareSidebars: true}, pages); err != nil {
			b.Fatal(err)
		}
		if err := dir.Commit(); err != nil {
			b.Fatal(err)
		}
	})
}

// discard is an output that keeps nothing.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// BenchmarkStageBuild is every stage, written to memory.
func BenchmarkStageBuild(b *testing.B) {
	stage(b, none, func(b *testing.B, opts Options, _ struct{}) {
		if _, err := Build(context.Background(), opts, output.NewMemory()); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkStoredCheck is govdoc check with the results a first check
// stored: every body's scan is read from the store, none parsed.
func BenchmarkStoredCheck(b *testing.B) {
	storedRuns(b, func(opts Options) error {
		_, err := Check(context.Background(), opts)
		return err
	})
}

// BenchmarkStoredBuild is a build in memory with the results a first build
// stored: every body's HTML is read from the store.
func BenchmarkStoredBuild(b *testing.B) {
	storedRuns(b, func(opts Options) error {
		_, err := Build(context.Background(), opts, discard{})
		return err
	})
}

// storedRuns times run with a store that a first, untimed run filled, each
// run opening the store and closing it as a process does.
func storedRuns(b *testing.B, run func(Options) error) {
	withStore := func(b *testing.B, opts Options, dir string) {
		store, err := memo.Open(dir, "bench")
		if err != nil {
			b.Fatal(err)
		}
		opts.Results = store
		if err := run(opts); err != nil {
			b.Fatal(err)
		}
		if err := store.Close(); err != nil {
			b.Fatal(err)
		}
	}
	stage(b, func(b *testing.B, opts Options) string {
		dir := b.TempDir()
		withStore(b, opts, dir)
		return dir
	}, withStore)
}
