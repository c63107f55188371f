package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/config"
)

// buildOptions are the flags of govdoc build.
type buildOptions struct {
	source, out, audience string
	caches                cacheOptions
	prof                  profiles
}

func buildCommand(g *globals) *cobra.Command {
	o := &buildOptions{}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the site into a folder",
		Long: `Build reads the site in --source and writes it to --out. It reports the same
problems as check, and publishes nothing when there is an error: the previous
output stays as it was. Otherwise the new site takes the previous one's place
in one step; the previous one is moved beside it (to .public.old-N for an
output folder public) and removed in the background, by this build or, if it
exits first, by the next.`,
		Example:    "  govdoc build\n  govdoc build --source handbook --out /srv/www/handbook --audience Public",
		SuggestFor: []string{"generate", "publish"},
		Args:       noArgs,
		RunE: g.runE(func(ctx context.Context, _ []string, today time.Time, stdout, stderr io.Writer) int {
			return build(ctx, o, today, stdout, stderr)
		}),
	}
	fl := cmd.Flags()
	sourceFlag(fl, &o.source)
	fl.StringVar(&o.out, "out", "", "write the site to `DIR` (default: site.yaml's output, else public)")
	_ = cobra.MarkFlagDirname(fl, "out")
	audienceFlag(fl, &o.audience, "publish")
	o.caches.flags(cmd)
	o.prof.flags(fl)
	return cmd
}

func build(ctx context.Context, o *buildOptions, today time.Time, stdout, stderr io.Writer) int {
	if err := o.prof.start(); err != nil {
		fmt.Fprintf(stderr, "govdoc build: %v\n", err)
		return exitUsage
	}
	defer func() {
		if err := o.prof.stop(); err != nil {
			fmt.Fprintf(stderr, "govdoc build: %v\n", err)
		}
	}()
	opts, done, ok := publishing(ctx, "govdoc build", o.source, o.audience, &o.caches, today, stderr)
	if !ok {
		return exitUsage
	}
	defer done()
	start := time.Now()
	res, dir, err := generator.Publish(ctx, opts, o.source, o.out)
	if res != nil {
		printFindings(stderr, res.Findings)
	}
	switch {
	case errors.Is(err, generator.ErrFindings):
		fmt.Fprintf(stderr, "govdoc build: %s; %s left unchanged\n", counts(res.Findings), dir)
		return exitFindings
	case errors.Is(err, generator.ErrConfig):
		fmt.Fprintf(stderr, "govdoc build: %s has errors; nothing was built\n", config.File)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "govdoc build: %v\n", err)
		if ctx.Err() != nil {
			return exitFindings
		}
		return exitUsage
	}
	fmt.Fprintln(stdout, buildSummary(res, dir, time.Since(start)))
	return exitOK
}

// publishing opens the site at source for a command that publishes it
// (build, pdf) and returns its options, with done to call when the command
// is over. ok is false when it could not: the reason is printed.
func publishing(ctx context.Context, command, source, audience string, c *cacheOptions, today time.Time, stderr io.Writer) (opts generator.Options, done func(), ok bool) {
	fsys, closeFS, err := openSite(source)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", command, err)
		return opts, nil, false
	}
	if err := checkAudience(fsys, audience); err != nil {
		closeFS()
		fmt.Fprintf(stderr, "%s: %v\n", command, err)
		return opts, nil, false
	}
	cs := c.resolve(source, command, stderr)
	results := openResults(cs, command, stderr)
	opts = generator.Options{Source: fsys, Theme: govdoc.Theme, Audience: audience, Version: Version(), Now: today, Git: history(ctx, source, cs.history), Results: results}
	return opts, func() {
		closeResults(ctx, results, command, stderr)
		closeFS()
	}, true
}
