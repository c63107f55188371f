package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is an output that a running command writes while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// preview is govdoc serve running in the background.
type preview struct {
	url            string
	stdout, stderr *syncBuffer
	stop           func() int // stops it and returns its exit code
}

// startServe runs govdoc serve on a free loopback port until stop.
func startServe(t *testing.T, args ...string) *preview {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	p := &preview{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), p.stdout, p.stderr)
	}()
	var once sync.Once
	code := -1
	p.stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(10 * time.Second):
				t.Error("govdoc serve did not stop within 10s")
			}
		})
		return code
	}
	t.Cleanup(func() { p.stop() })
	url := regexp.MustCompile(`at (http://(?:127\.0\.0\.1|localhost):\d+/) \(Ctrl-C to stop\)`)
	require.Eventually(t, func() bool {
		select {
		case code = <-done:
			done <- code
			return true
		default:
		}
		return url.MatchString(p.stdout.String())
	}, 10*time.Second, 5*time.Millisecond, "no URL printed")
	m := url.FindStringSubmatch(p.stdout.String())
	require.NotNil(t, m, "stdout: %s\nstderr: %s", p.stdout, p.stderr)
	p.url = m[1]
	return p
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(data)
}

func docWith(text string) string {
	return strings.Replace(good, "# Alpha\n", "# Alpha\n\n"+text+"\n", 1)
}

func TestServePreviewsAndRebuilds(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": docWith("First text.")})
	p := startServe(t, "--source", dir)
	assert.Regexp(t, `(?m)^\d\d:\d\d:\d\d built: \d+ pages rendered in \d+ ms; no problems$`, p.stdout.String())

	status, page := fetch(t, p.url+"a/")
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, page, "First text.")
	assert.Contains(t, page, `<script src="/_govdoc/live.js"`)

	write(t, dir, map[string]string{"content/a.md": docWith("Second text.")})
	require.Eventually(t, func() bool {
		_, page := fetch(t, p.url+"a/")
		return strings.Contains(page, "Second text.")
	}, 10*time.Second, 10*time.Millisecond, "the edit is served")
	// The rebuild is reported once its pages are served: the page may be
	// read before the line is written.
	changed := regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d content/a.md changed: \d+ pages? rendered in \d+ ms; no problems$`)
	require.Eventually(t, func() bool { return changed.MatchString(p.stdout.String()) }, 10*time.Second, 5*time.Millisecond,
		"the rebuild is reported: %s", p.stdout)

	assert.Equal(t, 0, p.stop(), p.stderr.String())
	assert.Contains(t, p.stdout.String(), "govdoc serve: stopped")
	assert.Empty(t, p.stderr.String())
}

func TestServeFirstBuildWithErrorsStillServes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": "---\nOwner: [unclosed\n---\n"})
	p := startServe(t, "--source", dir)
	assert.Contains(t, p.stdout.String(), "content/a.md:2:8: error: ")
	status, page := fetch(t, p.url)
	assert.Equal(t, http.StatusServiceUnavailable, status)
	assert.Contains(t, page, "frontmatter-syntax")

	write(t, dir, map[string]string{"content/a.md": docWith("Fixed text.")})
	require.Eventually(t, func() bool {
		status, page := fetch(t, p.url+"a/")
		return status == http.StatusOK && strings.Contains(page, "Fixed text.")
	}, 10*time.Second, 10*time.Millisecond, "the fix is served")
}

func TestServePortInUse(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	addr := ln.Addr().String()
	code, stdout, stderr := runGovdoc(t, "serve", "--source", dir, "--addr", addr)
	assert.Equal(t, 2, code)
	assert.Equal(t, "govdoc serve: "+addr+" is in use; choose another with --addr\n", stderr)
	assert.Empty(t, stdout)
}

func TestServeCouldNotRunExitsTwo(t *testing.T) {
	code, _, _ := runGovdoc(t, "serve", "--no-such-flag")
	assert.Equal(t, 2, code)

	code, _, stderr := runGovdoc(t, "serve", "extra")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `unexpected argument "extra"`)

	code, _, stderr = runGovdoc(t, "serve", "--source", t.TempDir(), "--addr", "127.0.0.1:0")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "no site.yaml")

	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good})
	code, _, stderr = runGovdoc(t, "serve", "--source", dir, "--addr", "127.0.0.1:0", "--audience", "Secret")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `--audience "Secret" is not one of`)

	code, _, stderr = runGovdoc(t, "serve", "--source", dir, "--addr", "no-such-host.invalid:http")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "govdoc serve: ")
}

func TestServeOpensTheBrowser(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the fake opener is a shell script named xdg-open")
	}
	bin := t.TempDir()
	opened := filepath.Join(bin, "opened")
	script := "#!/bin/sh\necho \"$1\" > " + opened + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755))
	t.Setenv("PATH", bin)

	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good})
	p := startServe(t, "--source", dir, "--open")
	require.Eventually(t, func() bool {
		data, err := os.ReadFile(opened)
		return err == nil && strings.TrimSpace(string(data)) == p.url
	}, 10*time.Second, 10*time.Millisecond, "xdg-open was given the URL")

	t.Setenv("PATH", t.TempDir())
	p = startServe(t, "--source", dir, "--open")
	require.Eventually(t, func() bool {
		return strings.Contains(p.stdout.String(), "govdoc serve: open "+p.url+" in your browser")
	}, 10*time.Second, 10*time.Millisecond, "without an opener, the URL is printed")
}

func TestServeWarnsWhenOtherMachinesCanReachIt(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good})
	p := startServe(t, "--source", dir, "--addr", "0.0.0.0:0")
	assert.Regexp(t, `at http://localhost:\d+/ \(Ctrl-C to stop\)`, p.stdout.String(), "all interfaces are opened as localhost")
	assert.Regexp(t, `^govdoc serve: \S+:\d+ can be reached from other machines, and the preview has no access control\n$`, p.stderr.String())
	status, _ := fetch(t, p.url+"a/")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, 0, p.stop())
}

