// Command govdoc builds a governance handbook kept as Markdown into a static
// site, and checks it. It parses flags, runs the generator and prints; the
// work is done in the generator packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

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

func main() {
	// A soft memory limit, unless GOMEMLIMIT sets one (see limitMemory).
	unlimit := limitMemory(os.Getenv)
	ctx, stop := signalContext()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	unlimit()
	os.Exit(code)
}

// signalContext is cancelled by Ctrl-C or SIGTERM, so a build stops cleanly.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// run runs the command line args and returns the exit code. Help goes to
// stdout; problems go to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr, os.Getenv)
	root.SetArgs(append([]string{}, args...)) // never nil: cobra would read os.Args
	cmd, err := root.ExecuteContextC(ctx)
	var status exitStatus
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &status):
		return int(status) // the command has said what went wrong
	}
	// Cobra's own errors: an unknown command or flag, a wrong number of
	// arguments. They are about how govdoc was called.
	if cmd == nil {
		cmd = root
	}
	fmt.Fprintf(stderr, "%s: %s\n", cmd.CommandPath(), err)
	fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
	return exitUsage
}

// newRoot is the govdoc command with its subcommands, writing to stdout and
// stderr and reading the environment with getenv.
func newRoot(stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	g := &globals{getenv: getenv}
	root := &cobra.Command{
		Use:   "govdoc",
		Short: "Build a governance handbook kept as Markdown into a static site, and check it",
		Long: `govdoc turns a governance handbook kept as Markdown into a static site, and
checks it: metadata, references, links, responsibility matrices, scorecards.

Exit status: 0 when all went well, 1 when the site has errors, 2 when govdoc
could not run (bad flags, no or invalid site.yaml).`,
		Example: `  govdoc init handbook && cd handbook
  govdoc serve
  govdoc check --strict
  govdoc build --audience Public --out public-site`,
		Version:                    Version(),
		SilenceErrors:              true, // run prints them, and chooses the exit code
		SilenceUsage:               true, // a failed build is no reason to show the flags
		SuggestionsMinimumDistance: 2,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetVersionTemplate("govdoc {{.Version}}\n")
	root.SetFlagErrorFunc(flagError)
	root.PersistentFlags().StringVar(&g.now, "now", "", "take `DATE` (YYYY-MM-DD) for today (default: $SOURCE_DATE_EPOCH, else the clock)")
	root.Flags().BoolP("version", "v", false, "print govdoc's version")
	root.SetHelpCommand(helpCommand())
	root.AddCommand(buildCommand(g), checkCommand(g), serveCommand(g), pdfCommand(g), initCommand(g), newCommand(g), versionCommand())
	return root
}

func versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print govdoc's version",
		Args:  noArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintf(cmd.OutOrStdout(), "govdoc %s\n", Version())
		},
	}
}

// helpCommand is cobra's help command, except that a command it does not
// know is an error, with the commands spelled like it.
func helpCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help prints a command's help, as govdoc COMMAND --help does.",
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			parent, _, err := cmd.Root().Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []cobra.Completion
			for _, c := range parent.Commands() {
				if c.IsAvailableCommand() && strings.HasPrefix(c.Name(), toComplete) {
					names = append(names, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			target, _, err := cmd.Root().Find(args)
			if err != nil {
				return err
			}
			target.InitDefaultHelpFlag()
			target.InitDefaultVersionFlag()
			return target.Help()
		},
	}
}

// exitStatus is the error of a command that has said what went wrong: run
// exits with it and prints nothing more.
type exitStatus int

func (e exitStatus) Error() string { return "exit status " + strconv.Itoa(int(e)) }

// globals are the flags and environment that every command shares.
type globals struct {
	now    string
	getenv func(string) string
}

// action is a command's work. It prints what it did and what went wrong,
// and returns the exit code. today is the date of --now or
// SOURCE_DATE_EPOCH, or zero for the clock's.
type action func(ctx context.Context, args []string, today time.Time, stdout, stderr io.Writer) int

// runE turns an action into cobra's RunE.
func (g *globals) runE(do action) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		today, err := fixedDate(g.now, g.getenv("SOURCE_DATE_EPOCH"))
		if err != nil {
			fmt.Fprintf(cmd.ErrOrStderr(), "%s: %v\n", cmd.CommandPath(), err)
			return exitStatus(exitUsage)
		}
		if code := do(cmd.Context(), args, today, cmd.OutOrStdout(), cmd.ErrOrStderr()); code != exitOK {
			return exitStatus(code)
		}
		return nil
	}
}

// noArgs accepts no positional arguments.
func noArgs(cmd *cobra.Command, args []string) error {
	if cobra.NoArgs(cmd, args) != nil {
		return fmt.Errorf("unexpected argument %q", args[0])
	}
	return nil
}

// exactlyOne accepts one positional argument, and otherwise says what it
// should be.
func exactlyOne(want string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if cobra.ExactArgs(1)(cmd, args) != nil {
			return errors.New(want)
		}
		return nil
	}
}

// Version is govdoc's version: set at link time, else the module version,
// else the commit it was built from, else "dev".
func Version() string {
	info, _ := debug.ReadBuildInfo()
	return versionOf(version, info)
}

// versionOf is the version of a binary linked with the version linked (""
// when none) and built as info says (nil when unknown): the linked version,
// else the module version (go install ...@v1.2.3), else the commit's first
// 12 digits, with -dirty when the working tree had changes, and its date.
func versionOf(linked string, info *debug.BuildInfo) string {
	if linked != "" {
		return linked
	}
	if info == nil {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, date string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			date = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	if date != "" {
		rev += " (" + date + ")"
	}
	return rev
}

// fixedDate is the day that --now (flag) or else SOURCE_DATE_EPOCH (env,
// Unix seconds, the reproducible-builds convention) names, at midnight UTC;
// zero when neither is set.
func fixedDate(flag, env string) (time.Time, error) {
	if flag != "" {
		t, err := time.Parse(time.DateOnly, flag)
		if err != nil {
			return time.Time{}, fmt.Errorf("--now %q is not a date: write YYYY-MM-DD", flag)
		}
		return t, nil
	}
	if env == "" {
		return time.Time{}, nil
	}
	secs, err := strconv.ParseInt(env, 10, 64)
	if err != nil || secs < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a Unix time: write whole seconds since 1970-01-01 UTC", env)
	}
	y, m, d := time.Unix(secs, 0).UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
}

// orToday is date, or the clock's date when date is zero.
func orToday(date time.Time) time.Time {
	if date.IsZero() {
		return time.Now()
	}
	return date
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

// levels lists site.yaml's classification levels for a message.
func levels(l []string) string { return strings.Join(l, ", ") }
