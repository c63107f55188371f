// Package site is the in-memory model of a handbook that every build stage
// reads and fills: sections in a tree, documents with their metadata and
// rendered bodies, and the page URLs. It holds data only; the stages that
// load, link, check and render it live in their own packages.
package site

import (
	"html/template"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/history"
	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/source"
)

// Site is a whole handbook.
type Site struct {
	Config *config.Config
	Root   *Section // content/ itself
	// Documents lists every document that is published, in reading order:
	// by section, then weight, then file name.
	Documents []*Document
	// Excluded lists documents left out of this build (audience or status).
	Excluded []*Document
	// Assets are the files under content/ that are not Markdown.
	Assets []string
	// Static lists the output paths of the files copied from the theme's
	// and the site's static/ folders, which site-absolute links may name.
	Static []string
	// Version is the govdoc version that built the site.
	Version string
	// Commit is the site's git commit, nil outside git.
	Commit *gitlog.Commit
	// Health is the documentation-health scorecard: by section, then by
	// owner.
	Health []*HealthRow
	// Changes lists what changed in the handbook, newest first.
	Changes []*Change
	// Roles holds every role of site.yaml with the activities of published
	// documents it is responsible, accountable, consulted and informed for.
	Roles []*Role
	// Tags lists the tags of the published documents, by name.
	Tags []*Tag
	// Today is the build's date, which review states are measured
	// against: midnight UTC of the day.
	Today time.Time
	// Owners lists who owns published documents or metrics: the roles of
	// site.yaml in its order, then other names by name.
	Owners []*Owner
}

// Published returns what the theme may see of a build: the site without
// its documents left out, with the sections that hold only left-out
// documents removed from the tree, and with no reference from a published
// document to anything left out. Call it once links are checked.
func (s *Site) Published() *Site {
	prune(s.Root)
	for _, d := range s.Documents {
		if len(s.Excluded) == 0 {
			break // nothing is left out: no section either
		}
		d.Refs = slices.DeleteFunc(d.Refs, func(r Reference) bool {
			return r.Target != nil && r.Target.Excluded || r.Section != nil && r.Section.Excluded
		})
	}
	v := *s
	v.Excluded = nil
	return &v
}

func prune(sec *Section) {
	sec.Sections = slices.DeleteFunc(sec.Sections, func(c *Section) bool { return c.Excluded })
	for _, c := range sec.Sections {
		prune(c)
	}
}

// Sections returns every section below the root, depth first, in order.
func (s *Site) Sections() []*Section {
	var out []*Section
	var walk func(*Section)
	walk = func(sec *Section) {
		for _, c := range sec.Sections {
			out = append(out, c)
			walk(c)
		}
	}
	walk(s.Root)
	return out
}

// Section is a folder of content/.
type Section struct {
	Dir   string // from the site root: content/governance
	Title string
	// TitleHTML is the title as the heading that opens _index.md writes
	// it, emphasis and code kept; "" when the title comes from elsewhere.
	TitleHTML template.HTML
	// Markdown is the introduction of _index.md with placeholders filled;
	// Map turns its offsets back into offsets of the body as written.
	Markdown []byte
	Map      *placeholder.Map
	// Intro is the introduction's HTML on the section's page; CardIntro is
	// the same with its links made from the page that lists the section on
	// a card: its parent's, or the home page.
	Intro, CardIntro template.HTML
	// Headings are the introduction's headings, and Anchors their IDs: the
	// headings of the section's page that links to it can name.
	Headings []markdown.Heading
	Anchors  map[string]bool
	// Refs, Files and External are what the introduction links to, as for
	// a document.
	Refs     []Reference
	Files    []string
	External []ExternalLink
	Weight   int
	// Meta is the merged meta for the documents below: site.yaml's,
	// overridden by each enclosing section's.
	Meta map[string]any
	// Cascade holds front-matter defaults for the documents below, by
	// normalized key.
	Cascade   map[string]any
	Parent    *Section
	Sections  []*Section
	Documents []*Document
	URL       string // the page's path in the output: governance/index.html
	Source    *source.Document
	// Excluded is set on a section that holds documents left out of this
	// build and none that is published, in it or below: nothing of it is
	// published, not its page, title or introduction.
	Excluded bool
}

