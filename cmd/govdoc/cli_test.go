package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testEpoch is SOURCE_DATE_EPOCH for every test (see TestMain): the day
// testToday, at noon UTC.
const (
	testEpoch = "1796126400"
	testToday = "2026-12-01"
)

func TestTheTestsRunOnAFixedDay(t *testing.T) {
	day, err := fixedDate("", testEpoch)
	require.NoError(t, err)
	assert.Equal(t, testToday, day.Format(time.DateOnly))
	assert.Equal(t, testEpoch, os.Getenv("SOURCE_DATE_EPOCH"))
}

const buildHelp = `Build reads the site in --source and writes it to --out. It reports the same
problems as check, and publishes nothing when there is an error: the previous
output stays as it was. Otherwise the new site takes the previous one's place
in one step; the previous one is moved beside it (to .public.old-N for an
output folder public) and removed in the background, by this build or, if it
exits first, by the next.

Usage:
  govdoc build [flags]

Examples:
  govdoc build
  govdoc build --source handbook --out /srv/www/handbook --audience Public

Flags:
      --audience LEVEL    publish the documents classified up to LEVEL (default: site.yaml's audience)
      --cache DIR         keep the site's caches in DIR (default: a folder per site in the user cache folder)
      --cpuprofile FILE   write a CPU profile of the run to FILE (for go tool pprof)
  -h, --help              help for build
      --memprofile FILE   write an allocation profile of the run to FILE (for go tool pprof)
      --no-cache          use no cache: compute everything afresh, keep nothing
      --out DIR           write the site to DIR (default: site.yaml's output, else public)
      --source DIR        read the site from DIR, the folder with site.yaml (default ".")

Global Flags:
      --now DATE   take DATE (YYYY-MM-DD) for today (default: $SOURCE_DATE_EPOCH, else the clock)
`

func TestCommandHelpGoesToStdoutAndExitsZero(t *testing.T) {
	for _, args := range [][]string{{"build", "--help"}, {"build", "-h"}, {"help", "build"}} {
		code, stdout, stderr := runGovdoc(t, args...)
		assert.Equal(t, 0, code, args)
		assert.Equal(t, buildHelp, stdout, args)
		assert.Empty(t, stderr, args)
	}
	for _, cmd := range []string{"check", "serve", "init", "new", "version", "completion"} {
		for _, args := range [][]string{{cmd, "--help"}, {cmd, "-h"}, {"help", cmd}} {
			code, stdout, stderr := runGovdoc(t, args...)
			assert.Equal(t, 0, code, args)
			assert.Contains(t, stdout, "\nUsage:\n  govdoc "+cmd, args)
			assert.Contains(t, stdout, "  -h, --help ", args)
			assert.Empty(t, stderr, args)
		}
	}
	_, stdout, _ := runGovdoc(t, "check", "--help")
	for _, flag := range []string{"--source DIR", "--format FORMAT", "--strict", "--external", "--cache DIR", "--no-cache", "--since REV", "--audience LEVEL", "--cpuprofile FILE", "--memprofile FILE", "--now DATE"} {
		assert.Contains(t, stdout, "\n      "+flag+" ", "check has %s", flag)
	}
	_, stdout, _ = runGovdoc(t, "serve", "--help")
	for _, flag := range []string{"--source DIR", "--addr HOST:PORT", "--audience LEVEL", "--open", "--cache DIR", "--no-cache"} {
		assert.Contains(t, stdout, "\n      "+flag+" ", "serve has %s", flag)
	}
	_, stdout, _ = runGovdoc(t, "new", "--help")
	assert.Contains(t, stdout, "Usage:\n  govdoc new PATH [flags]\n")
	_, stdout, _ = runGovdoc(t, "init", "--help")
	assert.Contains(t, stdout, "Usage:\n  govdoc init DIR [flags]\n")
}

