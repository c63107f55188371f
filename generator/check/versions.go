package check

import (
	"strings"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/site"
)

// Version warns when a document's Version is not the version of the newest
// row of its Document History table. It depends on the document alone.
func Version(d *site.Document) finding.List {
	var findings finding.List
	f := d.Fields["version"]
	if f == nil || d.Version == "" || len(d.History) == 0 {
		return nil
	}
	newest := d.History[0] // newest first
	if sameVersion(newest.Version, d.Version) {
		return nil
	}
	findings.Warnf(finding.VersionMismatch, d.Source.ValuePos(f),
		"Version %s differs from the newest Document History row (%s, %s): add a history row or correct the version", d.Version, newest.Version, newest.Date)
	return findings
}

func sameVersion(a, b string) bool {
	norm := func(s string) string { return strings.TrimLeft(strings.TrimSpace(s), "vV") }
	return strings.EqualFold(norm(a), norm(b))
}
