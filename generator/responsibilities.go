package generator

import (
	"html/template"
	"slices"
	"strings"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/raci"
	"github.com/govdoc/govdoc/generator/site"
)

// responsibilities is the assemble stage of responsibility matrices: every
// document's raci: is read and checked, and the published ones are gathered
// by role.
func responsibilities(s *site.Site, roles *raci.Roles) finding.List {
	var findings finding.List
	all := append(slices.Clip(s.Documents), s.Excluded...)
	for _, d := range all {
		findings = append(findings, raci.Parse(d, roles)...)
	}
	findings = append(findings, raci.Conflicts(all, s.Roles)...)
	raci.Assign(s.Roles, s.Documents)
	return findings
}

// blockMarkers name the blocks a document can place in its body.
var blockMarkers = []struct{ block, marker string }{
	{"raci", placeholder.RACIMarker},
	{"scorecard", placeholder.ScorecardMarker},
	{"history", placeholder.HistoryMarker},
}

// placeBlocks cuts a rendered body where the document wrote {{ raci }} or
// {{ scorecard }}. A marker alone in its paragraph takes the paragraph with
// it; a block is placed once, at its first marker.
func placeBlocks(d *site.Document) {
	body := string(d.Body)
	if !strings.Contains(body, "GOVDOCBLOCK") {
		d.Parts = []site.BodyPart{{HTML: d.Body}}
		return
	}
	// The body without its markers, once; the parts are slices of it.
	type cut struct {
		end   int // in the new body
		block string
	}
	var (
		b      strings.Builder
		cuts   []cut
		placed = map[string]bool{}
	)
	b.Grow(len(body))
	for {
		at, which, marker := -1, "", ""
		for _, bm := range blockMarkers {
			if i := strings.Index(body, bm.marker); i >= 0 && (at < 0 || i < at) {
				at, which, marker = i, bm.block, bm.marker
			}
		}
		if at < 0 {
			break
		}
		before, after := body[:at], body[at+len(marker):]
		if strings.HasSuffix(before, "<p>") && strings.HasPrefix(after, "</p>") {
			before, after = before[:len(before)-3], strings.TrimPrefix(after[4:], "\n")
		}
		block := which
		if placed[which] {
			block = ""
		}
		placed[which] = true
		b.WriteString(before)
		cuts = append(cuts, cut{b.Len(), block})
		body = after
	}
	b.WriteString(body)
	all := b.String()
	parts := make([]site.BodyPart, 0, len(cuts)+1)
	start := 0
	for _, c := range cuts {
		parts = append(parts, site.BodyPart{HTML: template.HTML(all[start:c.end]), Block: c.block, After: lastHeadingID(all[:c.end])})
		start = c.end
	}
	d.Parts = append(parts, site.BodyPart{HTML: template.HTML(all[start:])})
	d.Body = template.HTML(all)
}

// lastHeadingID returns the id of the last heading in html, "" if none.
func lastHeadingID(html string) string {
	for end := len(html); ; {
		i := strings.LastIndex(html[:end], "<h")
		if i < 0 {
			return ""
		}
		end = i
		rest := html[i+2:]
		if len(rest) < 6 || rest[0] < '1' || rest[0] > '6' || !strings.HasPrefix(rest[1:], ` id="`) {
			continue
		}
		id := rest[6:]
		if q := strings.IndexByte(id, '"'); q >= 0 {
			return id[:q]
		}
	}
}