const rootHelp = `govdoc turns a governance handbook kept as Markdown into a static site, and
checks it: metadata, references, links, responsibility matrices, scorecards.

Exit status: 0 when all went well, 1 when the site has errors, 2 when govdoc
could not run (bad flags, no or invalid site.yaml).

Usage:
  govdoc [command]

Examples:
  govdoc init handbook && cd handbook
  govdoc serve
  govdoc check --strict
  govdoc build --audience Public --out public-site

Available Commands:
  build       Build the site into a folder
  check       Report every problem of the site, writing nothing
  completion  Generate the autocompletion script for the specified shell
  help        Help about any command
  init        Write a new handbook into a folder
  new         Write a new document with the site's metadata and the next free ID
  pdf         Print each document, and the whole handbook, to PDF
  serve       Preview the site, rebuilt as you save
  version     Print govdoc's version

Flags:
  -h, --help       help for govdoc
      --now DATE   take DATE (YYYY-MM-DD) for today (default: $SOURCE_DATE_EPOCH, else the clock)
  -v, --version    print govdoc's version

Use "govdoc [command] --help" for more information about a command.
`

// Without a command, govdoc prints its help and exits 0, as cobra's
// commands do (kubectl, hugo's subcommands).
func TestUsageListsEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {}} {
		code, stdout, stderr := runGovdoc(t, args...)
		assert.Equal(t, 0, code, args)
		assert.Equal(t, rootHelp, stdout, args)
		assert.Empty(t, stderr, args)
	}
}

func TestAMistypedCommandSuggestsTheRightOne(t *testing.T) {
	code, stdout, stderr := runGovdoc(t, "biuld")
	assert.Equal(t, 2, code)
	assert.Empty(t, stdout)
	assert.Equal(t, "govdoc: unknown command \"biuld\" for \"govdoc\"\n\nDid you mean this?\n\tbuild\n\nRun 'govdoc --help' for usage.\n", stderr)

	code, stdout, stderr = runGovdoc(t, "help", "chekc")
	assert.Equal(t, 2, code)
	assert.Empty(t, stdout)
	assert.Equal(t, "govdoc help: unknown command \"chekc\" for \"govdoc\"\n\nDid you mean this?\n\tcheck\n\nRun 'govdoc help --help' for usage.\n", stderr)

	code, _, stderr = runGovdoc(t, "preview")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "Did you mean this?\n\tserve\n")

	code, _, stderr = runGovdoc(t, "frobnicate")
	assert.Equal(t, 2, code)
	assert.Equal(t, "govdoc: unknown command \"frobnicate\" for \"govdoc\"\nRun 'govdoc --help' for usage.\n", stderr)
}

func TestAMistypedFlagSuggestsTheRightOne(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"build", "--ouput", "x"}, "govdoc build: unknown flag: --ouput\n\nDid you mean this?\n\t--out\n\nRun 'govdoc build --help' for usage.\n"},
		{[]string{"check", "--fromat=json"}, "govdoc check: unknown flag: --fromat\n\nDid you mean this?\n\t--format\n\nRun 'govdoc check --help' for usage.\n"},
		{[]string{"serve", "--adr", "127.0.0.1:0"}, "govdoc serve: unknown flag: --adr\n\nDid you mean this?\n\t--addr\n\nRun 'govdoc serve --help' for usage.\n"},
		{[]string{"check", "--stric"}, "govdoc check: unknown flag: --stric\n\nDid you mean this?\n\t--strict\n\nRun 'govdoc check --help' for usage.\n"},
		{[]string{"new", "--nwo", "2026-01-01", "content/a.md"}, "govdoc new: unknown flag: --nwo\n\nDid you mean this?\n\t--now\n\nRun 'govdoc new --help' for usage.\n"},
		// The one-dash spelling of Go's flag package reads as short flags.
		{[]string{"build", "-audience", "Public"}, "govdoc build: unknown shorthand flag: 'a' in -audience\n\nDid you mean this?\n\t--audience\n\nRun 'govdoc build --help' for usage.\n"},
		{[]string{"check", "-source=."}, "govdoc check: unknown shorthand flag: 's' in -source=.\n\nDid you mean this?\n\t--source\n\nRun 'govdoc check --help' for usage.\n"},
		{[]string{"build", "--no-such-flag"}, "govdoc build: unknown flag: --no-such-flag\nRun 'govdoc build --help' for usage.\n"},
		{[]string{"build", "--out"}, "govdoc build: flag needs an argument: --out\nRun 'govdoc build --help' for usage.\n"},
		{[]string{"check", "--strict=maybe"}, "govdoc check: invalid argument \"maybe\" for \"--strict\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\nRun 'govdoc check --help' for usage.\n"},
	} {
		code, stdout, stderr := runGovdoc(t, tt.args...)
		assert.Equal(t, 2, code, tt.args)
		assert.Empty(t, stdout, tt.args)
		assert.Equal(t, tt.stderr, stderr, tt.args)
	}
}

