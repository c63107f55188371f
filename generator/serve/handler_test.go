package serve_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// traversals try to reach files outside the output: the site's own
// site.yaml, or the system's.
var traversals = []string{
	"/../site.yaml",
	"/%2e%2e/site.yaml",
	"/%2e%2e/x",
	"/a/..%2f..%2fetc/passwd",
	"/a/..%2F..%2Fsite.yaml",
	"/%2F",
	"/%2fetc/passwd",
	"/..\\x",
	"/..%5csite.yaml",
	"/governance/../../",
	"/sec/../../site.yaml",
	"/a/%00/index.html",
	"/../../../../etc/passwd",
}

func TestTraversalIsRefused(t *testing.T) {
	srv, _ := built(t, mapFS(siteFiles()))
	refused := func(t *testing.T, target string, status int, text string) {
		t.Helper()
		assert.Contains(t, []int{http.StatusBadRequest, http.StatusNotFound}, status, "%s answered %d", target, status)
		assert.NotContains(t, text, secret, "%s served site.yaml", target)
		assert.NotContains(t, text, "root:", "%s served /etc/passwd", target)
		assert.NotContains(t, text, "Title a", "%s served a page", target)
	}
	t.Run("handler", func(t *testing.T) {
		for _, target := range traversals {
			res := get(t, srv, http.MethodGet, target)
			refused(t, target, res.StatusCode, body(t, res))
		}
	})
	// Through a real server, with the request line exactly as written, so
	// that nothing on the way cleans the path first.
	t.Run("wire", func(t *testing.T) {
		ts := httptest.NewServer(srv)
		defer ts.Close()
		for _, target := range traversals {
			conn, err := net.Dial("tcp", ts.Listener.Addr().String())
			require.NoError(t, err)
			fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", target)
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			require.NoError(t, err, target)
			refused(t, target, res.StatusCode, body(t, res))
			conn.Close()
		}
	})
}

func TestFoldersServeTheirIndex(t *testing.T) {
	srv, session := built(t, mapFS(siteFiles()))
	for target, name := range map[string]string{"/": "index.html", "/index.html": "index.html", "/sec/": "sec/index.html", "/a/": "a/index.html"} {
		res := get(t, srv, http.MethodGet, target)
		assert.Equal(t, http.StatusOK, res.StatusCode, target)
		want, ok := session.File(name)
		require.True(t, ok, name)
		got := body(t, res)
		assert.Equal(t, string(want), strings.Replace(got, scriptTag(got), "", 1), "%s is %s with the script", target, name)
	}

	res := get(t, srv, http.MethodGet, "/sec?x=1")
	assert.Equal(t, http.StatusMovedPermanently, res.StatusCode, "a folder without its slash")
	assert.Equal(t, "/sec/", res.Header.Get("Location"))
}

// scriptTag is the injected tag with the newline after it.
func scriptTag(page string) string {
	i := strings.Index(page, `<script src="/_govdoc/live.js"`)
	if i < 0 {
		return "\x00"
	}
	j := strings.Index(page[i:], "</script>\n")
	return page[i : i+j+len("</script>\n")]
}

func TestContentTypes(t *testing.T) {
	srv, _ := built(t, mapFS(siteFiles()))
	for target, want := range map[string]string{
		"/":                "text/html; charset=utf-8",
		"/a/":              "text/html; charset=utf-8",
		"/css/govdoc.css":  "text/css; charset=utf-8",
		"/extra.css":       "text/css; charset=utf-8",
		"/js/raci.js":      "text/javascript; charset=utf-8",
		"/scorecards.json": "application/json",
		"/sec/data.csv":    "text/csv; charset=utf-8",
		"/logo.svg":        "image/svg+xml",
		"/_govdoc/live.js": "text/javascript; charset=utf-8",
	} {
		res := get(t, srv, http.MethodGet, target)
		assert.Equal(t, http.StatusOK, res.StatusCode, target)
		assert.Equal(t, want, res.Header.Get("Content-Type"), target)
		assert.Equal(t, "no-store", res.Header.Get("Cache-Control"), target)
		assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"), target)
	}
}

func TestMissingPagesGetThe404Page(t *testing.T) {
	srv, session := built(t, mapFS(siteFiles()))
	page, ok := session.File("404.html")
	require.True(t, ok)
	for _, target := range []string{"/nope", "/nope/", "/sec/nope.html", "/_govdoc/nope"} {
		res := get(t, srv, http.MethodGet, target)
		assert.Equal(t, http.StatusNotFound, res.StatusCode, target)
		got := body(t, res)
		assert.Equal(t, string(page), strings.Replace(got, scriptTag(got), "", 1), target)
		assert.Equal(t, 1, countScripts(got), "the 404 page reloads too")
	}
}

