package serve_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/serve"
)

// A web page the author visits can point a name of its own at 127.0.0.1
// and read the preview as its own origin. The preview answers only requests
// for loopback names, IP addresses and the host it was started with.
func TestThePreviewAnswersOnlyItsOwnHosts(t *testing.T) {
	srv, _ := newServer(t, mapFS(siteFiles()), serve.Options{Hosts: []string{"Preview.Internal"}})
	_, err := srv.Rebuild(context.Background(), nil)
	require.NoError(t, err)
	for host, want := range map[string]int{
		"localhost:8080":             http.StatusOK,
		"LOCALHOST":                  http.StatusOK,
		"docs.localhost:8080":        http.StatusOK,
		"127.0.0.1:8080":             http.StatusOK,
		"127.1.2.3":                  http.StatusOK,
		"[::1]:8080":                 http.StatusOK,
		"192.168.1.20:8080":          http.StatusOK,
		"preview.internal:8080":      http.StatusOK,
		"preview.internal.":          http.StatusOK,
		"attacker.example:8080":      http.StatusMisdirectedRequest,
		"localhost.attacker.example": http.StatusMisdirectedRequest,
		"127.0.0.1.nip.io":           http.StatusMisdirectedRequest,
		"":                           http.StatusMisdirectedRequest,
	} {
		for _, path := range []string{"/", "/a/index.html", serve.EventsPath, serve.ScriptPath} {
			if path == serve.EventsPath && want == http.StatusOK {
				continue // a stream: its answer is tested below
			}
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Host = host
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			assert.Equal(t, want, rec.Code, "%s%s", host, path)
			if want != http.StatusOK {
				assert.NotContains(t, rec.Body.String(), "First text", "%s%s", host, path)
			}
		}
	}
}

// The event stream, which tells a page when to reload and what errors the
// last change had, is for the preview's own pages only.
func TestTheEventStreamRefusesOtherOrigins(t *testing.T) {
	srv, _ := built(t, mapFS(siteFiles()))
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for origin, want := range map[string]int{
		"":                        http.StatusOK,
		ts.URL:                    http.StatusOK,
		"http://attacker.example": http.StatusForbidden,
		"null":                    http.StatusForbidden,
	} {
		ctx, cancel := context.WithCancel(context.Background())
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+serve.EventsPath, nil)
		require.NoError(t, err)
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		assert.Equal(t, want, resp.StatusCode, "Origin %q", origin)
		if want == http.StatusOK {
			assert.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
		}
		resp.Body.Close()
		cancel()
	}
}
