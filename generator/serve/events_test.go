package serve_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/serve"
)

// sse is one message of an event stream; a comment has the name ":".
type sse struct {
	name, data string
}

// stream is an open event stream, read in the background.
type stream struct {
	res    *http.Response
	events chan sse
	cancel context.CancelFunc
}

// testServer serves a handler until the test ends, after its streams.
func testServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

// connect opens the event stream of a test server.
func connect(t *testing.T, ts *httptest.Server) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+serve.EventsPath, nil)
	require.NoError(t, err)
	res, err := ts.Client().Do(req)
	require.NoError(t, err)
	s := &stream{res: res, events: make(chan sse, 64), cancel: cancel}
	t.Cleanup(func() { cancel(); res.Body.Close() })
	go func() {
		defer close(s.events)
		sc := bufio.NewScanner(res.Body)
		var e sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if e.name != "" {
					s.events <- e
				}
				e = sse{}
			case strings.HasPrefix(line, ":"):
				e.name = ":"
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return s
}

// next returns the next event that is not a comment.
func (s *stream) next(t *testing.T) sse {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case e, ok := <-s.events:
			require.True(t, ok, "the stream ended")
			if e.name != ":" {
				return e
			}
		case <-timeout:
			require.FailNow(t, "no event within 5s")
		}
	}
}

func buildOf(t *testing.T, e sse) string {
	t.Helper()
	var d struct{ Build string }
	require.NoError(t, json.Unmarshal([]byte(e.data), &d), e.data)
	require.NotEmpty(t, d.Build)
	return d.Build
}

func findingsOf(t *testing.T, e sse) []finding.Finding {
	t.Helper()
	var d struct{ Findings []finding.Finding }
	require.NoError(t, json.Unmarshal([]byte(e.data), &d), e.data)
	return d.Findings
}

func TestEventsTellPagesWhatChanged(t *testing.T) {
	fsys := mapFS(siteFiles())
	srv, _ := built(t, fsys)
	ts := testServer(t, srv)
	ctx := context.Background()
	rebuild := func(file, text string) {
		t.Helper()
		fsys[file].Data = []byte(text)
		_, err := srv.Rebuild(ctx, []string{file})
		require.NoError(t, err)
	}

	first := connect(t, ts)
	assert.Equal(t, "text/event-stream", first.res.Header.Get("Content-Type"))
	assert.Equal(t, "no-cache", first.res.Header.Get("Cache-Control"))
	hello := first.next(t)
	require.Equal(t, "hello", hello.name)
	assert.Equal(t, servedBuild(t, srv, "/a/"), buildOf(t, hello), "a page names the build it was served from")

	rebuild("content/a.md", doc("a", "Second text."))
	reload := first.next(t)
	assert.Equal(t, "reload", reload.name, "a good change reloads")
	assert.NotEqual(t, buildOf(t, hello), buildOf(t, reload))

	rebuild("static/extra.css", "body { color: navy; }\n")
	assert.Equal(t, "css", first.next(t).name, "a stylesheet change swaps styles")

	rebuild("content/a.md", broken)
	errs := first.next(t)
	require.Equal(t, "errors", errs.name, "a bad change shows errors")
	f := findingsOf(t, errs)
	require.Len(t, f, 1)
	assert.Equal(t, finding.Finding{Rule: "frontmatter-syntax", Severity: finding.Error,
		Position: finding.Position{File: "content/a.md", Line: 2, Column: 8}, Message: f[0].Message}, f[0])
	assert.NotEmpty(t, f[0].Message)

	late := connect(t, ts)
	lateHello := late.next(t)
	assert.Equal(t, "hello", lateHello.name)
	assert.Equal(t, buildOf(t, reload) != buildOf(t, lateHello), true, "the css change made a new build")
	assert.Equal(t, errs, late.next(t), "a page that connects while the site is broken gets the errors at once")

	rebuild("content/a.md", doc("a", "Third text."))
	assert.Equal(t, "ok", first.next(t).name, "fixing it hides the errors")
	assert.Equal(t, "ok", late.next(t).name)

	again := connect(t, ts)
	assert.Equal(t, "hello", again.next(t).name)

	// A rebuild that changed nothing says nothing: the next event is the
	// reload of the change after it, which names the build the page now
	// comes from. An event for the rebuild in between would come first,
	// and name another build or none.
	u, err := srv.Rebuild(ctx, nil)
	require.NoError(t, err)
	require.Empty(t, u.Changed, "nothing changed")
	require.Empty(t, u.Removed, "nothing changed")
	rebuild("content/sec/b.md", doc("b", "Other bee text."))
	build := servedBuild(t, srv, "/sec/b/")
	for _, s := range []*stream{first, late, again} {
		e := s.next(t)
		assert.Equal(t, "reload", e.name, "no errors once fixed, nothing for the rebuild that changed nothing")
		assert.Equal(t, build, buildOf(t, e), "the reload names the build of the change")
	}
}

