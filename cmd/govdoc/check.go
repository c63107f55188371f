package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/external"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/report"
	"github.com/govdoc/govdoc/generator/site"
)

// checkOptions are the flags of govdoc check.
type checkOptions struct {
	source, format, since, audience string
	strict, external                bool
	caches                          cacheOptions
	prof                            profiles
}

func checkCommand(g *globals) *cobra.Command {
	o := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Report every problem of the site, writing nothing",
		Long: `Check finds every problem of the site without writing anything, and reports
all of them, not just the first, with file, line, column and rule.

Exit status: 0 with no errors (warnings are allowed, unless --strict), 1 when
the site has errors, 2 when govdoc could not run.`,
		Example:    "  govdoc check --strict\n  govdoc check --format github --since origin/main",
		SuggestFor: []string{"lint", "validate", "verify"},
		Args:       noArgs,
		RunE: g.runE(func(ctx context.Context, _ []string, today time.Time, stdout, stderr io.Writer) int {
			return check(ctx, o, today, stdout, stderr)
		}),
	}
	fl := cmd.Flags()
	sourceFlag(fl, &o.source)
	fl.StringVar(&o.format, "format", "text", "report in `FORMAT`: "+strings.Join(report.Formats, ", "))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(report.Formats, cobra.ShellCompDirectiveNoFileComp))
	fl.BoolVar(&o.strict, "strict", false, "fail on warnings too")
	fl.BoolVar(&o.external, "external", false, "also check that http(s) links answer")
	o.caches.flags(cmd)
	fl.StringVar(&o.since, "since", "", "the version gate: fail for documents whose body changed since the git revision `REV` while their Version did not")
	// check checks every document whatever the audience; an audience adds
	// what its build finds.
	fl.StringVar(&o.audience, "audience", "", "also report what the build for `LEVEL` finds: links to documents it leaves out, and a build that publishes none")
	o.prof.flags(fl)
	return cmd
}

func check(ctx context.Context, o *checkOptions, today time.Time, stdout, stderr io.Writer) int {
	if err := o.prof.start(); err != nil {
		fmt.Fprintf(stderr, "govdoc check: %v\n", err)
		return exitUsage
	}
	defer func() {
		if err := o.prof.stop(); err != nil {
			fmt.Fprintf(stderr, "govdoc check: %v\n", err)
		}
	}()
	if !slices.Contains(report.Formats, o.format) {
		fmt.Fprintf(stderr, "govdoc check: unknown format %q (want one of %s)\n", o.format, strings.Join(report.Formats, ", "))
		return exitUsage
	}
	fsys, closeFS, err := openSite(o.source)
	if err != nil {
		fmt.Fprintf(stderr, "govdoc check: %v\n", err)
		return exitUsage
	}
	defer closeFS()
	if err := checkAudience(fsys, o.audience); err != nil {
		fmt.Fprintf(stderr, "govdoc check: %v\n", err)
		return exitUsage
	}
	cs := o.caches.resolve(o.source, "govdoc check", stderr)
	results := openResults(cs, "govdoc check", stderr)
	defer closeResults(ctx, results, "govdoc check", stderr)
	opts := generator.Options{Source: fsys, Theme: govdoc.Theme, Audience: o.audience, Version: Version(), Now: today, Git: history(ctx, o.source, cs.history), Results: results}
	if o.since != "" {
		changed, err := gitlog.Changed(ctx, o.source, o.since)
		if errors.Is(err, gitlog.ErrNoGit) {
			fmt.Fprintf(stderr, "govdoc check: --since needs the site to be in a git repository and the git command\n")
			return exitUsage
		}
		if err != nil {
			fmt.Fprintf(stderr, "govdoc check: --since %s: %v\n", o.since, err)
			return exitUsage
		}
		opts.Since = changed
	}
	res, err := generator.Check(ctx, opts)
	switch {
	case errors.Is(err, generator.ErrConfig):
		_ = report.Write(stdout, o.format, res.Findings, summary(nil, res.Findings, o.strict))
		return exitUsage
	case errors.Is(err, config.ErrNotFound):
		fmt.Fprintf(stderr, "govdoc check: %s: %v\n", o.source, err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "govdoc check: %v\n", err)
		return exitUsage
	}
	findings := res.Findings
	if o.external {
		f, err := checkExternal(ctx, res.Site, cs.links, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "govdoc check: external links: %v\n", err)
			return exitUsage
		}
		findings = append(findings, f...)
		findings.Sort()
	}
	if err := report.Write(stdout, o.format, findings, summary(res.Site, findings, o.strict)); err != nil {
		fmt.Fprintf(stderr, "govdoc check: %v\n", err)
		return exitUsage
	}
	if findings.Errors() > 0 || o.strict && findings.Warnings() > 0 {
		return exitFindings
	}
	return exitOK
}

// summary describes a check for the report.
func summary(s *site.Site, findings finding.List, strict bool) report.Summary {
	sum := report.Summary{Tool: "govdoc", Version: Version(), Strict: strict}
	for _, r := range finding.Rules {
		sum.Rules = append(sum.Rules, report.Rule{ID: r.ID, Severity: r.Severity, Description: r.Description})
	}
	if s != nil {
		for _, d := range append(slices.Clip(s.Documents), s.Excluded...) {
			sum.Files = append(sum.Files, d.Path)
		}
		slices.Sort(sum.Files)
		sum.Documents = len(sum.Files)
	}
	return sum
}

// checkExternal checks every http(s) link of every document and section
// introduction, remembering good answers in the file cache ("" for none).
func checkExternal(ctx context.Context, s *site.Site, cache string, stderr io.Writer) (finding.List, error) {
	var links []external.Link
	for _, d := range append(slices.Clip(s.Documents), s.Excluded...) {
		for _, l := range d.External {
			links = append(links, external.Link{URL: l.URL, Pos: l.Pos})
		}
	}
	for _, sec := range append(s.Sections(), s.Root) {
		for _, l := range sec.External {
			links = append(links, external.Link{URL: l.URL, Pos: l.Pos})
		}
	}
	opts := external.Options{CacheFile: cache, TTL: 24 * time.Hour}
	if f, ok := stderr.(*os.File); ok && external.IsTerminal(f) {
		opts.Progress = stderr
	}
	return external.Check(ctx, links, opts)
}
