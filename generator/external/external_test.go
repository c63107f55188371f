package external_test

import (
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/external"
	"github.com/govdoc/govdoc/generator/finding"
)

// fast keeps retries and timeouts short so the whole suite runs in seconds.
func fast() external.Options {
	return external.Options{Timeout: 2 * time.Second, Backoff: time.Millisecond, MaxWait: 100 * time.Millisecond}
}

// waits records the waits before retries that a check asks for, in place
// of Options.After. Each wait ends at once unless hold is set; then the
// first wait never ends by itself, and started is closed when it begins.
type waits struct {
	mu      sync.Mutex
	asked   []time.Duration
	hold    bool
	started chan struct{}
}

func newWaits() *waits { return &waits{started: make(chan struct{})} }

func (w *waits) after(d time.Duration) <-chan time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.asked = append(w.asked, d)
	if w.hold {
		if len(w.asked) == 1 {
			close(w.started)
		}
		return make(chan time.Time)
	}
	ch := make(chan time.Time, 1)
	ch <- time.Time{}
	return ch
}

func (w *waits) get() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.asked)
}

// deadline bounds how long a test waits for something that should happen
// at once; it fails only a check that hangs.
const deadline = 30 * time.Second

// checkAsync runs Check in a goroutine; its result arrives on the channel.
func checkAsync(ctx context.Context, links []external.Link, opts external.Options) <-chan checked {
	ch := make(chan checked, 1)
	go func() {
		got, err := external.Check(ctx, links, opts)
		ch <- checked{got, err}
	}()
	return ch
}

type checked struct {
	findings finding.List
	err      error
}

// await returns what ch receives, or fails the test after deadline.
func await[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(deadline):
		t.Fatalf("%s did not happen within %s", what, deadline)
		var zero T
		return zero
	}
}

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// hits counts the requests a server gets, by method.
type hits struct {
	mu sync.Mutex
	n  map[string]int
}

func (h *hits) add(r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.n == nil {
		h.n = map[string]int{}
	}
	h.n[r.Method+" "+r.URL.RequestURI()]++
}

func (h *hits) get(key string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.n[key]
}

func (h *hits) total() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, v := range h.n {
		n += v
	}
	return n
}

func (h *hits) reset() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.n = nil
}

func at(line int) finding.Position {
	return finding.Position{File: "content/a.md", Line: line, Column: 3}
}

func messages(l finding.List) []string {
	var out []string
	for _, f := range l {
		out = append(out, f.Message)
	}
	return out
}

func TestCheckAnswers(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {})
	mux.Handle("/moved", http.RedirectHandler("/ok", http.StatusMovedPermanently))
	mux.Handle("/moved-gone", http.RedirectHandler("/missing", http.StatusFound))
	mux.Handle("/loop", http.RedirectHandler("/loop", http.StatusFound))
	mux.HandleFunc("/no-head", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	})
	srv := serve(t, mux.ServeHTTP)

	for _, tc := range []struct {
		name, path, want string
	}{
		{"200", "/ok", ""},
		{"301 then 200", "/moved", ""},
		{"HEAD 405 then GET 200", "/no-head", ""},
		{"404", "/missing", " answered 404 Not Found"},
		{"redirect to 404", "/moved-gone", " answered 404 Not Found (redirected to " + srv.URL + "/missing)"},
		{"redirect loop", "/loop", ": more than 10 redirects"},
		{"500 on every retry", "/broken", " answered 500 Internal Server Error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			link := srv.URL + tc.path
			got, err := external.Check(t.Context(), []external.Link{{URL: link, Pos: at(4)}}, fast())
			require.NoError(t, err)
			if tc.want == "" {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, 1)
			assert.Equal(t, finding.Finding{
				Rule: external.Rule, Severity: finding.Error, Position: at(4), Message: link + tc.want,
			}, got[0])
		})
	}
}

