package serve_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/serve"
)

// testNow is the date review dates are measured against, so that no
// document of the test sites is ever overdue.
var testNow = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// secret is in site.yaml and nowhere in the output: a response that
// contains it served something outside the output.
const secret = "secret-never-served"

const siteYAML = "# " + secret + "\ntitle: Test Handbook\nmeta: {owner: Office of the CIO}\naudience: Internal\n"

// doc is a document with valid front matter and the given body text.
func doc(id, text string) string {
	return "---\nDocument-ID: " + id + "\nOwner: '{{ meta.owner }}'\nVersion: '1.0'\nStatus: Approved\n" +
		"Classification: Internal\nLast Update: 2026-11-01\n---\n# Title " + id + "\n\n" + text + "\n"
}

// broken is a document whose front matter is not valid YAML on line 2.
const broken = "---\nOwner: [unclosed\n---\n# Broken\n\nBroken text.\n"

// siteFiles is a small site: two documents, a section, data and static files.
func siteFiles() map[string]string {
	return map[string]string{
		"site.yaml":             siteYAML,
		"content/a.md":          doc("a", "First text."),
		"content/sec/_index.md": "---\ntitle: Section\n---\nThe section.\n",
		"content/sec/b.md":      doc("b", "Bee text."),
		"content/sec/data.csv":  "period,metric,value\n",
		"static/logo.svg":       "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n",
		"static/extra.css":      "body { color: black; }\n",
	}
}

// mapFS is a site in memory; tests change it between rebuilds.
func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// newServer returns a server for a site in memory, without building it.
func newServer(t *testing.T, fsys fstest.MapFS, opts serve.Options) (*serve.Server, *generator.Session) {
	t.Helper()
	session := generator.NewSession(generator.Options{Source: fsys, Theme: govdoc.Theme, Version: "test", Now: testNow})
	srv := serve.New(session, opts)
	t.Cleanup(srv.Close)
	return srv, session
}

// built returns a server for a site in memory after a first good build.
func built(t *testing.T, fsys fstest.MapFS) (*serve.Server, *generator.Session) {
	t.Helper()
	srv, session := newServer(t, fsys, serve.Options{})
	u, err := srv.Rebuild(context.Background(), nil)
	require.NoError(t, err)
	require.False(t, u.Failed(), "%v", u.Result.Findings)
	return srv, session
}

// get asks the handler for a request target.
func get(t *testing.T, h http.Handler, method, target string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(method, target, nil)
	req.Host = "localhost:8080" // as a browser on this machine names the preview
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	data, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return string(data)
}

// writeFiles writes files into a folder.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
}

// eventually polls cond every few milliseconds until it holds or 10 seconds
// have passed.
func eventually(t *testing.T, cond func() bool, msg string, args ...any) {
	t.Helper()
	require.Eventually(t, cond, 10*time.Second, 5*time.Millisecond, append([]any{msg}, args...)...)
}

func countScripts(page string) int { return strings.Count(page, `<script src="/_govdoc/live.js"`) }

// testOptions are a server's options for tests that need no log.
func testOptions() serve.Options { return serve.Options{} }
