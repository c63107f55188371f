package refs_test

import (
	"testing"

	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/refs"
	"github.com/govdoc/govdoc/generator/render"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// FuzzResolve renders bodies full of references of every kind against a
// small handbook: no panic, every finding in the file, and references only
// to documents and sections of the handbook.
func FuzzResolve(f *testing.F) {
	for _, seed := range []string{
		"See [[b-1]], [[b.md#scope|the scope]], [x](b.md#nope) and ![i](img.png).\n\n- b.md\n- missing.md\n",
		"[[]] [[|]] [[#]] [a](../../../etc/passwd) [b](/abs) [c](#self) [d](b.md#)\n",
		"- [[b-1\n- secret.md\n[s](secret.md)\n",
		"[x](javascript:alert(1)) <https://example.org> [[b.md|[nested]]]\n",
		"[root](/#top) [abs](/b.md#scope) [page](/b/) [sec](./#x) <a href=\"b.md#nope\">b</a> <img src='/img.png'>\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		sec := &site.Section{Dir: "content", URL: "index.html"}
		doc := func(path, id, title string, excluded bool) *site.Document {
			src := source.Parse(path, []byte("---\nTitle: "+title+"\n---\n"))
			return &site.Document{Source: src, Path: path, ID: id, Title: title, URL: path[len("content/"):len(path)-3] + "/index.html",
				Section: sec, Excluded: excluded, Anchors: map[string]bool{"scope": true}, Map: &placeholder.Map{}}
		}
		a := doc("content/a.md", "a-1", "A", false)
		b := doc("content/b.md", "b-1", "B", false)
		secret := doc("content/secret.md", "s-1", "Secret", true)
		a.Source = source.Parse("content/a.md", []byte(body))
		s := &site.Site{Config: config.Default(), Root: sec, Documents: []*site.Document{a, b}, Excluded: []*site.Document{secret}, Assets: []string{"content/img.png"}}
		ix := refs.NewIndex(s, render.Rel)
		linker := ix.For(a)
		markdown.New(markdown.Options{RawHTML: true}).Render([]byte(body), "", linker.Resolve)
		a.Refs = linker.Refs
		for _, fd := range append(linker.Findings, refs.CheckAnchors(s.Documents, []*site.Section{sec})...) {
			if fd.File != "content/a.md" || fd.Line < 1 {
				t.Fatalf("finding outside the file: %v", fd)
			}
		}
		for _, r := range a.Refs {
			if r.Target != a && r.Target != b && r.Target != secret && (r.Target != nil || r.Section != sec) {
				t.Fatalf("a reference to %v", r)
			}
		}
	})
}
