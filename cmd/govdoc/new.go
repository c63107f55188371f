package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/scaffold"
	"github.com/govdoc/govdoc/generator/source"
)

// newCmd writes a new document with the site's required metadata and the
// next free Document-ID.
func newCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("govdoc new", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("source", ".", "the site folder (with site.yaml)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: govdoc new [--source DIR] PATH\n\nWrites a new document at PATH, a .md file under content/ of the site, as in\ngovdoc new content/security/0400_access_control.md\n\nFlags:\n")
		fl.PrintDefaults()
	}
	paths, err := parseInterspersed(fl, args)
	if err != nil {
		return flagsExit(err)
	}
	if len(paths) != 1 {
		fmt.Fprintf(stderr, "govdoc new: want one path, as in govdoc new content/security/0400_access_control.md\n")
		return exitUsage
	}
	root, err := os.OpenRoot(*src)
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
		fmt.Fprintf(stderr, "govdoc new: %s: %v\n", *src, err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "govdoc new: %v\n", err)
		return exitUsage
	}
	draft, err := scaffold.NewDocument(fsys, res.Site, sitePath(*src, paths[0]), time.Now())
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