func TestCompletion(t *testing.T) {
	code, stdout, stderr := runGovdoc(t, "completion", "bash")
	require.Equal(t, 0, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "# bash completion V2 for govdoc "), stdout[:min(len(stdout), 80)])
	assert.Contains(t, stdout, "complete -o default -F __start_govdoc govdoc")
	for shell, says := range map[string]string{"zsh": "#compdef govdoc", "fish": "complete -c govdoc ", "powershell": "Register-ArgumentCompleter"} {
		code, stdout, stderr := runGovdoc(t, "completion", shell)
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, says, shell)
	}
	// What a shell asks for as the user presses Tab after --format.
	code, stdout, _ = runGovdoc(t, "__complete", "check", "--format", "")
	assert.Equal(t, 0, code)
	assert.Equal(t, "text\njson\njunit\ngithub\nsarif\n:4\n", stdout)
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"-v"}} {
		code, stdout, stderr := runGovdoc(t, args...)
		assert.Equal(t, 0, code, args)
		assert.Equal(t, "govdoc "+Version()+"\n", stdout, args)
		assert.Empty(t, stderr, args)
	}
	code, _, stderr := runGovdoc(t, "version", "extra")
	assert.Equal(t, 2, code)
	assert.Equal(t, "govdoc version: unexpected argument \"extra\"\nRun 'govdoc version --help' for usage.\n", stderr)
}

