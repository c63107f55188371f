package assemble

import (
	"cmp"
	"slices"
	"strings"

	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/site"
)

// maxChanges is how many changes the changes page and feed list.
const maxChanges = 200

// changes lists what changed in the published documents, newest first:
// the commits that touched them that the build may show, when the site is
// in git, else the rows of their histories (or their Last Update). Version
// transitions come from the history rows of the change's date.
func changes(s *site.Site, shown *shownHistory) []*site.Change {
	var out []*site.Change
	if shown != nil && len(shown.log.Commits) > 0 {
		byPath := make(map[string]*site.Document, len(s.Documents))
		for _, d := range s.Documents {
			byPath[d.Path] = d
		}
		shown.each(func(c *gitlog.Commit, doc string) bool {
			d := byPath[doc]
			if d == nil {
				return true
			}
			date := c.Date.UTC().Format("2006-01-02")
			ch := &site.Change{Date: date, Doc: d, Author: c.Author, Summary: c.Subject, Commit: c.Short()}
			ch.From, ch.To = transition(d, date)
			out = append(out, ch)
			return len(out) < maxChanges
		})
		return out
	}
	// The newest maxChanges rows, picked before they are made: by date,
	// newest first, then by path, then in the order they come.
	type row struct {
		d    *site.Document
		i    int // the history row, -1 for the Last Update
		date string
	}
	order := func(a, b row) int {
		return cmp.Or(strings.Compare(b.date, a.date), strings.Compare(a.d.Path, b.d.Path))
	}
	top := make([]row, 0, maxChanges+1)
	add := func(r row) {
		if len(top) == maxChanges && order(r, top[maxChanges-1]) >= 0 {
			return
		}
		at, _ := slices.BinarySearchFunc(top, r, func(e, r row) int {
			if order(r, e) < 0 {
				return 1
			}
			return -1
		})
		top = slices.Insert(top, at, r)
		if len(top) > maxChanges {
			top = top[:maxChanges]
		}
	}
	for _, d := range s.Documents {
		if len(d.History) == 0 {
			if d.LastUpdate != "" {
				add(row{d, -1, d.LastUpdate})
			}
			continue
		}
		for i, r := range d.History { // newest first
			add(row{d, i, r.Date})
		}
	}
	for _, r := range top {
		d := r.d
		if r.i < 0 {
			out = append(out, &site.Change{Date: d.LastUpdate, Doc: d, Summary: "Updated", To: d.Version})
			continue
		}
		h := d.History[r.i]
		ch := &site.Change{Date: h.Date, Doc: d, Author: h.Author, Summary: h.Changes, To: h.Version}
		if r.i+1 < len(d.History) {
			ch.From = d.History[r.i+1].Version
		}
		out = append(out, ch)
	}
	return out
}

// transition returns the version change a document's history records on a
// date: the previous row's version and that row's.
func transition(d *site.Document, date string) (from, to string) {
	for i, r := range d.History { // newest first
		if strings.HasPrefix(r.Date, date) {
			if i+1 < len(d.History) {
				from = d.History[i+1].Version
			}
			return from, r.Version
		}
	}
	return "", ""
}
