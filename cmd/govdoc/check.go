package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/external"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/report"
	"github.com/govdoc/govdoc/generator/site"
)

func check(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("govdoc check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("source", ".", "the site folder (with site.yaml)")
	format := fl.String("format", "text", "report format: "+strings.Join(report.Formats, ", "))
	strict := fl.Bool("strict", false, "fail on warnings too")
	ext := fl.Bool("external", false, "also check that http(s) links answer")
	cache := fl.String("cache", "", "with --external: the file that remembers good links for a day (default: in the user cache folder)")
	since := fl.String("since", "", "the version gate: fail for documents whose body changed since this git revision while their Version did not")
	prof := profileFlags(fl)
	if err := fl.Parse(args); err != nil {
		return flagsExit(err)
	}
	if err := prof.start(); err != nil {
		fmt.Fprintf(stderr, "govdoc check: %v\n", err)
		return exitUsage
	}
	defer func() {
		if err := prof.stop(); err != nil {
			fmt.Fprintf(stderr, "govdoc check: %v\n", err)
		}
	}()
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "govdoc check: unexpected argument %q\n", fl.Arg(0))
		return exitUsage
	}
	if !slices.Contains(report.Formats, *format) {
		fmt.Fprintf(stderr, "govdoc check: unknown format %q (want one of %s)\n", *format, strings.Join(report.Formats, ", "))
		return exitUsage
	}
	fsys, closeFS, err := openSite(*src)
	if err != nil {
		fmt.Fprintf(stderr, "govdoc check: %v\n", err)
		return exitUsage
	}
	defer closeFS()
	opts := generator.Options{Source: fsys, Theme: govdoc.Theme, Version: Version(), Git: history(ctx, *src)}
	if *since != "" {
		changed, err := gitlog.Changed(ctx, *src, *since)
		if errors.Is(err, gitlog.ErrNoGit) {
			fmt.Fprintf(stderr, "govdoc check: --since needs the site to be in a git repository and the git command\n")
			return exitUsage
		}
		if err != nil {
			fmt.Fprintf(stderr, "govdoc check: --since %s: %v\n", *since, err)
			return exitUsage
		}
		opts.Since = changed
	}
	res, err := generator.Check(ctx, opts)
	switch {
	case errors.Is(err, generator.ErrConfig):
		_ = report.Write(stdout, *format, res.Findings, summary(nil, res.Findings, *strict))
		return exitUsage
	case errors.Is(err, config.ErrNotFound):
		fmt.Fprintf(stderr, "govdoc check: %s: %v\n", *src, err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "govdoc check: %v\n", err)
		return exitUsage
	}
	findings := res.Findings
	if *ext {
		f, err := checkExternal(ctx, res.Site, *src, *cache, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "govdoc check: external links: %v\n", err)
			return exitUsage
		}
		findings = append(findings, f...)
		findings.Sort()
	}
	if err := report.Write(stdout, *format, findings, summary(res.Site, findings, *strict)); err != nil {
		fmt.Fprintf(stderr, "govdoc check: %v\n", err)
		return exitUsage
	}
	if findings.Errors() > 0 || *strict && findings.Warnings() > 0 {
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

// checkExternal checks every http(s) link of every document.
func checkExternal(ctx context.Context, s *site.Site, src, cache string, stderr io.Writer) (finding.List, error) {
	var links []external.Link
	for _, d := range append(slices.Clip(s.Documents), s.Excluded...) {
		for _, l := range d.External {
			links = append(links, external.Link{URL: l.URL, Pos: l.Pos})
		}
	}
	if cache == "" {
		cache = defaultCache(src)
	}
	opts := external.Options{CacheFile: cache, TTL: 24 * time.Hour}
	if f, ok := stderr.(*os.File); ok && external.IsTerminal(f) {
		opts.Progress = stderr
	}
	return external.Check(ctx, links, opts)
}

// defaultCache is a cache file per site in the user's cache folder, never in
// the site itself.
func defaultCache(src string) string { return cacheFile(src, "links-", ".json") }

// cacheFile names a file of govdoc's for the site src in the user's cache
// folder, or "" when there is none.
func cacheFile(src, prefix, ext string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		abs = src
	}
	name := strings.NewReplacer("/", "_", "\\", "_", ":", "_").Replace(strings.Trim(abs, "/\\"))
	return filepath.Join(dir, "govdoc", prefix+name+ext)
}
