package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/govdoc/govdoc/generator/scaffold"
)

func initCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "init DIR",
		Short: "Write a new handbook into a folder",
		Long: `Init writes a new handbook into DIR, made if absent: site.yaml, with a comment
on every key, and a section with two documents. It refuses a folder that
already has site.yaml or content/, and writes nothing there.`,
		Example:    "  govdoc init handbook",
		SuggestFor: []string{"create", "setup"},
		Args:       exactlyOne("want one folder, as in govdoc init handbook"),
		RunE: g.runE(func(_ context.Context, args []string, today time.Time, stdout, stderr io.Writer) int {
			return initSite(args[0], orToday(today), stdout, stderr)
		}),
	}
}

// initSite writes the skeleton of a new handbook into dir.
func initSite(dir string, today time.Time, stdout, stderr io.Writer) int {
	written, err := scaffold.Init(dir, today)
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