// firstEvent returns the data of the first event named name on the
// preview's event stream.
func firstEvent(t *testing.T, url, name string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"_govdoc/events", nil)
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	lines := bufio.NewScanner(res.Body)
	for lines.Scan() {
		if lines.Text() == "event: "+name && lines.Scan() {
			return strings.TrimPrefix(lines.Text(), "data: ")
		}
	}
	t.Fatalf("no %s event: %v", name, lines.Err())
	return ""
}

func TestServeShowsABuildThatCouldNotRunAsAFinding(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": docWith("First text.")})
	p := startServe(t, "--source", dir)
	require.NoError(t, os.Remove(filepath.Join(dir, "site.yaml")))
	const says = "site.yaml: error: no site.yaml found: is this a govdoc site? (govdoc init DIR makes one) [read-error]\n"
	require.Eventually(t, func() bool { return strings.Contains(p.stdout.String(), says) }, 10*time.Second, 10*time.Millisecond, "the terminal shows it")
	assert.Regexp(t, `(?m)^\d\d:\d\d:\d\d site.yaml changed: 1 error; showing the last good version\n`+regexp.QuoteMeta(says), p.stdout.String())

	var errs struct {
		Findings []struct{ Rule, Severity, File, Message string }
	}
	require.NoError(t, json.Unmarshal([]byte(firstEvent(t, p.url, "errors")), &errs))
	require.Len(t, errs.Findings, 1, "the pages show it")
	f := errs.Findings[0]
	assert.Equal(t, []string{"read-error", "error", "site.yaml"}, []string{f.Rule, f.Severity, f.File})
	assert.Equal(t, "no site.yaml found: is this a govdoc site? (govdoc init DIR makes one)", f.Message)
	status, page := fetch(t, p.url+"a/")
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, page, "First text.", "the last good version stays")

	write(t, dir, map[string]string{"site.yaml": siteYAML})
	require.Eventually(t, func() bool {
		return strings.Contains(p.stdout.String(), "site.yaml changed: ") && strings.HasSuffix(p.stdout.String(), "; no problems\n")
	}, 10*time.Second, 10*time.Millisecond, "the fix is built")
	assert.Equal(t, 0, p.stop(), p.stderr.String())
	assert.Empty(t, p.stderr.String())
}

func TestThePreviewAcceptsTheHostOfItsAddress(t *testing.T) {
	name, err := os.Hostname()
	require.NoError(t, err)
	assert.Equal(t, []string{"docs.example.internal"}, previewHosts("docs.example.internal:8080"))
	assert.Equal(t, []string{"127.0.0.1"}, previewHosts("127.0.0.1:8080"))
	assert.Equal(t, []string{name}, previewHosts(":8080"), "every interface: the machine's name")
	assert.Equal(t, []string{name}, previewHosts("0.0.0.0:8080"))
	assert.Equal(t, []string{name}, previewHosts("[::]:8080"))
}
