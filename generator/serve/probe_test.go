package serve

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
)

func TestProbe(t *testing.T) {
	doc := "---\nDocument-ID: a\nOwner: '{{ meta.owner }}'\nVersion: '1.0'\nStatus: Approved\nClassification: Internal\nLast Update: 2026-11-01\n---\n# Alpha\n\nFirst text.\n"
	fsys := fstest.MapFS{
		"site.yaml":           {Data: []byte("title: T\nmeta: {owner: Office of the CIO}\naudience: Internal\n")},
		"content/a.md":        {Data: []byte(doc)},
		"content/sec/b.md":    {Data: []byte(doc[:17] + "b" + doc[18:])},
		"content/sec/data.csv": {Data: []byte("a,b\n")},
		"static/logo.svg":     {Data: []byte("<svg xmlns='http://www.w3.org/2000/svg'></svg>")},
	}
	s := generator.NewSession(generator.Options{Source: fsys, Theme: govdoc.Theme})
	u, err := s.Rebuild(context.Background(), nil)
	fmt.Println(err, u.Failed(), u.Result.Findings, u.Rendered)
	fmt.Println(s.Names())
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("---\nOwner: [unclosed\n---\n")}
	u, err = s.Rebuild(context.Background(), nil)
	fmt.Println(err, u.Failed(), u.Result.Findings)
}
