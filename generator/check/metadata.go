// Package check applies the rules of SPEC.md's table to an assembled site:
// required and valid metadata, unique document IDs and review dates. Each
// rule returns findings with the position of the offending value. It does
// not parse, render or report; the caller sorts and prints findings.
package check

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// DateLayouts are the forms a date in front matter may take.
var DateLayouts = []string{"2006-01-02", time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05"}

// ParseDate reads a front-matter date.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range DateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// MetadataMemo is what Metadata reuses of earlier builds.
type MetadataMemo interface {
	// Metadata returns what check returns for d: the findings an earlier
	// build's check returned for an equal document under the same rules,
	// or else check's.
	Metadata(d *site.Document, rules string, check func() finding.List) finding.List
}

// Metadata checks every document, published or not, against site.yaml's
// metadata rules, as of now. memo may be nil.
func Metadata(s *site.Site, now time.Time, memo MetadataMemo) finding.List {
	var findings finding.List
	cfg := s.Config
	rules := fmt.Sprintf("%q", []any{cfg.Metadata.Required, cfg.Metadata.Status, cfg.Metadata.Classification})
	first := make(map[string]*site.Document, len(s.Documents)+len(s.Excluded)) // by lower-case ID
	var dups map[string][]*site.Document                                       // the IDs of several
	for _, docs := range [][]*site.Document{s.Documents, s.Excluded} {
		for _, d := range docs {
			if memo != nil {
				findings = append(findings, memo.Metadata(d, rules, func() finding.List { return document(cfg, d) })...)
			} else {
				findings = append(findings, document(cfg, d)...)
			}
			findings = append(findings, overdue(cfg, d, now)...)
			if d.ID == "" {
				continue
			}
			id := strings.ToLower(d.ID)
			other, seen := first[id]
			if !seen {
				first[id] = d
				continue
			}
			if dups == nil {
				dups = map[string][]*site.Document{}
			}
			if dups[id] == nil {
				dups[id] = []*site.Document{other}
			}
			dups[id] = append(dups[id], d)
		}
	}
	for _, same := range dups {
		slices.SortFunc(same, func(a, b *site.Document) int { return strings.Compare(a.Path, b.Path) })
		for _, d := range same {
			var others []string
			for _, o := range same {
				if o != d {
					others = append(others, o.Path)
				}
			}
			findings.Errorf(finding.DuplicateID, d.Source.ValuePos(d.Fields["document_id"]),
				"Document-ID %q is also used by %s", d.ID, strings.Join(others, ", "))
		}
	}
	return findings
}

// readable reports whether a document's metadata can be checked: it was
// read, and its front matter is known; else its own finding says enough.
func readable(d *site.Document) bool {
	return !(d.Source.Src == nil && len(d.Source.Findings) > 0 || !d.Source.FrontMatterOK())
}

// overdue reports a document whose next review date (site.Document's
// NextReview: its Next Review, else Last Update plus review_after days)
// has passed, as of now. Retired documents are not reviewed.
func overdue(cfg *config.Config, d *site.Document, now time.Time) finding.List {
	if d.NextReview == "" || d.Retired() || !readable(d) {
		return nil
	}
	if site.ReviewState(d.NextReview, now) != site.ReviewOverdue {
		return nil
	}
	var findings finding.List
	if f := d.Fields["next_review"]; f != nil && f.Line > 0 && !isEmpty(f.Value) {
		findings.Warnf(finding.ReviewOverdue, d.Source.ValuePos(f), "next review was due on %s: review the document", d.NextReview)
		return findings
	}
	f := d.Fields["last_update"]
	if f == nil || isEmpty(f.Value) {
		return nil
	}
	findings.Warnf(finding.ReviewOverdue, d.Source.ValuePos(f), "last updated %s, more than %d days ago: review the document",
		d.LastUpdate, cfg.Metadata.ReviewAfter)
	return findings
}

// approvalKeys are the keys of approval data, which only an Approved
// document must have when metadata.required names them: a draft is not
// approved yet. An Effective Date stands for an Approval Date.
var approvalKeys = map[string]bool{"approved_by": true, "approval_date": true}

// requiredField returns the field that gives a required key's value, and
// whether the key is required of d at all.
func requiredField(d *site.Document, key string) (*source.Field, bool) {
	if approvalKeys[key] && !strings.EqualFold(d.Status, "Approved") {
		return nil, false
	}
	f := d.Fields[key]
	if key == "approval_date" && (f == nil || isEmpty(f.Value)) {
		if e := d.Fields["effective_date"]; e != nil && !isEmpty(e.Value) {
			return e, true
		}
	}
	return f, true
}

// approval checks the dates of a document's approval: each a date, and
// none before the Last Update of the version approved.
func approval(d *site.Document) finding.List {
	var findings finding.List
	updated, dated := ParseDate(d.LastUpdate)
	for _, key := range []string{"next_review", "approval_date", "effective_date"} {
		f := d.Fields[key]
		if f == nil || isEmpty(f.Value) {
			continue
		}
		t, ok := ParseDate(f.String())
		switch {
		case !ok:
			findings.Errorf(finding.InvalidMetadata, d.Source.ValuePos(f), "%s %q is not a date (write YYYY-MM-DD)", f.Name, f.String())
		case key != "next_review" && dated && t.Before(updated):
			findings.Errorf(finding.InvalidMetadata, d.Source.ValuePos(f), "%s %s is before the Last Update %s of version %s: approve the version as last updated, or correct the dates",
				f.Name, f.String(), d.LastUpdate, cmp.Or(d.Version, "(none)"))
		}
	}
	return findings
}

// document checks a document's metadata against the rules of cfg, but for
// its review date (overdue).
func document(cfg *config.Config, d *site.Document) finding.List {
	var findings finding.List
	if !readable(d) {
		return nil // unreadable, or front matter unknown: its own finding says enough
	}
	start := finding.Position{File: d.Path, Line: 1, Column: 1}
	slips := misspelled(cfg, d)
	for _, key := range cfg.Metadata.Required {
		f, required := requiredField(d, source.NormalizeKey(key))
		if !required {
			continue
		}
		slip, slipped := slips[source.NormalizeKey(key)]
		switch {
		case f == nil && slipped:
			findings.Errorf(finding.MissingMetadata, finding.Position{File: d.Path, Line: slip.Line, Column: slip.Column},
				"required metadata %q is missing, and the front matter has %q%s", key, slip.Name, finding.DidYouMean(key))
			delete(slips, source.NormalizeKey(key))
		case f == nil:
			findings.Errorf(finding.MissingMetadata, start, "required metadata %q is missing", key)
		case isEmpty(f.Value):
			pos := finding.Position{File: d.Path, Line: f.Line, Column: f.Column}
			if f.Line == 0 {
				pos = start
			}
			findings.Errorf(finding.MissingMetadata, pos, "required metadata %q is empty", key)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(slips)) {
		slip := slips[key]
		findings.Warnf(finding.UnknownMetadata, finding.Position{File: d.Path, Line: slip.Line, Column: slip.Column},
			"govdoc does not know the front-matter key %q and keeps it for templates%s", slip.Name, finding.DidYouMean(knownKeys[key]))
	}
	oneOf := func(key, value string, allowed []string) {
		if value == "" || slices.ContainsFunc(allowed, func(a string) bool { return strings.EqualFold(a, value) }) {
			return
		}
		hint := ""
		if best, ok := finding.Closest(value, allowed); ok {
			hint = finding.DidYouMean(best)
		}
		findings.Errorf(finding.InvalidMetadata, d.Source.ValuePos(d.Fields[key]),
			"%s %q is not one of %s%s", d.Fields[key].Name, value, strings.Join(allowed, ", "), hint)
	}
	oneOf("status", d.Status, cfg.Metadata.Status)
	oneOf("classification", d.Classification, cfg.Metadata.Classification)
	if f := d.Fields["last_update"]; f != nil && !isEmpty(f.Value) {
		if _, ok := ParseDate(d.LastUpdate); !ok {
			findings.Errorf(finding.InvalidMetadata, d.Source.ValuePos(f), "%s %q is not a date (write YYYY-MM-DD)", f.Name, f.String())
		}
	}
	if f := d.Fields["weight"]; f != nil && !isEmpty(f.Value) && !isInt(f.String()) {
		findings.Errorf(finding.InvalidMetadata, d.Source.ValuePos(f), "%s %q is not a whole number", f.Name, f.String())
	}
	if f := d.Fields["tags"]; f != nil {
		if l, ok := f.Value.([]any); ok {
			for _, e := range l {
				if _, ok := e.(string); !ok {
					findings.Errorf(finding.InvalidMetadata, d.Source.ValuePos(f), "%s must be a list of words", f.Name)
					break
				}
			}
		} else if _, ok := f.Value.(string); !ok {
			findings.Errorf(finding.InvalidMetadata, d.Source.ValuePos(f), "%s must be a list of words", f.Name)
		}
	}
	findings = append(findings, approval(d)...)
	for _, key := range []string{"document_id", "owner", "version", "status", "classification", "last_update", "title",
		"next_review", "approved_by", "approval_date", "effective_date", "supersedes"} {
		if f := d.Fields[key]; f != nil && f.Value != nil {
			if _, ok := f.Value.(string); !ok {
				findings.Errorf(finding.InvalidMetadata, d.Source.ValuePos(f), "%s must be a single value, not a list or mapping", f.Name)
			}
		}
	}
	return findings
}

// knownKeys are the front-matter keys govdoc reads, by normalized key, as
// users write them.
var knownKeys = map[string]string{
	"document_id": "Document-ID", "title": "Title", "owner": "Owner", "version": "Version", "status": "Status",
	"classification": "Classification", "last_update": "Last Update", "tags": "Tags", "weight": "Weight",
	"meta": "meta", "raci": "raci", "scorecard": "scorecard", "history": "history", "check": "check",
	"next_review": "Next Review", "approved_by": "Approved By", "approval_date": "Approval Date", "supersedes": "Supersedes",
	"effective_date": "Effective Date",
}

// misspelled finds the document's keys that govdoc does not know and that
// are a slip away from a known or required key the document lacks, such as
// Clasification for Classification: by the key they stand for.
func misspelled(cfg *config.Config, d *site.Document) map[string]*source.Field {
	var slips map[string]*source.Field
	var candidates []string
	for k := range knownKeys {
		candidates = append(candidates, k)
	}
	for _, k := range cfg.Metadata.Required {
		candidates = append(candidates, source.NormalizeKey(k))
	}
	for key, f := range d.Fields {
		if f.Line == 0 || slices.Contains(candidates, key) {
			continue // from a cascade, or known
		}
		limit := 1
		if len(key) > 5 {
			limit = 2
		}
		near, ok := finding.Near(key, candidates, limit)
		if !ok || d.Fields[near] != nil {
			continue
		}
		if other := slips[near]; other != nil && other.Line < f.Line {
			continue
		}
		if slips == nil {
			slips = map[string]*source.Field{}
		}
		slips[near] = f
	}
	return slips
}

func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(v) == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

func isInt(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "-")
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
