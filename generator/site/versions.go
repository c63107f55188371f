package site

import (
	"html/template"

	"github.com/govdoc/govdoc/generator/gitlog"
)

// Version is one version of a document as git holds it: the document as it
// was at the commit where its Version changed to this one.
type Version struct {
	Version string
	// Commit is the commit that made the version; for the current
	// version of a document whose sources changed since their commit, nil.
	Commit *gitlog.Commit
	// As is the document as that version had it, its body's placeholders
	// filled as they were then; nil for the current version.
	As *Document
	// HTML is the body rendered; for the current version, the page's.
	HTML  template.HTML
	Title string
	// Doc is the document the version is of: its page is where the
	// version's links start.
	Doc *Document
}

// Date is the day the version was committed, "" when it was not.
func (v *Version) Date() string {
	if v.Commit == nil {
		return ""
	}
	return v.Commit.Date.UTC().Format("2006-01-02")
}

// Redline is a page that shows what changed in a document between two of
// its versions, word by word.
type Redline struct {
	Doc *Document
	// From is the earlier version and To the later; From is nil when git
	// holds no earlier version.
	From, To *Version
	URL      string // the page's path in the output
	// Body is the later version's text with the words inserted since the
	// earlier marked <ins> and those deleted <del>.
	Body template.HTML
	// Inserted and Deleted count the words.
	Inserted, Deleted int
}
