package assemble

import (
	"slices"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/raci"
	"github.com/govdoc/govdoc/generator/site"
)

// ResponsibilitiesMemo is what Responsibilities reuses of earlier builds.
type ResponsibilitiesMemo interface {
	// RACI gives d the matrix parse gives it and returns parse's findings,
	// or gives it the matrix and returns the findings of an equal document
	// read with the same roles by an earlier build.
	RACI(d *site.Document, roles *raci.Roles, parse func() finding.List) finding.List
	// Conflicts returns what conflicts returns for docs, or what it
	// returned in an earlier build whose documents had the same matrices,
	// in the same order, with the same roles.
	Conflicts(docs []*site.Document, roles *raci.Roles, conflicts func() finding.List) finding.List
}

// Responsibilities is the assemble stage of responsibility matrices: every
// document's raci: is read and checked, and the published ones are gathered
// by role. memo may be nil.
func Responsibilities(s *site.Site, roles *raci.Roles, memo ResponsibilitiesMemo) finding.List {
	var findings finding.List
	all := append(slices.Clip(s.Documents), s.Excluded...)
	for _, d := range all {
		if !raci.Declared(d) {
			d.RACI = nil // as Parse leaves it, finding nothing
			continue
		}
		parse := func() finding.List { return raci.Parse(d, roles) }
		if memo != nil {
			findings = append(findings, memo.RACI(d, roles, parse)...)
		} else {
			findings = append(findings, parse()...)
		}
	}
	conflicts := func() finding.List { return raci.Conflicts(all, s.Roles) }
	if memo != nil {
		findings = append(findings, memo.Conflicts(all, roles, conflicts)...)
	} else {
		findings = append(findings, conflicts()...)
	}
	raci.Assign(s.Roles, s.Documents)
	return findings
}
