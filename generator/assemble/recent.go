package assemble

import (
	"cmp"
	"slices"
	"time"

	"github.com/govdoc/govdoc/generator/check"
	"github.com/govdoc/govdoc/generator/site"
)

// Recent returns up to n documents, the most recently updated first.
func Recent(docs []*site.Document, n int) []*site.Document {
	type dated struct {
		d *site.Document
		t time.Time
	}
	var ds []dated
	for _, d := range docs {
		if t, ok := check.ParseDate(d.LastUpdate); ok {
			ds = append(ds, dated{d, t})
		}
	}
	slices.SortStableFunc(ds, func(a, b dated) int {
		return cmp.Or(b.t.Compare(a.t), cmp.Compare(a.d.Title, b.d.Title))
	})
	out := make([]*site.Document, 0, min(n, len(ds)))
	for _, x := range ds[:min(n, len(ds))] {
		out = append(out, x.d)
	}
	return out
}
