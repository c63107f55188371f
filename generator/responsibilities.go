package generator

import (
	"bytes"
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
	if !strings.Contains(string(d.Body), "GOVDOCBLOCK") {
		d.Parts = []site.BodyPart{{HTML: d.Body}}
		return
	}
	body := []byte(d.Body)
	var parts []site.BodyPart
	var done []byte // the body so far
	placed := map[string]bool{}
	for {
		at, which := -1, ""
		var marker []byte
		for _, bm := range blockMarkers {
			if i := bytes.Index(body, []byte(bm.marker)); i >= 0 && (at < 0 || i < at) {
				at, which, marker = i, bm.block, []byte(bm.marker)
			}
		}
		if at < 0 {
			break
		}
		before, after := body[:at], body[at+len(marker):]
		if bytes.HasSuffix(before, []byte("<p>")) && bytes.HasPrefix(after, []byte("</p>")) {
			before, after = before[:len(before)-3], bytes.TrimPrefix(after[4:], []byte("\n"))
		}
		block := which
		if placed[which] {
			block = ""
		}
		placed[which] = true
		done = append(done, before...)
		parts = append(parts, site.BodyPart{HTML: template.HTML(before), Block: block, After: lastHeadingID(done)})
		body = after
	}
	parts = append(parts, site.BodyPart{HTML: template.HTML(body)})
	d.Parts = parts
	var all []byte
	for _, p := range parts {
		all = append(all, p.HTML...)
	}
	d.Body = template.HTML(all)
}

// lastHeadingID returns the id of the last heading in html, "" if none.
func lastHeadingID(html []byte) string {
	for end := len(html); ; {
		i := bytes.LastIndex(html[:end], []byte("<h"))
		if i < 0 {
			return ""
		}
		end = i
		rest := html[i+2:]
		if len(rest) < 6 || rest[0] < '1' || rest[0] > '6' || !bytes.HasPrefix(rest[1:], []byte(` id="`)) {
			continue
		}
		id := rest[6:]
		if q := bytes.IndexByte(id, '"'); q >= 0 {
			return string(id[:q])
		}
	}
}
