package assemble

import (
	"slices"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/raci"
	"github.com/govdoc/govdoc/generator/site"
)

// Responsibilities is the assemble stage of responsibility matrices: every
// document's raci: is read and checked, and the published ones are gathered
// by role.
func Responsibilities(s *site.Site, roles *raci.Roles) finding.List {
	var findings finding.List
	all := append(slices.Clip(s.Documents), s.Excluded...)
	for _, d := range all {
		findings = append(findings, raci.Parse(d, roles)...)
	}
	findings = append(findings, raci.Conflicts(all, s.Roles)...)
	raci.Assign(s.Roles, s.Documents)
	return findings
}