// servedBuild is the build a page was served from.
func servedBuild(t *testing.T, h http.Handler, target string) string {
	t.Helper()
	served := regexp.MustCompile(`data-build="([^"]+)"`).FindStringSubmatch(body(t, get(t, h, http.MethodGet, target)))
	require.Len(t, served, 2, "%s names its build", target)
	return served[1]
}

// TestUnchangedOutputSendsNothing rebuilds without changing a page: after
// a save of a file as it was, or of a comment in site.yaml, open pages are
// told nothing; the next event they get is the reload of a real change.
func TestUnchangedOutputSendsNothing(t *testing.T) {
	fsys := mapFS(siteFiles())
	srv, _ := built(t, fsys)
	ts := testServer(t, srv)
	s := connect(t, ts)
	hello := s.next(t)
	require.Equal(t, "hello", hello.name)
	ctx := context.Background()

	for _, step := range []struct {
		file, text string
	}{
		{"", ""}, // rebuild everything
		{"content/a.md", doc("a", "First text.")}, // saved as it was
		{"site.yaml", "# a new comment\n" + siteYAML},
	} {
		changed := []string(nil)
		if step.file != "" {
			fsys[step.file].Data = []byte(step.text)
			changed = []string{step.file}
		}
		u, err := srv.Rebuild(ctx, changed)
		require.NoError(t, err)
		require.False(t, u.Failed(), "%v", u.Result.Findings)
		require.Empty(t, u.Changed, "%v: no output changed", changed)
		require.Empty(t, u.Removed, "%v: no output changed", changed)
		assert.Equal(t, buildOf(t, hello), servedBuild(t, srv, "/a/"), "%v: pages are still those of the first build", changed)
	}

	fsys["content/a.md"].Data = []byte(doc("a", "Changed text."))
	_, err := srv.Rebuild(ctx, []string{"content/a.md"})
	require.NoError(t, err)
	e := s.next(t)
	assert.Equal(t, "reload", e.name, "the first event after the hello is the real change's")
	assert.Equal(t, servedBuild(t, srv, "/a/"), buildOf(t, e))
	assert.NotEqual(t, buildOf(t, hello), buildOf(t, e))
}

func TestBrokenAfterBrokenSendsTheNewErrors(t *testing.T) {
	fsys := mapFS(siteFiles())
	srv, _ := built(t, fsys)
	ts := testServer(t, srv)
	s := connect(t, ts)
	require.Equal(t, "hello", s.next(t).name)

	fsys["content/a.md"].Data = []byte(broken)
	_, err := srv.Rebuild(context.Background(), []string{"content/a.md"})
	require.NoError(t, err)
	assert.Equal(t, "content/a.md", findingsOf(t, s.next(t))[0].File)

	fsys["content/a.md"].Data = []byte(doc("a", "Fine."))
	fsys["content/sec/b.md"].Data = []byte(broken)
	_, err = srv.Rebuild(context.Background(), []string{"content/a.md", "content/sec/b.md"})
	require.NoError(t, err)
	e := s.next(t)
	assert.Equal(t, "errors", e.name)
	assert.Equal(t, "content/sec/b.md", findingsOf(t, e)[0].File)
}

func TestEventStreamKeepsAlive(t *testing.T) {
	srv, _ := newServer(t, mapFS(siteFiles()), serve.Options{KeepAlive: 10 * time.Millisecond})
	ts := testServer(t, srv)
	s := connect(t, ts)
	for range 2 {
		select {
		case e := <-s.events:
			if e.name == ":" {
				return
			}
		case <-time.After(5 * time.Second):
			require.FailNow(t, "no keep-alive comment")
		}
	}
	require.Fail(t, "no keep-alive comment after hello")
}

func TestEventStreamEndsOnClose(t *testing.T) {
	srv, _ := built(t, mapFS(siteFiles()))
	ts := testServer(t, srv)
	s := connect(t, ts)
	require.Equal(t, "hello", s.next(t).name)
	srv.Close()
	select {
	case _, ok := <-s.events:
		assert.False(t, ok, "the stream ends")
	case <-time.After(5 * time.Second):
		require.FailNow(t, "the stream did not end")
	}

	res, err := ts.Client().Get(ts.URL + serve.EventsPath)
	require.NoError(t, err)
	assert.Empty(t, strings.TrimPrefix(body(t, res), "retry: 1000\n\n"), "a closed server streams nothing")
}
