package generator

import (
	"bytes"
	"html/template"
	"slices"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/raci"
	"github.com/govdoc/govdoc/generator/site"
)

// responsibilities is the assemble stage of responsibility matrices: every
// document's raci: is read and checked, and the published ones are gathered
// by role.
func responsibilities(s *site.Site) finding.List {
	roles := raci.NewRoles(s.Config.Roles)
	s.Roles = roles.All
	var findings finding.List
	all := append(slices.Clip(s.Documents), s.Excluded...)
	for _, d := range all {
		findings = append(findings, raci.Parse(d, roles)...)
	}
	findings = append(findings, raci.Conflicts(all, s.Roles)...)
	raci.Assign(s.Roles, s.Documents)
	return findings
}

// placeMatrix splits a rendered body where the document wrote {{ raci }}.
func placeMatrix(d *site.Document) {
	body := []byte(d.Body)
	marker := []byte(placeholder.RACIMarker)
	i := bytes.Index(body, marker)
	if i < 0 {
		return
	}
	before, after := body[:i], body[i+len(marker):]
	if bytes.HasSuffix(before, []byte("<p>")) && bytes.HasPrefix(after, []byte("</p>")) {
		before, after = before[:len(before)-3], after[4:]
	}
	after = bytes.ReplaceAll(after, marker, nil) // the matrix is shown once
	d.Body, d.BodyAfter, d.RACIPlaced = template.HTML(before), template.HTML(after), true
}
