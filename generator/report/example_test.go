package report_test

import (
	"os"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/report"
)

func ExampleWrite() {
	var l finding.List
	l.Errorf(finding.BrokenRef, finding.Position{File: "content/governance/0230_it.md", Line: 287, Column: 3},
		"no document named %s", "0180_it.md")
	l.Warnf(finding.ReviewOverdue, finding.Position{File: "content/governance/0230_it.md"},
		"Last Update 2024-01-10 is more than 365 days old")
	l.Errorf(finding.MissingMetadata, finding.Position{File: "content/policies/0300_risk.md", Line: 2, Column: 1},
		"Owner is empty")
	l.Sort()

	if err := report.Write(os.Stdout, "text", l, report.Summary{Documents: 12}); err != nil {
		panic(err)
	}
	// Output:
	// content/governance/0230_it.md: warning: Last Update 2024-01-10 is more than 365 days old [review-overdue]
	// content/governance/0230_it.md:287:3: error: no document named 0180_it.md [broken-ref]
	//
	// content/policies/0300_risk.md:2:1: error: Owner is empty [missing-metadata]
	//
	// 12 documents checked: 2 errors, 1 warning
}
