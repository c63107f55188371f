package raci_test

import (
	"testing"

	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/raci"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// document parses a document whose front matter is the given YAML.
func document(frontMatter string) *site.Document {
	src := source.Parse("content/a.md", []byte("---\n"+frontMatter+"\n---\n# A\n"))
	fields, _, _ := src.Fields(placeholder.New(), placeholder.Data{"meta": map[string]any{}})
	return &site.Document{Source: src, Path: src.Path, Fields: fields}
}

// FuzzParse feeds raci: blocks to the parser: it must not panic, and every
// finding must point into the file.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"raci:\n  - activity: Incident management\n    R: [IT Managers, helpdesk]\n    A: CIO\n    C: Architecture leads\n    I: [cio]",
		"raci:\n  - activity: x\n    A: [CIO, CISO]\n  - activity: y\n    R: nobody",
		"raci: {a: b}",
		"raci:\n  - &a {activity: x, R: CIO, A: CIO}\n  - *a",
		"raci:\n  - [1, 2]\n  - activity:\n    Responsible: ~\n    accountable: ''",
	} {
		f.Add(seed)
	}
	roles := raci.NewRoles([]config.Role{{ID: "cio", Name: "Chief Information Officer", Aliases: []string{"CIO"}},
		{ID: "it-managers", Name: "IT Managers", Aliases: []string{"IT Management"}}, {ID: "ciso", Name: "CISO"}})
	f.Fuzz(func(t *testing.T, frontMatter string) {
		d := document(frontMatter)
		for _, fd := range raci.Parse(d, roles) {
			if fd.File != "content/a.md" || fd.Line < 1 || fd.Column < 0 {
				t.Fatalf("finding outside the file: %v", fd)
			}
		}
		raci.Conflicts([]*site.Document{d, d}, roles.All)
	})
}
