package assemble

import (
	"strings"
	"time"

	"github.com/govdoc/govdoc/generator/check"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/raci"
	"github.com/govdoc/govdoc/generator/site"
)

// Control reads the document control of every document as of today: when
// each is next due for review and its review state, the role that approved
// it, and which published document each one replaces (Supersedes) and is
// replaced by. A Supersedes that names no document is broken-ref. Only
// published documents are linked to each other, so that nothing names a
// document left out of the build. It sets s.Today.
func Control(s *site.Site, roles *raci.Roles, today time.Time) finding.List {
	s.Today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	all := make([]*site.Document, 0, len(s.Documents)+len(s.Excluded))
	all = append(append(all, s.Documents...), s.Excluded...)
	// The dates, states and roles are read once per spelling: documents
	// share few of them.
	type dates struct {
		next, last string
		retired    bool
	}
	nextOf := map[dates]string{}
	stateOf := map[string]string{}
	roleOf := map[string]*site.Role{}
	var byID map[string]*site.Document // made when a document names another
	var findings finding.List
	for _, d := range all {
		k := dates{last: d.LastUpdate, retired: d.Retired()}
		if f := d.Fields["next_review"]; f != nil {
			k.next = f.String()
		}
		next, ok := nextOf[k]
		if !ok {
			next = NextReview(d, s.Config.Metadata.ReviewAfter)
			nextOf[k] = next
		}
		d.NextReview = next
		state, ok := stateOf[next]
		if !ok {
			state = site.ReviewState(next, s.Today)
			stateOf[next] = state
		}
		d.Review = state
		d.ApprovedRole, d.Supersedes, d.SupersededBy = nil, nil, nil
		if d.ApprovedBy != "" && roles != nil {
			role, ok := roleOf[d.ApprovedBy]
			if !ok {
				role, _ = roles.Match(d.ApprovedBy)
				roleOf[d.ApprovedBy] = role
			}
			d.ApprovedRole = role
		}
		if d.SupersedesID != "" && byID == nil {
			byID = make(map[string]*site.Document, len(all))
		}
	}
	for _, d := range all {
		if byID == nil {
			break
		}
		if d.ID != "" {
			if _, dup := byID[strings.ToLower(d.ID)]; !dup {
				byID[strings.ToLower(d.ID)] = d
			}
		}
	}
	for _, d := range all {
		if d.SupersedesID == "" {
			continue
		}
		old, ok := byID[strings.ToLower(d.SupersedesID)]
		if !ok || old == d {
			f := d.Fields["supersedes"]
			pos := finding.Position{File: d.Path, Line: 1, Column: 1}
			if f != nil && f.Line > 0 {
				pos = d.Source.ValuePos(f)
			}
			if ok {
				findings.Errorf(finding.BrokenRef, pos, "Supersedes names the document itself (%s)", d.SupersedesID)
				continue
			}
			findings.Errorf(finding.BrokenRef, pos, "Supersedes names no document with Document-ID %q", d.SupersedesID)
			continue
		}
		if d.Excluded || old.Excluded {
			continue // neither page may name a document left out
		}
		d.Supersedes = old
		old.SupersededBy = append(old.SupersededBy, d)
	}
	return findings
}

// NextReview returns the date a document is next due for review,
// YYYY-MM-DD: its Next Review as written, else its Last Update plus
// reviewAfter days (none when reviewAfter is 0); "" when that is no date,
// and for a Retired document, which is not reviewed.
func NextReview(d *site.Document, reviewAfter int) string {
	if d.Retired() {
		return ""
	}
	if f := d.Fields["next_review"]; f != nil && f.String() != "" {
		if t, ok := check.ParseDate(f.String()); ok {
			return t.Format(site.DateLayout)
		}
		return ""
	}
	if reviewAfter <= 0 {
		return ""
	}
	if t, ok := check.ParseDate(d.LastUpdate); ok {
		return t.AddDate(0, 0, reviewAfter).Format(site.DateLayout)
	}
	return ""
}