// Ancestors returns the sections from the top down to s's parent, the root
// left out.
func (s *Section) Ancestors() []*Section {
	var out []*Section
	for p := s.Parent; p != nil && p.Parent != nil; p = p.Parent {
		out = append([]*Section{p}, out...)
	}
	return out
}

// Pos returns the file position of offset off in Markdown: in _index.md,
// or the section's folder when it has none.
func (s *Section) Pos(off int) finding.Position {
	if s.Source == nil {
		return finding.Position{File: s.Dir + "/"}
	}
	return s.Source.Pos(s.Source.BodyStart + s.Map.Source(off))
}

// IsRoot reports whether s is content/ itself.
func (s *Section) IsRoot() bool { return s.Parent == nil }

// Count returns how many published documents s and its subsections hold.
func (s *Section) Count() int {
	n := len(s.Documents)
	for _, c := range s.Sections {
		n += c.Count()
	}
	return n
}

// Document is one governance document.
type Document struct {
	Source *source.Document
	// Path is the file from the site root with forward slashes.
	Path    string
	Section *Section
	URL     string // the page's path in the output: governance/0010_framework/index.html

	ID, Title, Owner, Version, Status, Classification, LastUpdate string
	Tags                                                          []string
	Weight                                                        int
	// Params holds every front-matter key by normalized name, placeholders
	// filled; templates use it for keys govdoc does not know.
	Params map[string]any
	// Fields holds the front-matter fields with their positions.
	Fields map[string]*source.Field
	// Meta is the merged meta of the document's placeholders.
	Meta map[string]any
	// Git is what git knows of the document's file, nil when nothing.
	Git *gitlog.File
	// History is the document's version history, newest first: its
	// front-matter history: list, or else its Document History table.
	History []history.Row
	// Versions are the document's versions that git holds and the build
	// may show, newest first (see Version); Redlines compare them, the
	// first the previous version with this one. Both are nil without git.
	Versions []*Version
	Redlines []*Redline

	// Markdown is the body with placeholders filled; Map turns its offsets
	// back into offsets of the body as written.
	Markdown []byte
	Map      *placeholder.Map

	Body template.HTML
	// SearchText is the text of Body for the search index, as search.Text
	// reads it, cut near SearchLimit bytes; SearchLimit is 0 when the body
	// was not rendered with its text, which search.Text then reads.
	SearchText  string
	SearchLimit int
	Headings    []markdown.Heading
	TitleID     string
	// TitleHTML is the title as the heading that opens the body writes it,
	// emphasis and code kept; "" when the body opens with no such heading.
	TitleHTML template.HTML
	// Anchors holds every heading ID of the document, for link checks.
	Anchors map[string]bool
	// Refs lists the document's references to other documents, in order.
	Refs []Reference
	// RACI lists the activities of the document's responsibility matrix.
	RACI []*Activity
	// Parts is the body cut where the document places a block of its own
	// with {{ raci }} or {{ scorecard }}: each part's HTML is followed by the
	// block it names, if any.
	Parts []BodyPart
	// Scorecard is the document's scorecard, if it has one.
	Scorecard *Scorecard
	// Files lists the files under content/ the document links to or shows.
	Files []string
	// External lists the document's http(s) links, for --external checks.
	External []ExternalLink
	// ReferencedBy lists the published documents that refer to this one.
	ReferencedBy []*Document
	// Prev and Next are the published documents before and after this one
	// in its section's reading order, nil at either end.
	Prev, Next *Document
	// Excluded is set on documents left out of this build.
	Excluded bool

	// NextReview is the date the document is next due for review,
	// YYYY-MM-DD: its Next Review, else its Last Update plus
	// metadata.review_after days; "" when neither is a date, and for a
	// Retired document. As assembled, before the build's document control
	// is read (assemble.Control), it is the Next Review as written.
	NextReview string
	// Review is the document's review state as of the build's date:
	// ReviewOverdue, ReviewDueSoon or "".
	Review string
	// ApprovedBy is who approved the current version, as written: a role
	// of site.yaml or a name. ApprovedRole is that role, if it is one.
	ApprovedBy   string
	ApprovedRole *Role
	// ApprovalDate is the date of that approval, as written: its Approval
	// Date, else its Effective Date.
	ApprovalDate string
	// SupersedesID is the Document-ID its Supersedes names, as written.
	SupersedesID string
	// Supersedes is the published document it replaces, nil if none; and
	// SupersededBy lists the published documents that replace it.
	Supersedes   *Document
	SupersededBy []*Document
}

