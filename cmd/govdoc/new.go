package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/scaffold"
	"github.com/govdoc/govdoc/generator/source"
)

func newCommand(g *globals) *cobra.Command {
	var src string
	cmd := &cobra.Command{
		Use:   "new PATH",
		Short: "Write a new document with the site's metadata and the next free ID",
		Long: `New writes a new document at PATH, a .md file under content/ of the site, from
the site folder or from the working folder. Its front matter has the site's
required metadata and the next free Document-ID; Last Update is today.`,
		Example:    "  govdoc new content/security/0400_access_control.md\n  govdoc new --source handbook handbook/content/security/0400_access_control.md",
		SuggestFor: []string{"add", "create"},
		Args:       exactlyOne("want one path, as in govdoc new content/security/0400_access_control.md"),
		RunE: g.runE(func(ctx context.Context, args []string, today time.Time, stdout, stderr io.Writer) int {
			return newDocument(ctx, src, args[0], orToday(today), stdout, stderr)
		}),
	}
	sourceFlag(cmd.Flags(), &src)
	return cmd
}

// newDocument writes a new document at path of the site in src, with the
// site's required metadata and the next free Document-ID.
func newDocument(ctx context.Context, src, path string, today time.Time, stdout, stderr io.Writer) int {
	root, err := os.OpenRoot(src)
	if err != nil {
		fmt.Fprintf(stderr, "govdoc new: %v\n", err)
		return exitUsage
	}
	defer root.Close()
	fsys := root.FS()
	res, err := generator.Load(ctx, generator.Options{Source: fsys, Version: Version()})
	switch {
	case errors.Is(err, generator.ErrConfig):
		printFindings(stderr, res.Findings)
		fmt.Fprintf(stderr, "govdoc new: %s has errors; nothing was written\n", config.File)
		return exitUsage
	case errors.Is(err, config.ErrNotFound):
		fmt.Fprintf(stderr, "govdoc new: %s: %v\n", src, err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "govdoc new: %v\n", err)
		return exitUsage
	}
	draft, err := scaffold.NewDocument(fsys, res.Site, sitePath(src, path), today)
	if err != nil {
		fmt.Fprintf(stderr, "govdoc new: %v\n", err)
		return exitUsage
	}
	written, err := draft.Write(root)
	for _, f := range written {
		fmt.Fprintf(stdout, "govdoc new: wrote %s\n", f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "govdoc new: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "  Document-ID %s, %s, %s: %q\n", draft.ID, draft.Status, draft.Classification, draft.Title)
	for _, n := range draft.Notes {
		fmt.Fprintf(stdout, "  note: %s\n", n)
	}
	return exitOK
}

// sitePath returns p from the site root. A path under content/ is taken as
// it is; any other is taken from the working folder, so that
// "govdoc new --source handbook handbook/content/a.md" works too.
func sitePath(site, p string) string {
	if slash := filepath.ToSlash(filepath.Clean(p)); strings.HasPrefix(slash, source.ContentDir+"/") && !filepath.IsAbs(p) {
		return slash
	}
	abs, err1 := filepath.Abs(p)
	absSite, err2 := filepath.Abs(site)
	if err1 != nil || err2 != nil {
		return p
	}
	rel, err := filepath.Rel(absSite, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	return filepath.ToSlash(rel)
}
