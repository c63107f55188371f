package assemble

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/history"
	"github.com/govdoc/govdoc/generator/site"
)

// maxChanges is how many changes the changes page and feed list.
const maxChanges = 200

// changes lists what changed in the published documents, newest first:
// the rows of their histories (or their Last Update), and, with git, the
// commit that made each version and the commits that changed a document
// without a new version (edits), each with the version it changed.
func changes(s *site.Site, commits map[*site.Document]*docCommits) []*site.Change {
	var out []*site.Change
	if commits != nil {
		return fromGit(s, commits)
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

// fromGit lists the changes of the published documents in git: each
// history row, with the commit that made its version, and each commit that
// made no row's version: a version without a row, or an edit.
func fromGit(s *site.Site, commits map[*site.Document]*docCommits) []*site.Change {
	type entry struct {
		ch   *site.Change
		when time.Time // the commit's time; zero for a row without one
		seq  int
	}
	var all []entry
	for _, d := range s.Documents {
		dc := commits[d]
		if dc == nil {
			dc = &docCommits{}
		}
		used := map[*gitlog.Commit]bool{}
		add := func(ch *site.Change, c *gitlog.Commit) {
			e := entry{ch: ch, seq: len(all)}
			if c != nil {
				used[c] = true
				ch.Commit, ch.Hash, e.when = c.Short(), c.Hash, c.Date
			}
			all = append(all, e)
		}
		known := len(dc.made) > 0
		for i, r := range d.History { // newest first
			ch := &site.Change{Date: r.Date, Doc: d, Author: r.Author, Summary: r.Changes, To: r.Version}
			if i+1 < len(d.History) {
				ch.From = d.History[i+1].Version
			}
			add(ch, rowCommit(r, dc, known, used))
		}
		if len(d.History) == 0 && len(dc.list) == 0 && d.LastUpdate != "" {
			add(&site.Change{Date: d.LastUpdate, Doc: d, Summary: "Updated", To: d.Version}, nil)
		}
		for i, c := range dc.list {
			if used[c] {
				continue
			}
			ch := &site.Change{Date: c.Date.UTC().Format("2006-01-02"), Doc: d, Author: c.Author, Summary: c.Subject}
			ch.To = dc.version[c]
			if dc.made[c] {
				for _, older := range dc.list[i+1:] {
					if v := dc.version[older]; v != "" {
						ch.From = v
						break
					}
				}
			} else {
				ch.Edit = true
				if ch.To == "" {
					ch.To = versionOn(d, ch.Date)
				}
			}
			add(ch, c)
		}
	}
	slices.SortStableFunc(all, func(a, b entry) int {
		return cmp.Or(strings.Compare(b.ch.Date, a.ch.Date), strings.Compare(a.ch.Doc.Path, b.ch.Doc.Path),
			b.when.Compare(a.when), a.seq-b.seq)
	})
	out := make([]*site.Change, 0, min(len(all), maxChanges))
	for _, e := range all[:min(len(all), maxChanges)] {
		out = append(out, e.ch)
	}
	return out
}

// rowCommit returns the commit that made a history row's version: the one
// where the document's Version became the row's, when git holds the
// document's versions (known); else the oldest commit of the row's date.
// It is nil when no commit not used yet is.
func rowCommit(r history.Row, dc *docCommits, known bool, used map[*gitlog.Commit]bool) *gitlog.Commit {
	var found *gitlog.Commit
	for _, c := range dc.list { // newest first
		if used[c] {
			continue
		}
		if known {
			if dc.made[c] && sameVersion(dc.version[c], r.Version) {
				return c
			}
		} else if r.Date != "" && strings.HasPrefix(r.Date, c.Date.UTC().Format("2006-01-02")) {
			found = c
		}
	}
	return found
}

// versionOn returns the version a document had on a date, as its history
// tells: that of the newest row of the date or before, else its Version.
func versionOn(d *site.Document, date string) string {
	for _, r := range d.History { // newest first
		if r.Date[:min(len(r.Date), 10)] <= date {
			return r.Version
		}
	}
	if n := len(d.History); n > 0 {
		return d.History[n-1].Version
	}
	return d.Version
}
