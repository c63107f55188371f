package serve_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/serve"
)

func TestOneLinePerRebuild(t *testing.T) {
	fsys := mapFS(siteFiles())
	var log strings.Builder
	at := time.Date(2026, 11, 24, 12, 4, 5, 0, time.UTC)
	srv, _ := newServer(t, fsys, serve.Options{Log: &log, Now: func() time.Time { return at }})
	ctx := context.Background()
	rebuild := func(changed ...string) []string {
		t.Helper()
		log.Reset()
		_, err := srv.Rebuild(ctx, changed)
		require.NoError(t, err)
		return strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n")
	}

	lines := rebuild()
	require.Len(t, lines, 1)
	assert.Regexp(t, `^12:04:05 built: \d+ pages rendered in \d+ ms; no problems$`, lines[0])

	fsys["content/a.md"].Data = []byte(doc("a", "Second."))
	lines = rebuild("content/a.md")
	require.Len(t, lines, 1)
	assert.Regexp(t, `^12:04:05 content/a.md changed: \d+ pages? rendered in \d+ ms; no problems$`, lines[0])

	fsys["content/a.md"].Data = []byte(broken)
	fsys["content/sec/b.md"].Data = []byte(strings.Replace(doc("b", "Old."), "2026-11-01", "2020-01-01", 1))
	lines = rebuild("content/a.md", "content/sec/b.md")
	require.Len(t, lines, 2, "the line and the one error; not the warning")
	assert.Equal(t, "12:04:05 content/a.md and 1 other file changed: 1 error, 1 warning; showing the last good version", lines[0])
	assert.Regexp(t, `^content/a.md:2:8: error: .+ \[frontmatter-syntax\]$`, lines[1])

	fsys["content/a.md"].Data = []byte(doc("a", "Fixed."))
	lines = rebuild("content/a.md")
	require.Len(t, lines, 1)
	assert.Regexp(t, `^12:04:05 content/a.md changed: \d+ pages? rendered in \d+ ms; 1 warning$`, lines[0])
}

func TestFirstBuildPrintsEveryFinding(t *testing.T) {
	files := siteFiles()
	files["content/a.md"] = broken
	files["content/sec/b.md"] = strings.Replace(doc("b", "Old."), "2026-11-01", "2020-01-01", 1)
	var log strings.Builder
	srv, _ := newServer(t, mapFS(files), serve.Options{Log: &log})
	_, err := srv.Rebuild(context.Background(), nil)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n")
	require.Len(t, lines, 3, log.String())
	assert.Regexp(t, `^\d\d:\d\d:\d\d built: 1 error, 1 warning; nothing to show until they are fixed$`, lines[0])
	assert.Contains(t, lines[1], "content/a.md:2:8: error:")
	assert.Contains(t, lines[2], "content/sec/b.md")
	assert.Contains(t, lines[2], "[review-overdue]")
}
