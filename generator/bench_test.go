package generator_test

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
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
	b := buildFS(t, corpusFS(50))
	if b.res.Findings.Errors() > 0 {
		t.Fatalf("synthetic corpus has errors: %v", b.findings()[:min(5, len(b.findings()))])
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