// ExternalLink is an http(s) link written in a document.
type ExternalLink struct {
	URL string
	Pos finding.Position
}

// Reference is one reference to a document or a section's page.
type Reference struct {
	Target *Document // the document referred to, or nil
	// Section is the section whose page is referred to, when Target is nil.
	Section  *Section
	Fragment string // the #anchor without "#", or ""
	Pos      finding.Position
}

// BodyPart is a piece of a document's body and the block that follows it:
// "raci", "scorecard" or "".
type BodyPart struct {
	HTML  template.HTML
	Block string
	// After is the ID of the last heading before the block, "" if none.
	After string
}

// blockHeadings are the headings of the blocks a document can place.
var blockHeadings = map[string]markdown.Heading{
	"history":   {Level: 2, Text: "Document history", ID: "govdoc-history"},
	"raci":      {Level: 2, Text: "Responsibilities", ID: "govdoc-raci"},
	"scorecard": {Level: 2, Text: "Scorecard", ID: "govdoc-scorecard"},
}

// Placed reports whether the body places a block itself; blocks it does not
// place follow the body.
func (d *Document) Placed(block string) bool {
	for _, p := range d.Parts {
		if p.Block == block {
			return true
		}
	}
	return false
}

// Pos returns the file position of offset off in Markdown.
func (d *Document) Pos(off int) finding.Position {
	return d.Source.Pos(d.Source.BodyStart + d.Map.Source(off))
}

// Slug is the file name without its extension.
func (d *Document) Slug() string {
	return strings.TrimSuffix(path.Base(d.Path), path.Ext(d.Path))
}

// FileName is the file's base name, as bare references name it.
func (d *Document) FileName() string { return path.Base(d.Path) }

// HasHistory reports whether the page shows a history: history rows, or
// recent commits.
func (d *Document) HasHistory() bool {
	return len(d.History) > 0 || d.Git != nil && len(d.Git.Recent) > 0
}

// TOC returns the headings a table of contents lists: levels 2 and 3, with
// the blocks the body places (its matrix, its scorecard) where they stand.
func (d *Document) TOC() []markdown.Heading {
	var out []markdown.Heading
	placed := func(after string) {
		for _, p := range d.Parts {
			if p.Block != "" && p.After == after {
				out = append(out, blockHeadings[p.Block])
			}
		}
	}
	placed("")
	for _, h := range d.Headings {
		if h.Level == 2 || h.Level == 3 {
			out = append(out, h)
		}
		placed(h.ID)
	}
	return out
}

// Role is a role of site.yaml with what it is assigned.
type Role struct {
	config.Role
	Slug       string // its page is roles/SLUG/index.html
	URL        string
	R, A, C, I []*Activity
	// Owner is what the role owns of the published documents and
	// metrics, nil when it owns nothing.
	Owner *Owner
}

// Short returns the role's shortest name for a matrix's column header: its
// shortest alias when that is shorter than its name, else its name.
func (r *Role) Short() string {
	short := r.Name
	for _, a := range r.Aliases {
		if a = strings.TrimSpace(a); a != "" && utf8.RuneCountInString(a) < utf8.RuneCountInString(short) {
			short = a
		}
	}
	return short
}

// Count returns how many activities the role has any part in.
func (r *Role) Count() int {
	seen := map[*Activity]bool{}
	for _, l := range [][]*Activity{r.R, r.A, r.C, r.I} {
		for _, a := range l {
			seen[a] = true
		}
	}
	return len(seen)
}

