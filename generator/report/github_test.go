package report_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/report"
)

func TestGitHubCommands(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    finding.Finding
		want string
	}{
		{"error with position",
			finding.New(finding.BrokenRef, finding.Error, pos("content/a.md", 12, 3), "no document named x.md"),
			"::error file=content/a.md,line=12,col=3,title=broken-ref::no document named x.md"},
		{"warning",
			finding.New(finding.ReviewOverdue, finding.Warning, pos("content/a.md", 4, 1), "old"),
			"::warning file=content/a.md,line=4,col=1,title=review-overdue::old"},
		{"line 0 leaves out line and col",
			finding.New(finding.ReviewOverdue, finding.Warning, pos("content/a.md", 0, 0), "old"),
			"::warning file=content/a.md,title=review-overdue::old"},
		{"column 0 leaves out col",
			finding.New(finding.VersionMismatch, finding.Warning, pos("content/a.md", 7, 0), "v"),
			"::warning file=content/a.md,line=7,title=version-mismatch::v"},
		{"no file leaves out file",
			finding.New(finding.ConfigError, finding.Error, finding.Position{}, "no site.yaml"),
			"::error title=config::no site.yaml"},
		{"message escapes %, CR and LF but not : and ,",
			finding.New(finding.BrokenRef, finding.Error, pos("a.md", 1, 1), "100%% sure: a, b\r\nnext\nline"),
			"::error file=a.md,line=1,col=1,title=broken-ref::100%25 sure: a, b%0D%0Anext%0Aline"},
		{"properties escape : and , too",
			finding.New("odd:rule,x", finding.Error, pos("c:/odd,name%.md", 1, 1), "m"),
			"::error file=c%3A/odd%2Cname%25.md,line=1,col=1,title=odd%3Arule%2Cx::m"},
		{"other characters pass through",
			finding.New(finding.BrokenRef, finding.Error, pos("a.md", 1, 1), `<a> & "b"`),
			`::error file=a.md,line=1,col=1,title=broken-ref::<a> & "b"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want+"\n", render(t, "github", finding.List{tc.f}, report.Summary{}))
		})
	}
}

func TestGitHubOneLinePerFinding(t *testing.T) {
	out := render(t, "github", sample(), sampleSummary())
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	assert.Len(t, lines, len(sample()), "no summary line, and newlines in messages are escaped")
	for _, line := range lines {
		assert.Regexp(t, `^::(error|warning) [^:]*::`, line)
	}
	assert.Empty(t, render(t, "github", nil, sampleSummary()), "nothing to annotate")
}
