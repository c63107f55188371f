package assemble

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/raci"
	"github.com/govdoc/govdoc/generator/scorecard"
	"github.com/govdoc/govdoc/generator/site"
)

// ScorecardsMemo is what Scorecards reuses of earlier builds.
type ScorecardsMemo interface {
	// Scorecard gives d the scorecard parse gives it, reading the site's
	// files with read, and returns parse's findings; or gives it the
	// scorecard and returns the findings of an equal document read with
	// the same roles and the same files by an earlier build.
	Scorecard(d *site.Document, roles *raci.Roles, read scorecard.Reader, parse func(scorecard.Reader) finding.List) finding.List
}

// Scorecards is the assemble stage of scorecards: every document's
// scorecard: is read, merged with its CSV source and scored. memo may be
// nil.
func Scorecards(s *site.Site, fsys fs.FS, roles *raci.Roles, memo ScorecardsMemo) finding.List {
	var findings finding.List
	read := scorecard.ReadFS(fsys)
	for _, d := range append(slices.Clip(s.Documents), s.Excluded...) {
		if !scorecard.Declared(d) {
			d.Scorecard = nil // as Parse leaves it, finding nothing
			continue
		}
		parse := func(read scorecard.Reader) finding.List { return scorecard.Parse(d, read, roles.Match) }
		if memo != nil {
			findings = append(findings, memo.Scorecard(d, roles, read, parse)...)
		} else {
			findings = append(findings, parse(read)...)
		}
	}
	return findings
}

// Health is the documentation-health scorecard of the published documents:
// by section, then by owner (s.Owners, then the documents without one),
// then the whole handbook, from the findings of the check stage. Retired
// documents count for complete metadata, references and matrices, but not
// for approval, review or the score: they are no longer in force.
func Health(s *site.Site, findings finding.List) []*site.HealthRow {
	// What each file has problems with, of the groups of rules below.
	const (
		incomplete = 1 << iota
		overdue
		unlinked
		badRACI
	)
	groups := map[string]int{
		finding.MissingMetadata: incomplete, finding.InvalidMetadata: incomplete, finding.FrontmatterSyntax: incomplete, finding.DuplicateID: incomplete,
		finding.ReviewOverdue: overdue,
		finding.BrokenRef:     unlinked, finding.AmbiguousRef: unlinked, finding.BrokenLink: unlinked, finding.BrokenAnchor: unlinked,
		finding.RACINoAccountable: badRACI, finding.RACIMultipleAccountable: badRACI, finding.RACINoResponsible: badRACI, finding.UnknownRole: badRACI, finding.RACIConflict: badRACI,
	}
	problems := map[string]int{} // file -> groups
	for _, f := range findings {
		if g := groups[f.Rule]; g != 0 {
			problems[f.File] |= g
		}
	}
	ownerOf := make(map[*site.Document]*site.Owner, len(s.Documents))
	for _, o := range s.Owners {
		o.Health = nil
		for _, d := range o.Documents {
			ownerOf[d] = o
		}
	}
	ids := map[string]bool{}
	newRow := func(kind, name, url, key string) *site.HealthRow {
		id := "health-" + kind
		if key != "" {
			id += "-" + key
		}
		for base, n := id, 2; ids[id]; n++ {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		ids[id] = true
		return &site.HealthRow{Kind: kind, Name: name, URL: url, ID: id}
	}
	all := newRow("site", "Whole handbook", "", "")
	var rows []*site.HealthRow
	bySection, byOwner := map[*site.Section]*site.HealthRow{}, map[*site.Owner]*site.HealthRow{}
	var unowned *site.HealthRow
	// The rows of each document, found first, so that each row's
	// documents are given room at once.
	type rowsOf struct{ sec, own *site.HealthRow }
	docRows := make([]rowsOf, len(s.Documents))
	for i, d := range s.Documents {
		sec, ok := bySection[d.Section]
		if !ok {
			sec = newRow("section", d.Section.Title, d.Section.URL, cmp.Or(site.Slug(strings.TrimPrefix(d.Section.Dir, "content")), "root"))
			bySection[d.Section] = sec
			rows = append(rows, sec)
		}
		var own *site.HealthRow
		if o := ownerOf[d]; o != nil {
			if own = byOwner[o]; own == nil {
				own = newRow("owner", o.Name, o.URL, o.Slug)
				byOwner[o], o.Health = own, own
			}
		} else {
			if unowned == nil {
				unowned = newRow("owner", "(no owner)", "", "none")
			}
			own = unowned
		}
		docRows[i] = rowsOf{sec, own}
		all.Total++
		sec.Total++
		own.Total++
	}
	room := func(r *site.HealthRow) {
		if r != nil {
			r.Docs, r.Total = make([]site.HealthDoc, 0, r.Total), 0
		}
	}
	room(all)
	room(unowned)
	for _, r := range bySection {
		room(r)
	}
	for _, r := range byOwner {
		room(r)
	}
	for i, d := range s.Documents {
		sec, own := docRows[i].sec, docRows[i].own
		found := problems[d.Path]
		retired := strings.EqualFold(d.Status, "Retired")
		h := site.HealthDoc{Doc: d, Retired: retired,
			Approved: !retired && strings.EqualFold(d.Status, "Approved"),
			Complete: found&incomplete == 0, Reviewed: !retired && found&overdue == 0,
			Linked: found&unlinked == 0, RACIValid: found&badRACI == 0}
		for _, r := range [3]*site.HealthRow{all, sec, own} {
			r.Total++
			r.Active += count(!retired)
			r.Approved += count(h.Approved)
			r.Complete += count(h.Complete)
			r.Reviewed += count(h.Reviewed)
			r.Linked += count(h.Linked)
			r.RACIValid += count(h.RACIValid)
			r.Healthy += count(h.Healthy())
			r.Docs = append(r.Docs, h)
		}
	}
	for _, o := range s.Owners {
		if r := byOwner[o]; r != nil {
			rows = append(rows, r)
		}
	}
	if unowned != nil {
		rows = append(rows, unowned)
	}
	return append(rows, all)
}

// count is 1 for true and 0 for false.
func count(b bool) int {
	if b {
		return 1
	}
	return 0
}
