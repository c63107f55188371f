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
	byPath := make(map[string]*site.Document, len(s.Documents))
	for _, d := range s.Documents {
		byPath[d.Path] = d
	}
	if shown != nil && len(shown.log.Commits) > 0 {
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
	for _, d := range s.Documents {
		if len(d.History) == 0 {
			if d.LastUpdate != "" {
				out = append(out, &site.Change{Date: d.LastUpdate, Doc: d, Summary: "Updated", To: d.Version})
			}
			continue
		}
		for i, r := range d.History { // newest first
			ch := &site.Change{Date: r.Date, Doc: d, Author: r.Author, Summary: r.Changes, To: r.Version}
			if i+1 < len(d.History) {
				ch.From = d.History[i+1].Version
			}
			out = append(out, ch)
		}
	}
	slices.SortStableFunc(out, func(a, b *site.Change) int {
		return cmp.Or(strings.Compare(b.Date, a.Date), strings.Compare(a.Doc.Path, b.Doc.Path))
	})
	return out[:min(len(out), maxChanges)]
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
