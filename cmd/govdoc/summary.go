package main

import (
	"fmt"
	"time"

	"github.com/govdoc/govdoc/generator"
)

// buildSummary is the line a successful build ends with: what the site
// holds, what the build found, and what it wrote where, how fast.
func buildSummary(res *generator.Result, dir string, took time.Duration) string {
	s := res.Site
	matrices, activities := 0, 0
	for _, d := range s.Documents {
		if len(d.RACI) > 0 {
			matrices++
			activities += len(d.RACI)
		}
	}
	scorecards := len(s.Scorecards())
	left := ""
	if len(s.Excluded) > 0 {
		left = fmt.Sprintf(" (%d left out)", len(s.Excluded))
	}
	return fmt.Sprintf("govdoc build: %s%s, %s, %s (%s), %s; %s; %s to %s in %s",
		count(len(s.Documents), "document", "documents"), left,
		count(res.Pages, "page", "pages"),
		count(matrices, "RACI matrix", "RACI matrices"), count(activities, "activity", "activities"),
		count(scorecards, "scorecard", "scorecards"),
		counts(res.Findings),
		count(res.Files, "file", "files"), dir, duration(took))
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// duration shows a build's time in milliseconds, or in seconds from ten
// seconds on.
func duration(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}
