package assemble

import (
	"cmp"
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
		parse := func(read scorecard.Reader) finding.List { return scorecard.Parse(d, read, roles.Match) }
		if memo != nil && scorecard.Declared(d) {
			findings = append(findings, memo.Scorecard(d, roles, read, parse)...)
		} else {
			findings = append(findings, parse(read)...)
		}
	}
	return findings
}

// Health is the documentation-health scorecard of the published documents,
// by section and by owner, from the findings of the check stage.
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
	var rows []*site.HealthRow
	bySection, byOwner := map[*site.Section]*site.HealthRow{}, map[string]*site.HealthRow{}
	for _, d := range s.Documents {
		sec, ok := bySection[d.Section]
		if !ok {
			sec = &site.HealthRow{Kind: "section", Name: d.Section.Title, URL: d.Section.URL}
			bySection[d.Section] = sec
			rows = append(rows, sec)
		}
		owner := cmp.Or(d.Owner, "(no owner)")
		own, ok := byOwner[owner]
		if !ok {
			own = &site.HealthRow{Kind: "owner", Name: owner}
			byOwner[owner] = own
		}
		found := 0
		if len(problems) > 0 {
			found = problems[d.Path]
		}
		approved := strings.EqualFold(d.Status, "Approved")
		complete, reviewed, linked, raciValid := found&incomplete == 0, found&overdue == 0, found&unlinked == 0, found&badRACI == 0
		for _, r := range [2]*site.HealthRow{sec, own} {
			r.Total++
			r.Approved += count(approved)
			r.Complete += count(complete)
			r.Reviewed += count(reviewed)
			r.Linked += count(linked)
			r.RACIValid += count(raciValid)
		}
	}
	owners := make([]*site.HealthRow, 0, len(byOwner))
	for _, r := range byOwner {
		owners = append(owners, r)
	}
	slices.SortFunc(owners, func(a, b *site.HealthRow) int { return cmp.Compare(a.Name, b.Name) })
	return append(rows, owners...)
}

// count is 1 for true and 0 for false.
func count(b bool) int {
	if b {
		return 1
	}
	return 0
}
