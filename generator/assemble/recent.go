package assemble

import (
	"cmp"
	"slices"
	"time"

	"github.com/govdoc/govdoc/generator/check"
	"github.com/govdoc/govdoc/generator/site"
)

// Recent returns up to n documents, the most recently updated first, by
// title when updated at the same time, and else in the order of docs.
func Recent(docs []*site.Document, n int) []*site.Document {
	return RecentBy(docs, n, func(d *site.Document) (time.Time, bool) { return check.ParseDate(d.LastUpdate) })
}

// RecentBy is Recent with each document's Last Update read by date, which
// may give dates read before.
func RecentBy(docs []*site.Document, n int, date func(*site.Document) (time.Time, bool)) []*site.Document {
	type dated struct {
		d *site.Document
		t time.Time
	}
	order := func(a, b dated) int { return cmp.Or(b.t.Compare(a.t), cmp.Compare(a.d.Title, b.d.Title)) }
	// The n first so far, in order: a document comes after those before
	// it in docs that it ties with.
	top := make([]dated, 0, n+1)
	for _, d := range docs {
		t, ok := date(d)
		if !ok || n <= 0 {
			continue
		}
		x := dated{d, t}
		if len(top) == n && order(x, top[n-1]) >= 0 {
			continue
		}
		at, _ := slices.BinarySearchFunc(top, x, func(e, x dated) int {
			if order(x, e) < 0 {
				return 1
			}
			return -1
		})
		top = slices.Insert(top, at, x)
		if len(top) > n {
			top = top[:n]
		}
	}
	out := make([]*site.Document, 0, len(top))
	for _, x := range top {
		out = append(out, x.d)
	}
	return out
}