func TestHeadRefusedFallsBackToGet(t *testing.T) {
	var h hits
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		_, _ = w.Write(bytes.Repeat([]byte("x"), 1<<20)) // more than is read
	})
	got, err := external.Check(t.Context(), []external.Link{{URL: srv.URL + "/p", Pos: at(1)}}, fast())
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.Equal(t, 1, h.get("HEAD /p"))
	assert.Equal(t, 1, h.get("GET /p"))
}

func TestRetryAfter5xx(t *testing.T) {
	var n atomic.Int64
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusInternalServerError)
		}
	})
	w := newWaits()
	opts := fast()
	opts.Backoff = 400 * time.Millisecond
	opts.MaxWait = time.Minute
	opts.After = w.after
	got, err := external.Check(t.Context(), []external.Link{{URL: srv.URL, Pos: at(1)}}, opts)
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.EqualValues(t, 2, n.Load())
	asked := w.get()
	require.Len(t, asked, 1, "one wait before the one retry")
	assert.GreaterOrEqual(t, asked[0], 200*time.Millisecond, "at least half of Backoff")
	assert.LessOrEqual(t, asked[0], 400*time.Millisecond, "at most Backoff")
}

func TestBackoffDoublesUpToMaxWait(t *testing.T) {
	var n atomic.Int64
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	})
	w := newWaits()
	opts := fast()
	opts.Retries = 4
	opts.Backoff = time.Second
	opts.MaxWait = 3 * time.Second
	opts.After = w.after
	got, err := external.Check(t.Context(), []external.Link{{URL: srv.URL, Pos: at(1)}}, opts)
	require.NoError(t, err)
	assert.Equal(t, []string{srv.URL + " answered 502 Bad Gateway"}, messages(got))
	assert.EqualValues(t, 5, n.Load(), "the first try and four retries")
	asked := w.get()
	require.Len(t, asked, 4)
	// Each wait is between half and all of Backoff doubled per retry,
	// capped at MaxWait.
	for i, full := range []time.Duration{time.Second, 2 * time.Second, 3 * time.Second, 3 * time.Second} {
		assert.GreaterOrEqual(t, asked[i], full/2, "wait %d", i)
		assert.LessOrEqual(t, asked[i], full, "wait %d", i)
	}
}

func TestRetriesDisabled(t *testing.T) {
	var n atomic.Int64
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	})
	opts := fast()
	opts.Retries = -1
	got, err := external.Check(t.Context(), []external.Link{{URL: srv.URL, Pos: at(1)}}, opts)
	require.NoError(t, err)
	assert.Equal(t, []string{srv.URL + " answered 502 Bad Gateway"}, messages(got))
	assert.EqualValues(t, 1, n.Load())
}

func TestRetryAfterHeaderIsHonouredUpToMaxWait(t *testing.T) {
	for _, tc := range []struct {
		name       string
		retryAfter string
		maxWait    time.Duration
		want       time.Duration
	}{
		{"seconds", "2", time.Minute, 2 * time.Second},
		{"seconds capped", "120", time.Minute, time.Minute},
		{"HTTP date", "Sun, 01 Nov 2026 12:00:05 GMT", time.Minute, 5 * time.Second},
		{"HTTP date capped", "Sun, 01 Nov 2026 13:00:00 GMT", time.Minute, time.Minute},
		{"HTTP date past", "Sun, 01 Nov 2026 11:00:00 GMT", time.Minute, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int64
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					w.Header().Set("Retry-After", tc.retryAfter)
					w.WriteHeader(http.StatusTooManyRequests)
				}
			})
			w := newWaits()
			opts := fast()
			opts.Backoff = time.Millisecond
			opts.MaxWait = tc.maxWait
			opts.After = w.after
			opts.Now = func() time.Time { return time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC) }
			got, err := external.Check(t.Context(), []external.Link{{URL: srv.URL, Pos: at(1)}}, opts)
			require.NoError(t, err)
			assert.Empty(t, got)
			assert.EqualValues(t, 2, n.Load())
			assert.Equal(t, []time.Duration{tc.want}, w.get(), "waited as Retry-After said, not Backoff, up to MaxWait")
		})
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	opts := fast()
	opts.Timeout = 100 * time.Millisecond
	opts.Retries = 1
	got, err := external.Check(t.Context(), []external.Link{{URL: srv.URL + "/slow", Pos: at(1)}}, opts)
	require.NoError(t, err)
	assert.Equal(t, []string{srv.URL + "/slow: timed out after 100ms"}, messages(got))
}