// Activity is one row of a responsibility matrix.
type Activity struct {
	Name       string
	Doc        *Document
	R, A, C, I []*Role
	Pos        finding.Position
}

// Letters returns the role's part in the activity: "R", "A", "C", "I", or
// several, such as "A/R", "" if none.
func (a *Activity) Letters(r *Role) string {
	var parts []string
	for _, p := range []struct {
		letter string
		roles  []*Role
	}{{"A", a.A}, {"R", a.R}, {"C", a.C}, {"I", a.I}} {
		for _, x := range p.roles {
			if x == r {
				parts = append(parts, p.letter)
				break
			}
		}
	}
	return strings.Join(parts, "/")
}

// Roles returns the roles the activity names, in site.yaml's order.
func (a *Activity) Roles(all []*Role) []*Role {
	var out []*Role
	for _, r := range all {
		if a.Letters(r) != "" {
			out = append(out, r)
		}
	}
	return out
}

// RACIRoles returns the roles a document's matrix uses, in site.yaml's order.
func (d *Document) RACIRoles(all []*Role) []*Role {
	var out []*Role
	for _, r := range all {
		for _, a := range d.RACI {
			if a.Letters(r) != "" {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// SectionActivities is a section's documents that have a matrix.
type SectionActivities struct {
	Section   *Section
	Documents []*Document
}

// RACIBySection groups the published documents with a matrix by section,
// in reading order.
func (s *Site) RACIBySection() []SectionActivities {
	var out []SectionActivities
	for _, d := range s.Documents {
		if len(d.RACI) == 0 {
			continue
		}
		if len(out) == 0 || out[len(out)-1].Section != d.Section {
			out = append(out, SectionActivities{Section: d.Section})
		}
		out[len(out)-1].Documents = append(out[len(out)-1].Documents, d)
	}
	return out
}

// HasResponsibilities reports whether the site has roles or matrices, and
// so responsibility pages.
func (s *Site) HasResponsibilities() bool {
	if len(s.Roles) > 0 {
		return true
	}
	for _, d := range s.Documents {
		if len(d.RACI) > 0 {
			return true
		}
	}
	return false
}

// Statuses of a metric in a period.
const (
	Green = "green"
	Amber = "amber"
	Red   = "red"
	Grey  = "grey"
)

// Scorecard is a document's set of metrics with targets, scored for one
// period.
type Scorecard struct {
	Doc     *Document
	Period  string   // the period that is scored
	Periods []string // every period with a value, oldest first
	Metrics []*Metric
	Source  string // the CSV file of values, from the site root; "" if none
	// Scores holds the score of each period.
	Scores map[string]Score
}

// Score is a scorecard's result for one period.
type Score struct {
	// Value is the share of the metrics' weight that is green, amber counting
	// half, from 0 to 1; metrics without a value count as not met.
	Value                   float64
	Green, Amber, Red, Grey int
}

// Percent is the score as a whole percentage.
func (s Score) Percent() int { return int(s.Value*100 + 0.5) }

// Current returns the score of the scored period.
func (sc *Scorecard) Current() Score { return sc.Scores[sc.Period] }

// Metric is one measure of a scorecard.
type Metric struct {
	ID, Name, Unit string
	Target         float64
	Amber          float64
	HasAmber       bool
	Better         string // "higher" or "lower"
	Weight         float64
	OwnerName      string
	Owner          *Role // nil when site.yaml has no such role
	// Group names the metrics shown together on one screen of a
	// presentation; "" for a metric shown on a screen of its own.
	Group  string
	Values map[string]float64
	// Points holds the metric in every period of its scorecard, oldest
	// first.
	Points []Point
	Pos    finding.Position
}

// Point is a metric's value and status in one period.
type Point struct {
	Period string
	Value  float64
	Has    bool
	Status string
}

// At returns the metric's point in a period.
func (m *Metric) At(period string) Point {
	for _, p := range m.Points {
		if p.Period == period {
			return p
		}
	}
	return Point{Period: period, Status: Grey}
}

// HealthRow is the documentation health of a group of documents: the
// whole handbook, a section or an owner.
type HealthRow struct {
	Kind string // "site", "section" or "owner"
	Name string
	URL  string // the section's or owner's page, if any
	// ID is the row's anchor on the health page; each figure's list of
	// documents is at ID-CRITERION (health-section-governance-approved).
	ID    string
	Total int
	// Active counts the documents in force: not Retired. The Approved and
	// Reviewed shares, and the score, are of these.
	Active int
	// The number of documents that are Approved (in force only), have
	// complete and valid metadata, are reviewed within review_after (in
	// force only), have no broken references and have a valid
	// responsibility matrix (or none).
	Approved, Complete, Reviewed, Linked, RACIValid int
	// Healthy counts the documents in force that are Approved and meet
	// every other criterion.
	Healthy int
	// Docs holds each document of the group with what it meets.
	Docs []HealthDoc
}

// HealthDoc is one document of a health row and the criteria it meets.
type HealthDoc struct {
	Doc                                             *Document
	Retired                                         bool
	Approved, Complete, Reviewed, Linked, RACIValid bool
}

// Healthy reports whether the document is in force, Approved and meets
// every other criterion.
func (d HealthDoc) Healthy() bool {
	return !d.Retired && d.Approved && d.Complete && d.Reviewed && d.Linked && d.RACIValid
}

// Share is n as a whole percentage of the group's documents.
func (h *HealthRow) Share(n int) int { return percent(n, h.Total) }

// ActiveShare is n as a whole percentage of the group's documents in force.
func (h *HealthRow) ActiveShare(n int) int { return percent(n, h.Active) }

// Score is the share of the group's documents in force that are healthy:
// Approved and meeting every other criterion. A Draft is never healthy, so
// a group of drafts scores 0; a group with no document in force scores 0.
func (h *HealthRow) Score() int { return percent(h.Healthy, h.Active) }

func percent(n, of int) int {
	if of == 0 {
		return 0
	}
	return (n*100 + of/2) / of
}

// Scorecards returns the published documents that have a scorecard.
func (s *Site) Scorecards() []*Scorecard {
	var out []*Scorecard
	for _, d := range s.Documents {
		if d.Scorecard != nil {
			out = append(out, d.Scorecard)
		}
	}
	return out
}

// Slug makes a URL- and class-safe token of a name: "IT Managers" ->
// "it-managers". It is "" for a name without letters or digits.
func Slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// Approved returns the date the current version was approved: the date of
// the newest history row of the document's Version, else its Last Update.
func (d *Document) Approved() string {
	for _, r := range d.History {
		if strings.EqualFold(strings.TrimLeft(r.Version, "vV"), strings.TrimLeft(d.Version, "vV")) && r.Date != "" {
			return r.Date
		}
	}
	return d.LastUpdate
}

// Change is one change of one published document.
type Change struct {
	Date     string // YYYY-MM-DD
	Doc      *Document
	Author   string
	Summary  string
	Commit   string // the short commit, "" without git
	From, To string // the version before and after, when the history tells
	// Hash is the whole commit, "" without git.
	Hash string
	// Edit is set on a commit that changed the document without a new
	// version: To is the version it changed.
	Edit bool
}

// Statuses returns the statuses a published document can have: site.yaml's
// metadata.status without its exclude_status.
func (s *Site) Statuses() []string {
	var out []string
	for _, st := range s.Config.Metadata.Status {
		if !slices.ContainsFunc(s.Config.ExcludeStatus, func(x string) bool { return strings.EqualFold(x, st) }) {
			out = append(out, st)
		}
	}
	return out
}

// Levels returns the classification levels this build publishes, least
// sensitive first: those at or below its audience.
func (s *Site) Levels() []string {
	levels := s.Config.Metadata.Classification
	at, _ := s.Config.Level(s.Config.Audience) // as the build's filter reads it
	return levels[:min(at+1, len(levels))]
}