func TestVersionOf(t *testing.T) {
	vcs := func(settings ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/govdoc/govdoc", Version: "(devel)"}}
		for i := 0; i < len(settings); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return info
	}
	const rev = "0123456789abcdef0123456789abcdef01234567"
	for _, tt := range []struct {
		name   string
		linked string
		info   *debug.BuildInfo
		want   string
	}{
		{"linked", "v1.2.3", &debug.BuildInfo{Main: debug.Module{Version: "v1.0.0"}}, "v1.2.3"},
		{"module", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
		{"pseudo-version", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261130100000-0123456789ab+dirty"}}, "v0.0.0-20261130100000-0123456789ab+dirty"},
		{"commit", "", vcs("vcs", "git", "vcs.revision", rev, "vcs.time", "2026-11-30T10:00:00Z", "vcs.modified", "false"), "0123456789ab (2026-11-30T10:00:00Z)"},
		{"dirty commit", "", vcs("vcs.revision", rev, "vcs.time", "2026-11-30T10:00:00Z", "vcs.modified", "true"), "0123456789ab-dirty (2026-11-30T10:00:00Z)"},
		{"commit without a date", "", vcs("vcs.revision", "abc123"), "abc123"},
		{"no commit", "", vcs("vcs.time", "2026-11-30T10:00:00Z"), "dev"},
		{"empty module version", "", &debug.BuildInfo{}, "dev"},
		{"no build information", "", nil, "dev"},
	} {
		assert.Equal(t, tt.want, versionOf(tt.linked, tt.info), tt.name)
	}
}

func TestAnAudienceThatIsNoLevelIsTheFlagsFault(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good})
	const says = `--audience "Secret" is not one of site.yaml's classification levels: Public, Internal, Confidential, Restricted` + "\n"
	for _, cmd := range []string{"build", "check"} {
		code, stdout, stderr := runGovdoc(t, cmd, "--source", dir, "--audience", "Secret")
		assert.Equal(t, 2, code, cmd)
		assert.Empty(t, stdout, cmd)
		assert.Equal(t, "govdoc "+cmd+": "+says, stderr, cmd)
	}
	assert.NoDirExists(t, filepath.Join(dir, "public"))
	code, stdout, stderr := runGovdoc(t, "serve", "--source", dir, "--addr", "127.0.0.1:0", "--audience", "Secret")
	assert.Equal(t, 2, code)
	assert.Empty(t, stdout)
	assert.Equal(t, "govdoc serve: "+says, stderr)

	// A level is any case of one of site.yaml's.
	code, stdout, stderr = runGovdoc(t, "build", "--source", dir, "--audience", "internal")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "govdoc build: 1 document, ")
	// A build that would publish nothing is an error of the site, not of the flag.
	code, stdout, stderr = runGovdoc(t, "build", "--source", dir, "--audience", "public")
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "site.yaml: error: the build for the audience Public would publish no document: all 1 are left out (1 classified above Public or not classified)")
	code, stdout, stderr = runGovdoc(t, "check", "--source", dir, "--audience", "Internal")
	assert.Equal(t, 0, code, stderr)
	assert.Equal(t, "1 document checked: no problems found\n", stdout)

	// Errors in site.yaml are site.yaml's, whatever the audience.
	write(t, dir, map[string]string{"site.yaml": "title: T\ntitel: typo\n"})
	code, _, stderr = runGovdoc(t, "build", "--source", dir, "--audience", "Secret")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "site.yaml:2:1: error: unknown key \"titel\"")
	assert.Contains(t, stderr, "govdoc build: site.yaml has errors; nothing was built\n")
	assert.NotContains(t, stderr, "--audience")
}

// overdue is a document last updated on 2026-11-01: with the default
// review_after of 365 days, its review is overdue from 2027-11-02.
const overdueOn = "2027-11-02"

func TestNowAndSourceDateEpochFixToday(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good})
	const warning = "content/a.md:7:14: warning: last updated 2026-11-01, more than 365 days ago: review the document [review-overdue]\n"

	code, stdout, _ := runGovdoc(t, "check", "--source", dir)
	assert.Equal(t, 0, code)
	assert.Equal(t, "1 document checked: no problems found\n", stdout, "on "+testToday)

	code, stdout, _ = runGovdoc(t, "check", "--source", dir, "--now", overdueOn)
	assert.Equal(t, 0, code)
	assert.Equal(t, warning+"\n1 document checked: 1 warning\n", stdout)
	code, _, _ = runGovdoc(t, "--now", overdueOn, "check", "--source", dir, "--strict")
	assert.Equal(t, 1, code, "--now is a flag of every command, before it too")
	code, stdout, _ = runGovdoc(t, "check", "--source", dir, "--now", "2027-11-01")
	assert.Equal(t, 0, code)
	assert.Equal(t, "1 document checked: no problems found\n", stdout, "the day before")

	t.Setenv("SOURCE_DATE_EPOCH", "1825113599") // 2027-11-01T23:59:59Z: its day is 2027-11-01
	code, stdout, _ = runGovdoc(t, "check", "--source", dir)
	assert.Equal(t, 0, code)
	assert.Equal(t, "1 document checked: no problems found\n", stdout, "the day, not the second")
	t.Setenv("SOURCE_DATE_EPOCH", "1825156800") // 2027-11-02T12:00:00Z
	code, stdout, _ = runGovdoc(t, "check", "--source", dir)
	assert.Equal(t, 0, code)
	assert.Equal(t, warning+"\n1 document checked: 1 warning\n", stdout)
	code, stdout, stderr := runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "0 errors, 1 warning;")
	assert.Equal(t, warning, stderr)
	code, stdout, _ = runGovdoc(t, "check", "--source", dir, "--now", testToday)
	assert.Equal(t, 0, code)
	assert.Equal(t, "1 document checked: no problems found\n", stdout, "--now wins over SOURCE_DATE_EPOCH")

	// new and init write the day as Last Update.
	code, _, stderr = runGovdoc(t, "new", "--source", dir, "--now", "2027-02-28", "content/b.md")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, read(t, filepath.Join(dir, "content/b.md")), "\nLast Update: 2027-02-28\n")
	hb := filepath.Join(t.TempDir(), "hb")
	code, _, stderr = runGovdoc(t, "init", hb)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, read(t, filepath.Join(hb, "site.yaml")), "2027-11-02", "SOURCE_DATE_EPOCH's day is meta.date")

	// An empty SOURCE_DATE_EPOCH is no date: today is the clock's, and a
	// review-overdue warning or none, check passes.
	t.Setenv("SOURCE_DATE_EPOCH", "")
	code, _, stderr = runGovdoc(t, "check", "--source", dir)
	assert.Equal(t, 0, code, stderr)
}