func TestTLS(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the failed handshake is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	links := []external.Link{{URL: srv.URL, Pos: at(1)}}

	// The default client does not trust the test server's certificate.
	got, err := external.Check(t.Context(), links, fast())
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, srv.URL+": TLS certificate not valid: certificate signed by unknown authority", got[0].Message)

	// A caller's client that does is used as given.
	opts := fast()
	opts.Client = srv.Client()
	got, err = external.Check(t.Context(), links, opts)
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())

	link := "http://" + addr + "/x"
	got, err := external.Check(t.Context(), []external.Link{{URL: link, Pos: at(2)}}, fast())
	require.NoError(t, err)
	assert.Equal(t, []string{link + ": connection refused"}, messages(got))
}

// concurrency records the most requests a handler served at once.
type concurrency struct {
	now, peak atomic.Int64
	full      chan struct{} // closed when limit requests are in at once
	once      sync.Once
}

// handler holds each request until limit requests have been in at once,
// so that a limit that is respected is reached whatever the timing, and
// then for hold more, so that requests over a limit would overlap. It stops
// holding when ctx ends, which fails a test that never reaches the limit.
func (c *concurrency) handler(ctx context.Context, limit int64, hold time.Duration) http.HandlerFunc {
	c.full = make(chan struct{})
	return func(w http.ResponseWriter, r *http.Request) {
		n := c.now.Add(1)
		defer c.now.Add(-1)
		for {
			p := c.peak.Load()
			if n <= p || c.peak.CompareAndSwap(p, n) {
				break
			}
		}
		if n >= limit {
			c.once.Do(func() { close(c.full) })
		}
		select {
		case <-c.full:
			time.Sleep(hold)
		case <-ctx.Done():
		}
	}
}

func manyLinks(base string, n int) []external.Link {
	links := make([]external.Link, n)
	for i := range links {
		links[i] = external.Link{URL: base + "/page/" + string(rune('a'+i)), Pos: at(i + 1)}
	}
	return links
}

func TestPerHostLimit(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), deadline)
	defer cancel()
	var c concurrency
	srv := serve(t, c.handler(ctx, 2, 20*time.Millisecond))
	opts := fast()
	opts.Timeout = 2 * deadline
	opts.PerHost = 2
	opts.Concurrency = 16
	got, err := external.Check(t.Context(), manyLinks(srv.URL, 12), opts)
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.EqualValues(t, 2, c.peak.Load(), "two at a time to one host, no more and no fewer")
}

func TestOverallLimit(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), deadline)
	defer cancel()
	var c concurrency
	srv := serve(t, c.handler(ctx, 3, 20*time.Millisecond))
	opts := fast()
	opts.Timeout = 2 * deadline
	opts.PerHost = 10
	opts.Concurrency = 3
	got, err := external.Check(t.Context(), manyLinks(srv.URL, 12), opts)
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.EqualValues(t, 3, c.peak.Load())
}

