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
		if memo != nil {
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
	problems := map[string]map[string]bool{} // file -> rules with errors or warnings
	for _, f := range findings {
		if problems[f.File] == nil {
			problems[f.File] = map[string]bool{}
		}
		problems[f.File][f.Rule] = true
	}
	has := func(d *site.Document, rules ...string) bool {
		for _, r := range rules {
			if problems[d.Path][r] {
				return true
			}
		}
		return false
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
		for _, r := range []*site.HealthRow{sec, own} {
			r.Total++
			if strings.EqualFold(d.Status, "Approved") {
				r.Approved++
			}
			if !has(d, finding.MissingMetadata, finding.InvalidMetadata, finding.FrontmatterSyntax, finding.DuplicateID) {
				r.Complete++
			}
			if !has(d, finding.ReviewOverdue) {
				r.Reviewed++
			}
			if !has(d, finding.BrokenRef, finding.AmbiguousRef, finding.BrokenLink, finding.BrokenAnchor) {
				r.Linked++
			}
			if !has(d, finding.RACINoAccountable, finding.RACIMultipleAccountable, finding.RACINoResponsible, finding.UnknownRole, finding.RACIConflict) {
				r.RACIValid++
			}
		}
	}
	owners := make([]*site.HealthRow, 0, len(byOwner))
	for _, r := range byOwner {
		owners = append(owners, r)
	}
	slices.SortFunc(owners, func(a, b *site.HealthRow) int { return cmp.Compare(a.Name, b.Name) })
	return append(rows, owners...)
}
