package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/govdoc/govdoc/generator/scaffold"
)

// initCmd writes the skeleton of a new handbook into a folder.
func initCmd(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("govdoc init", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: govdoc init DIR\n\nWrites a new handbook into DIR (created if absent): site.yaml and a section with two documents.\n")
	}
	dirs, err := parseInterspersed(fl, args)
	if err != nil {
		return flagsExit(err)
	}
	if len(dirs) != 1 {
		fmt.Fprintf(stderr, "govdoc init: want one folder, as in govdoc init handbook\n")
		return exitUsage
	}
	dir := dirs[0]
	written, err := scaffold.Init(dir, time.Now())
	if errors.Is(err, scaffold.ErrSiteExists) {
		fmt.Fprintf(stderr, "govdoc init: %v; nothing was written (to add a document, run govdoc new there)\n", err)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(stderr, "govdoc init: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "govdoc init: wrote a new handbook to %s\n", dir)
	for _, f := range written {
		fmt.Fprintf(stdout, "  %s\n", f)
	}
	fmt.Fprintf(stdout, "\nNext:\n  cd %s && govdoc serve\n  govdoc new content/governance/0030_risk_management.md\n  govdoc check --strict\n", shellQuote(dir))
	return exitOK
}

// parseInterspersed parses flags that come before, between or after the
// positional arguments, and returns those. After "--" every argument is
// positional.
func parseInterspersed(fl *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		rest := fl.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil // after --, nothing is a flag
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// shellQuote quotes a path for a POSIX shell if it needs it, and keeps a
// path that starts with "-" from reading as an option.
func shellQuote(s string) string {
	if strings.HasPrefix(s, "-") {
		s = "./" + s
	}
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./", r))
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
