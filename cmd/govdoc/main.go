// Command govdoc builds a governance handbook kept as Markdown into a static
// site, and checks it. It parses flags, runs the generator and prints; the
// work is done in the generator packages.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/finding"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3".
var version = ""

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1 // the site has errors
	exitUsage    = 2 // govdoc could not run: bad flags, no or unreadable site.yaml
)

const usage = `govdoc turns a governance handbook kept as Markdown into a static site.

Usage:
  govdoc build   [--source DIR] [--out DIR] [--audience LEVEL]
  govdoc check   [--source DIR] [--format text|json|junit|github|sarif] [--strict] [--external] [--since REV]
  govdoc serve   [--source DIR] [--addr 127.0.0.1:8080] [--audience LEVEL] [--open]
  govdoc init    DIR
  govdoc new     [--source DIR] PATH
  govdoc version

Run "govdoc COMMAND -h" for a command's flags.
`

func main() {
	ctx, stop := signalContext()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// signalContext is cancelled by Ctrl-C or SIGTERM, so a build stops cleanly.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return build(ctx, args[1:], stdout, stderr)
	case "check":
		return check(ctx, args[1:], stdout, stderr)
	case "serve":
		return serveCmd(ctx, args[1:], stdout, stderr)
	case "init":
		return initCmd(ctx, args[1:], stdout, stderr)
	case "new":
		return newCmd(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "govdoc %s\n", Version())
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "govdoc: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// Version is govdoc's version: set at link time, else the module version, else "dev".
func Version() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

func build(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("govdoc build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("source", ".", "the site folder (with site.yaml)")
	out := fl.String("out", "", "the output folder (default: site.yaml output, else public)")
	audience := fl.String("audience", "", "publish documents classified up to this level (default: site.yaml audience)")
	prof := profileFlags(fl)
	if err := fl.Parse(args); err != nil {
		return flagsExit(err)
	}
	if err := prof.start(); err != nil {
		fmt.Fprintf(stderr, "govdoc build: %v\n", err)
		return exitUsage
	}
	defer func() {
		if err := prof.stop(); err != nil {
			fmt.Fprintf(stderr, "govdoc build: %v\n", err)
		}
	}()
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "govdoc build: unexpected argument %q\n", fl.Arg(0))
		return exitUsage
	}
	fsys, closeFS, err := openSite(*src)
	if err != nil {
		fmt.Fprintf(stderr, "govdoc build: %v\n", err)
		return exitUsage
	}
	defer closeFS()
	start := time.Now()
	opts := generator.Options{Source: fsys, Theme: govdoc.Theme, Audience: *audience, Version: Version(), Git: history(ctx, *src)}
	res, dir, err := generator.Publish(ctx, opts, *src, *out)
	if res != nil {
		printFindings(stderr, res.Findings)
	}
	switch {
	case errors.Is(err, generator.ErrFindings):
		fmt.Fprintf(stderr, "govdoc build: %s; %s left unchanged\n", counts(res.Findings), dir)
		return exitFindings
	case errors.Is(err, generator.ErrConfig):
		fmt.Fprintf(stderr, "govdoc build: %s has errors; nothing was built\n", "site.yaml")
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

// flagsExit is the exit code after flags that did not parse: the usage was
// printed, and asking for it with -h or --help is no error.
func flagsExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// openSite opens the site folder so that nothing outside it can be read,
// symlinks included.
func openSite(dir string) (fs.FS, func(), error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	return root.FS(), func() { root.Close() }, nil
}

func printFindings(w io.Writer, findings finding.List) {
	for _, f := range findings {
		fmt.Fprintln(w, f)
	}
}

func counts(findings finding.List) string {
	return fmt.Sprintf("%d error%s, %d warning%s", findings.Errors(), plural(findings.Errors()), findings.Warnings(), plural(findings.Warnings()))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