func TestABadNowIsAUsageError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good})
	for _, cmd := range [][]string{{"build", "--source", dir}, {"check", "--source", dir}, {"serve", "--source", dir, "--addr", "127.0.0.1:0"}, {"new", "--source", dir, "content/b.md"}, {"init", filepath.Join(t.TempDir(), "hb")}} {
		for _, now := range []string{"2026-13-01", "01.12.2026", "yesterday", "2026-12-01T00:00:00Z"} {
			code, stdout, stderr := runGovdoc(t, append(cmd, "--now", now)...)
			assert.Equal(t, 2, code, cmd)
			assert.Empty(t, stdout, cmd)
			assert.Equal(t, "govdoc "+cmd[0]+": --now \""+now+"\" is not a date: write YYYY-MM-DD\n", stderr)
		}
		for _, epoch := range []string{"yesterday", "-1", "1.5", "1796083200 "} {
			t.Setenv("SOURCE_DATE_EPOCH", epoch)
			code, stdout, stderr := runGovdoc(t, cmd...)
			assert.Equal(t, 2, code, cmd)
			assert.Empty(t, stdout, cmd)
			assert.Equal(t, "govdoc "+cmd[0]+": SOURCE_DATE_EPOCH \""+epoch+"\" is not a Unix time: write whole seconds since 1970-01-01 UTC\n", stderr)
		}
		t.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	}
	assert.NoFileExists(t, filepath.Join(dir, "content/b.md"))
	assert.NoDirExists(t, filepath.Join(dir, "public"))

	// Commands that need no date do not read it.
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	code, _, stderr := runGovdoc(t, "version")
	assert.Equal(t, 0, code, stderr)
}

func TestFixedDate(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		require.NoError(t, err)
		return d
	}
	for _, tt := range []struct {
		flag, env, want string
	}{
		{"", "", ""},
		{"2027-02-28", "", "2027-02-28"},
		{"2027-02-28", "1796083200", "2027-02-28"},
		{"", "1796083200", "2026-12-01"}, // 2026-12-01T00:00:00Z
		{"", "1796169599", "2026-12-01"}, // 2026-12-01T23:59:59Z
		{"", "0", "1970-01-01"},
	} {
		got, err := fixedDate(tt.flag, tt.env)
		require.NoError(t, err, tt)
		if tt.want == "" {
			assert.True(t, got.IsZero(), tt)
			continue
		}
		assert.Equal(t, day(tt.want), got, tt)
		assert.Equal(t, time.UTC, got.Location(), tt)
	}
}