func TestSameURLRequestedOnceReportedAtEachLink(t *testing.T) {
	var h hits
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		w.WriteHeader(http.StatusNotFound)
	})
	link := srv.URL + "/gone"
	links := []external.Link{
		{URL: link, Pos: finding.Position{File: "content/b.md", Line: 9, Column: 1}},
		{URL: link + "#section", Pos: at(7)},
		{URL: link, Pos: at(2)},
	}
	got, err := external.Check(t.Context(), links, fast())
	require.NoError(t, err)
	assert.Equal(t, 1, h.get("HEAD /gone"))
	assert.Equal(t, 1, h.get("GET /gone"), "a 404 to HEAD is tried once with GET")
	require.Len(t, got, 3)
	assert.Equal(t, []finding.Position{at(2), at(7), {File: "content/b.md", Line: 9, Column: 1}},
		[]finding.Position{got[0].Position, got[1].Position, got[2].Position}, "sorted")
	assert.Equal(t, link+"#section answered 404 Not Found", got[1].Message, "each finding names the link as written")
}

func TestFragmentDropped(t *testing.T) {
	var h hits
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { h.add(r) })
	dir := t.TempDir()
	opts := fast()
	opts.CacheFile = filepath.Join(dir, "links.json")
	links := []external.Link{{URL: srv.URL + "/doc#a", Pos: at(1)}, {URL: srv.URL + "/doc#b", Pos: at(2)}}
	got, err := external.Check(t.Context(), links, opts)
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.Equal(t, 1, h.total())
	assert.Equal(t, 1, h.get("HEAD /doc"))
	assert.Equal(t, []string{srv.URL + "/doc"}, cacheKeys(t, opts.CacheFile))
}

func TestOnlyHTTPChecked(t *testing.T) {
	links := []external.Link{
		{URL: "mailto:board@example.org", Pos: at(1)},
		{URL: "ftp://example.org/file", Pos: at(2)},
		{URL: "../policies/0100_security.md", Pos: at(3)},
		{URL: "#anchor", Pos: at(4)},
		{URL: "tel:+100", Pos: at(5)},
	}
	got, err := external.Check(t.Context(), links, fast())
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestInvalidHTTPURL(t *testing.T) {
	got, err := external.Check(t.Context(), []external.Link{
		{URL: "https://", Pos: at(1)},
		{URL: "http://exa mple.org/", Pos: at(2)},
	}, fast())
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "https://: not a valid URL: no host", got[0].Message)
	assert.Contains(t, got[1].Message, "http://exa mple.org/: not a valid URL: ")
}

func TestCancelStopsQuickly(t *testing.T) {
	arrived := make(chan struct{}, 8)
	release := make(chan struct{})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	opts := fast()
	opts.Timeout = time.Hour // only the cancel can end the request
	opts.PerHost = 1         // most links wait for the host, one is in flight
	result := checkAsync(ctx, manyLinks(srv.URL, 8), opts)
	await(t, arrived, "the first request")
	cancel()
	res := await(t, result, "the check's return after cancel")
	assert.ErrorIs(t, res.err, context.Canceled)
	assert.Nil(t, res.findings)
}

func TestCancelDuringBackoff(t *testing.T) {
	var n atomic.Int64
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	w := newWaits()
	w.hold = true
	opts := fast()
	opts.MaxWait = time.Hour
	opts.After = w.after
	result := checkAsync(ctx, []external.Link{{URL: srv.URL, Pos: at(1)}}, opts)
	await(t, w.started, "the wait before the retry")
	cancel()
	res := await(t, result, "the check's return after cancel")
	assert.ErrorIs(t, res.err, context.Canceled)
	assert.Nil(t, res.findings)
	assert.Equal(t, []time.Duration{30 * time.Second}, w.get())
	assert.EqualValues(t, 1, n.Load(), "no retry after the cancel")
}

func TestProgress(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {})
	var buf bytes.Buffer
	opts := fast()
	opts.Progress = &buf
	links := append(manyLinks(srv.URL, 2), external.Link{URL: srv.URL + "/page/a#dup", Pos: at(9)})
	_, err := external.Check(t.Context(), links, opts)
	require.NoError(t, err)
	assert.Equal(t, "\rchecking external links: 0/2\rchecking external links: 1/2\rchecking external links: 2/2\n", buf.String())
}

func TestIsTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, external.IsTerminal(f))
}
