// Package testtool finds the programs besides Go that tests run: git, a
// headless Chromium, poppler's pdftotext. A test that needs one skips when it
// is missing on a developer's machine, but fails in CI (the environment
// variable CI is "true"), so that a green CI run always means these tests ran.
// It does not run the programs.
package testtool

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// InCI reports whether the tests run in CI, where nothing may be skipped for
// want of a program.
func InCI() bool { return os.Getenv("CI") == "true" }

// Need returns the path of the first of names found on PATH. Without any, it
// skips the test, or fails it in CI; install says how to get the program.
func Need(t testing.TB, install string, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("%s not on PATH; install it: %s", strings.Join(names, " or "), install)
	if InCI() {
		t.Fatal(msg + "; CI runs every test")
	}
	t.Skip(msg)
	return ""
}

// Git returns the path of git, as Need does.
func Git(t testing.TB) string {
	t.Helper()
	return Need(t, "apt-get install git", "git")
}
