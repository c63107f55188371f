package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeBlock returns the lines of the first sh block under the README
// heading, without comments.
func readmeBlock(t *testing.T, heading string) []string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	text := string(data)
	i := strings.Index(text, "\n"+heading+"\n")
	require.GreaterOrEqual(t, i, 0, "the README has no heading %q", heading)
	text = text[i:]
	start := strings.Index(text, "```sh\n")
	require.GreaterOrEqual(t, start, 0, "no sh block under %q", heading)
	text = text[start+len("```sh\n"):]
	text = text[:strings.Index(text, "```")]
	var lines []string
	for line := range strings.SplitSeq(strings.TrimSpace(text), "\n") {
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		lines = append(lines, strings.TrimSpace(line))
	}
	return lines
}

// TestTheReadmeQuickStartWorksAsWritten installs govdoc as the README's
// Install section says, then runs the lines of "Your own handbook" in a
// shell in an empty folder, as a new user pastes them. The preview, the
// last line, is asked for its home page and stopped with Ctrl-C.
func TestTheReadmeQuickStartWorksAsWritten(t *testing.T) {
	if testing.Short() {
		t.Skip("installs govdoc with the go command")
	}
	install := readmeBlock(t, "## Install")
	require.Equal(t, []string{"go install ./cmd/govdoc", "govdoc --version"}, install)
	bin := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	goInstall := exec.CommandContext(ctx, "sh", "-c", install[0])
	goInstall.Dir = "../.."
	goInstall.Env = append(os.Environ(), "GOBIN="+bin)
	out, err := goInstall.CombinedOutput()
	require.NoError(t, err, "%s", out)
	env := append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))

	version := exec.CommandContext(ctx, "sh", "-c", install[1])
	version.Env = env
	out, err = version.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Regexp(t, `^govdoc \S+\n$`, string(out))

	lines := readmeBlock(t, "## Your own handbook")
	require.Equal(t, "govdoc serve", lines[len(lines)-1], "the preview comes last, as it runs until stopped")
	dir := t.TempDir()
	script := "set -e\n" + strings.Join(lines[:len(lines)-1], "\n") + "\n" +
		// The README's address may be taken here: the preview gets a free port.
		"exec govdoc serve --addr 127.0.0.1:0\n"
	shell := exec.CommandContext(ctx, "bash", "-c", script)
	shell.Dir = dir
	shell.Env = env
	stdout, err := shell.StdoutPipe()
	require.NoError(t, err)
	var stderr strings.Builder
	shell.Stderr = &stderr
	require.NoError(t, shell.Start())
	defer func() { _ = shell.Process.Kill() }()

	var seen strings.Builder
	url := ""
	lineRE := regexp.MustCompile(`previewing \S+ at (http://\S+) `)
	scan := bufio.NewScanner(stdout)
	for url == "" && scan.Scan() {
		seen.WriteString(scan.Text() + "\n")
		if m := lineRE.FindStringSubmatch(scan.Text()); m != nil {
			url = m[1]
		}
	}
	require.NotEmpty(t, url, "the preview never started\nstdout:\n%s\nstderr:\n%s", seen.String(), stderr.String())
	assert.Contains(t, seen.String(), "govdoc build: ", "the build line ran")
	assert.FileExists(t, filepath.Join(dir, "handbook", "content", "security", "0400_access_control.md"))
	assert.FileExists(t, filepath.Join(dir, "handbook", "public", "index.html"))

	resp, err := http.Get(url)
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(page), "<html")

	require.NoError(t, shell.Process.Signal(syscall.SIGINT))
	rest, _ := io.ReadAll(stdout)
	require.NoError(t, shell.Wait(), "the preview stops cleanly on Ctrl-C\n%s\n%s", rest, stderr.String())
	assert.Contains(t, string(rest), "govdoc serve: stopped")
}
