package render_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"testing/fstest"
	"time"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/internal/corpus"
	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/generator/render"
)

// BenchmarkThemeRender renders every page of the synthetic handbook of
// 1,000 and 10,000 documents with the built-in theme, one page after the
// other into one buffer, and reports the theme's bytes and time a page:
//
//	go test ./generator/render -run '^$' -bench ThemeRender -benchmem
//
// The handbook is built first, outside the timer.
func BenchmarkThemeRender(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			fsys := fstest.MapFS{}
			for name, data := range corpus.Generate(n, 1) {
				fsys[name] = &fstest.MapFile{Data: data}
			}
			res, err := generator.Build(context.Background(), generator.Options{Source: fsys, Theme: govdoc.Theme, Version: "bench", Now: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}, output.NewMemory())
			if err != nil {
				b.Fatal(err)
			}
			s := res.Site.Published()
			pages := render.Pages(s, s.Documents[:10])
			theme, findings := render.Load(builtinTemplates(b), nil)
			if len(findings) > 0 {
				b.Fatal(findings)
			}
			var buf bytes.Buffer
			written := 0
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				written = 0
				for _, p := range pages {
					buf.Reset()
					if err := theme.RenderTo(&buf, p); err != nil {
						b.Fatal(err)
					}
					written += buf.Len()
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
			b.ReportMetric(float64(written)/float64(len(pages)), "bytes/page")
		})
	}
}
