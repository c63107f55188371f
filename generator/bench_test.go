package generator_test

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/internal/corpus"
	"github.com/govdoc/govdoc/generator/output"
)

func corpusFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range corpus.Generate(n, 1) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// BenchmarkBuild1000 builds a synthetic 1,000-document handbook in memory:
// every stage from site.yaml to the written pages.
func BenchmarkBuild1000(b *testing.B) { benchmarkBuild(b, 1000) }

func benchmarkBuild(b *testing.B, n int) {
	fsys := corpusFS(n)
	opts := generator.Options{Source: fsys, Theme: govdoc.Theme, Version: "bench", Now: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		res, err := generator.Build(context.Background(), opts, output.NewMemory())
		if err != nil {
			b.Fatal(err)
		}
		if got := len(res.Site.Documents); got != n {
			b.Fatalf("built %d documents, want %d", got, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "docs/s")
}

func TestCorpusBuildsClean(t *testing.T) {
	b := buildFS(t, corpusFS(120)) // one document in a hundred has a scorecard
	if b.res.Findings.Errors() > 0 {
		t.Fatalf("synthetic corpus has errors: %v", b.findings()[:min(5, len(b.findings()))])
	}
	if len(b.res.Site.Scorecards()) != 1 || !b.res.Site.HasResponsibilities() {
		t.Fatalf("synthetic corpus has %d scorecards, matrices %v", len(b.res.Site.Scorecards()), b.res.Site.HasResponsibilities())
	}
}

// BenchmarkMatrix500x40 builds and checks a handbook of 500 activities by 40
// roles: the responsibilities page, 40 role pages and the CSV.
func BenchmarkMatrix500x40(b *testing.B) {
	opts := generator.Options{Source: raciFixture(50, 10, 40), Theme: govdoc.Theme, Version: "bench"}
	b.ReportAllocs()
	for b.Loop() {
		res, err := generator.Build(context.Background(), opts, output.NewMemory())
		if err != nil || res.Findings.Errors() > 0 {
			b.Fatal(err, res.Findings)
		}
	}
}

// BenchmarkEdit1000 and BenchmarkEdit10000 time a session's rebuild after a
// body edit of one document, as live preview does it on every save. Beside
// the time, cpu-ms/op is the process's CPU time per edit, collector
// included, which a machine loaded by other work changes less than it
// changes the time.
func BenchmarkEdit1000(b *testing.B)  { benchmarkEdit(b, 1000) }
func BenchmarkEdit10000(b *testing.B) { benchmarkEdit(b, 10000) }

func benchmarkEdit(b *testing.B, n int) {
	fsys := corpusFS(n)
	var name string
	for p := range fsys {
		if strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			name = p
			break
		}
	}
	sess := generator.NewSession(generator.Options{Source: fsys, Theme: govdoc.Theme, Version: "bench", Now: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)})
	if _, err := sess.Rebuild(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	original := fsys[name].Data
	rendered := 0
	b.ResetTimer()
	cpu := cpuTime()
	defer func() {
		b.ReportMetric(float64(rendered)/float64(b.N), "pages/op")
		b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}()
	for i := 0; b.Loop(); i++ {
		fsys[name] = &fstest.MapFile{Data: append(bytes.Clone(original), fmt.Sprintf("\nEdit number %d.\n", i)...)}
		var u *generator.Update
		var err error
		// Labelled, so that a profile can tell the edits from the first build.
		pprof.Do(context.Background(), pprof.Labels("phase", "edit"), func(ctx context.Context) {
			u, err = sess.Rebuild(ctx, []string{name})
		})
		if err != nil || u.Failed() || len(u.Changed) == 0 {
			b.Fatal(err, u.Changed)
		}
		rendered += u.Rendered
	}
}

// BenchmarkBuildGit10000 builds the 10,000-document handbook in memory, as
// BenchmarkStageBuild does, with the history of a repository of 20,000
// commits (made with git fast-import) read as govdoc build reads it. Each
// round builds it four ways, one after the other and each first in turn,
// so that the machine's drift touches them alike: with no history, to
// compare with; the history read cold; read from the cache an earlier
// build left; and read cold where every Last Update is {{ git.date }}, so
// that every document waits for it. It reports seconds per build of each, and what each adds to the
// build with no history.
//
//	go test ./generator -run '^$' -bench BuildGit10000 -benchtime 8x
func BenchmarkBuildGit10000(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	fsys := corpusFS(10000)
	dir := b.TempDir()
	files := map[string][]byte{}
	for name, f := range fsys {
		files[name] = f.Data
	}
	if err := corpus.Repository(dir, files, 20000); err != nil {
		b.Fatal(err)
	}
	gitDate := fstest.MapFS{}
	for name, f := range fsys {
		gitDate[name] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte("Last Update: {{ meta.date }}"), []byte("Last Update: {{ git.date }}"), 1)}
	}
	read := func(cache string) func(<-chan struct{}) (*gitlog.Log, error) {
		return func(hurry <-chan struct{}) (*gitlog.Log, error) {
			return gitlog.Read(context.Background(), dir, gitlog.Options{Cache: cache, Hurry: hurry})
		}
	}
	cache := filepath.Join(b.TempDir(), "history.gob")
	if log, _ := read(cache)(nil); log == nil || len(log.Commits) != 20000 { // what an earlier build left
		b.Fatal("the history was not read")
	}
	ways := []struct {
		name string
		fsys fstest.MapFS
		git  func(<-chan struct{}) (*gitlog.Log, error)
	}{
		{"none", fsys, nil},
		{"cold", fsys, read("")},
		{"cached", fsys, read(cache)},
		{"git.date-cold", gitDate, read("")},
	}
	took := make([]time.Duration, len(ways))
	for round := 0; b.Loop(); round++ {
		for k := range ways {
			i := (round + k) % len(ways) // each way comes first in turn
			w := ways[i]
			b.StopTimer()
			runtime.GC() // the last build's garbage is not this one's cost
			b.StartTimer()
			opts := generator.Options{Source: w.fsys, Theme: govdoc.Theme, Version: "bench", Now: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), Git: w.git}
			start := time.Now()
			res, err := generator.Build(context.Background(), opts, output.NewMemory())
			took[i] += time.Since(start)
			if err != nil || res.Findings.Errors() > 0 {
				b.Fatal(err, res.Findings)
			}
			if w.git != nil && res.Site.Commit == nil {
				b.Fatal("the build has no history")
			}
		}
	}
	for i, w := range ways {
		b.ReportMetric(took[i].Seconds()/float64(b.N), w.name+"-s")
		if i > 0 {
			b.ReportMetric((took[i]-took[0]).Seconds()/float64(b.N), w.name+"-extra-s")
		}
	}
}
