package main

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/finding"
)

// flagError adds to an unknown flag the command's flags spelled like it, as
// cobra does for commands: "--ouput" suggests --out. A flag written with one
// dash, as Go's flag package allows ("-audience"), reads as short flags and
// fails on its first letter; it suggests the long flag of that name.
func flagError(cmd *cobra.Command, err error) error {
	var missing *pflag.NotExistError
	if !errors.As(err, &missing) {
		return err
	}
	typed := missing.GetSpecifiedName()
	if short := missing.GetSpecifiedShortnames(); short != "" {
		typed, _, _ = strings.Cut(short, "=")
	}
	names := similarFlags(cmd, typed)
	if len(names) == 0 {
		return err
	}
	var b strings.Builder
	b.WriteString("\n\nDid you mean this?\n")
	for _, n := range names {
		fmt.Fprintf(&b, "\t--%s\n", n)
	}
	return fmt.Errorf("%w%s", err, b.String())
}

// similarFlags returns the names of cmd's visible flags, its own and those
// it inherits, that start with typed or are within the root's
// SuggestionsMinimumDistance edits of it (fewer for a name that short),
// closest first.
func similarFlags(cmd *cobra.Command, typed string) []string {
	typed = strings.ToLower(typed)
	maxDist := cmd.Root().SuggestionsMinimumDistance
	if maxDist <= 0 {
		maxDist = 2
	}
	maxDist = min(maxDist, len(typed)-1) // two edits make "-o" anything of three letters
	type match struct {
		name string
		dist int
	}
	var matches []match
	seen := map[string]bool{}
	visit := func(f *pflag.Flag) {
		if f.Hidden || seen[f.Name] {
			return
		}
		seen[f.Name] = true
		d := finding.Distance(typed, strings.ToLower(f.Name))
		if d <= maxDist || typed != "" && strings.HasPrefix(f.Name, typed) {
			matches = append(matches, match{f.Name, d})
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	slices.SortFunc(matches, func(a, b match) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return strings.Compare(a.name, b.name)
	})
	names := make([]string, len(matches))
	for i, m := range matches {
		names[i] = m.name
	}
	return names
}

// checkAudience says, naming the --audience flag, when audience is not one
// of site.yaml's classification levels. A site.yaml that is missing or has
// errors is left for the generator to report, with its findings.
func checkAudience(fsys fs.FS, audience string) error {
	if audience == "" {
		return nil
	}
	cfg, findings, err := config.Load(fsys)
	if err != nil || findings.Errors() > 0 {
		return nil
	}
	if _, ok := cfg.Level(audience); !ok {
		return fmt.Errorf("--audience %q is not one of %s's classification levels: %s", audience, config.File, levels(cfg.Metadata.Classification))
	}
	return nil
}

// sourceFlag adds the --source flag that every command that reads a site has.
func sourceFlag(fl *pflag.FlagSet, src *string) {
	fl.StringVar(src, "source", ".", "read the site from `DIR`, the folder with site.yaml")
	_ = cobra.MarkFlagDirname(fl, "source")
}

// audienceFlag adds the --audience flag; what the audience does is verb's.
func audienceFlag(fl *pflag.FlagSet, audience *string, verb string) {
	fl.StringVar(audience, "audience", "", verb+" the documents classified up to `LEVEL` (default: site.yaml's audience)")
}