func TestScriptIsInjectedIntoHTMLOnly(t *testing.T) {
	srv, session := built(t, mapFS(siteFiles()))
	page := body(t, get(t, srv, http.MethodGet, "/a/"))
	assert.Equal(t, 1, countScripts(page))
	assert.Contains(t, page, "</script>\n</body>", "the script comes right before </body>")
	assert.Regexp(t, `<script src="/_govdoc/live.js" data-build="[0-9a-f]+\.\d+"></script>`, page)

	for _, name := range []string{"css/govdoc.css", "scorecards.json", "sec/data.csv", "js/raci.js"} {
		want, ok := session.File(name)
		require.True(t, ok, name)
		assert.Equal(t, string(want), body(t, get(t, srv, http.MethodGet, "/"+name)), "%s is served as built", name)
	}

	script := body(t, get(t, srv, http.MethodGet, "/_govdoc/live.js"))
	assert.Contains(t, script, `new EventSource("/_govdoc/events")`)
	assert.NotContains(t, script, "http", "the script loads nothing from the network")
}

func TestMethods(t *testing.T) {
	srv, _ := built(t, mapFS(siteFiles()))
	res := get(t, srv, http.MethodHead, "/a/")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.NotEmpty(t, res.Header.Get("Content-Length"))
	assert.Empty(t, body(t, res))

	res = get(t, srv, http.MethodPost, "/a/")
	assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
	assert.Equal(t, "GET, HEAD", res.Header.Get("Allow"))
}

func TestErrorPageUntilTheFirstGoodBuild(t *testing.T) {
	files := siteFiles()
	files["content/a.md"] = broken
	fsys := mapFS(files)
	srv, _ := newServer(t, fsys, testOptions())

	res := get(t, srv, http.MethodGet, "/")
	assert.Equal(t, http.StatusServiceUnavailable, res.StatusCode, "nothing built yet")
	assert.Contains(t, body(t, res), "Building")

	u, err := srv.Rebuild(context.Background(), nil)
	require.NoError(t, err)
	require.True(t, u.Failed())
	for _, target := range []string{"/", "/a/", "/css/govdoc.css"} {
		res = get(t, srv, http.MethodGet, target)
		assert.Equal(t, http.StatusServiceUnavailable, res.StatusCode, target)
		assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
		page := body(t, res)
		assert.Contains(t, page, "The site has errors")
		assert.Contains(t, page, "content/a.md:2:")
		assert.Contains(t, page, "frontmatter-syntax")
		assert.Equal(t, 1, countScripts(page), "the error page reloads when fixed")
	}

	fsys["content/a.md"].Data = []byte(doc("a", "Fixed text."))
	u, err = srv.Rebuild(context.Background(), []string{"content/a.md"})
	require.NoError(t, err)
	require.False(t, u.Failed())
	res = get(t, srv, http.MethodGet, "/a/")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body(t, res), "Fixed text.")
}

func TestSiteYAMLErrorsAreShownLikeOthers(t *testing.T) {
	files := siteFiles()
	files["site.yaml"] = "title: T\ntitel: typo\n"
	srv, _ := newServer(t, mapFS(files), testOptions())
	u, err := srv.Rebuild(context.Background(), nil)
	require.NoError(t, err, "errors in site.yaml are findings of a failed update")
	require.True(t, u.Failed())
	res := get(t, srv, http.MethodGet, "/")
	assert.Equal(t, http.StatusServiceUnavailable, res.StatusCode)
	assert.Contains(t, body(t, res), "site.yaml:2:1")
}

func TestBaseURLPath(t *testing.T) {
	files := siteFiles()
	files["site.yaml"] = siteYAML + "baseURL: https://handbook.example.internal/handbook/\n"
	srv, session := built(t, mapFS(files))

	res := get(t, srv, http.MethodGet, "/")
	assert.Equal(t, http.StatusFound, res.StatusCode)
	assert.Equal(t, "/handbook/", res.Header.Get("Location"))

	want, _ := session.File("sec/index.html")
	got := body(t, get(t, srv, http.MethodGet, "/handbook/sec/"))
	assert.Equal(t, string(want), strings.Replace(got, scriptTag(got), "", 1))
	assert.Equal(t, http.StatusOK, get(t, srv, http.MethodGet, "/handbook/").StatusCode)
	assert.Equal(t, "/handbook/sec/", get(t, srv, http.MethodGet, "/handbook/sec").Header.Get("Location"))
	assert.Equal(t, "/handbook/", get(t, srv, http.MethodGet, "/handbook").Header.Get("Location"))
	assert.Equal(t, http.StatusNotFound, get(t, srv, http.MethodGet, "/sec/").StatusCode, "outside the base path")
}
