package serve

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator"
)

func TestBrokerDropsAStreamThatFallsBehind(t *testing.T) {
	b := newBroker(event{name: evHello})
	slow, _ := b.subscribe()
	fast, cancel := b.subscribe()
	defer cancel()
	got := 0
	for range clientBuffer + 4 {
		b.publish(event{name: evReload}, false)
		for len(fast) > 0 {
			<-fast
			got++
		}
	}
	assert.Equal(t, clientBuffer+4+1, got, "a stream that keeps up gets every event and hello")
	n := 0
	for range slow {
		n++
	}
	assert.Equal(t, clientBuffer, n, "a stream that falls behind is closed once its buffer is full")
	assert.Equal(t, 1, b.streams())
}

func TestBrokerTellsNewStreamsTheErrors(t *testing.T) {
	b := newBroker(event{name: evHello, data: []byte("1")})
	b.publish(event{name: evErrors, data: []byte("e")}, true)
	ch, cancel := b.subscribe()
	assert.Equal(t, event{name: evHello, data: []byte("1")}, <-ch)
	assert.Equal(t, event{name: evErrors, data: []byte("e")}, <-ch)
	cancel()
	cancel() // twice is fine
	_, ok := <-ch
	assert.False(t, ok)

	b.setHello(event{name: evHello, data: []byte("2")})
	b.publish(event{name: evOK}, false)
	ch, cancel = b.subscribe()
	defer cancel()
	assert.Equal(t, event{name: evHello, data: []byte("2")}, <-ch)
	assert.Empty(t, ch, "no errors once fixed")
}

// TestStreamsEndWithTheirPages checks that a page that goes away, and
// Close, leave no stream behind.
func TestStreamsEndWithTheirPages(t *testing.T) {
	fsys := fstest.MapFS{"site.yaml": {Data: []byte("title: T\n")}}
	srv := New(generator.NewSession(generator.Options{Source: fsys}), Options{})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	open := func() (context.CancelFunc, *http.Response) {
		ctx, cancel := context.WithCancel(context.Background())
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+EventsPath, nil)
		require.NoError(t, err)
		res, err := ts.Client().Do(req)
		require.NoError(t, err)
		t.Cleanup(func() { res.Body.Close() })
		return cancel, res
	}
	leave, _ := open()
	defer leave()
	stay, res := open()
	defer stay()
	require.Eventually(t, func() bool { return srv.events.streams() == 2 }, 5*time.Second, time.Millisecond)
	leave()
	require.Eventually(t, func() bool { return srv.events.streams() == 1 }, 5*time.Second, time.Millisecond, "a page that leaves ends its stream")
	srv.Close()
	require.Eventually(t, func() bool { return srv.events.streams() == 0 }, 5*time.Second, time.Millisecond)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = res.Body.Read(make([]byte, 1024))
		for {
			if _, err := res.Body.Read(make([]byte, 1024)); err != nil {
				return
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		require.FailNow(t, "the stream did not end on Close")
	}
}

func TestResolve(t *testing.T) {
	for _, c := range []struct {
		raw, base string
		want      target
		err       error
	}{
		{"/", "/", target{rel: "", dir: true}, nil},
		{"/a/b/", "/", target{rel: "a/b", dir: true}, nil},
		{"/a//b", "/", target{rel: "a/b"}, nil},
		{"/a/./b.css", "/", target{rel: "a/b.css"}, nil},
		{"/h/a/", "/h/", target{rel: "a", dir: true}, nil},
		{"/h", "/h/", target{rel: ""}, nil},
		{"/a/", "/h/", target{}, errOutside},
		{"/../a", "/", target{}, errBadPath},
		{"/a/..", "/", target{}, errBadPath},
		{"/a%2Fb", "/", target{}, errBadPath},
		{"/a%5cb", "/", target{}, errBadPath},
		{"/a\\b", "/", target{}, errBadPath},
		{"/a%00", "/", target{}, errBadPath},
	} {
		u, err := url.Parse(c.raw)
		require.NoError(t, err, c.raw)
		got, err := resolve(u, c.base)
		assert.Equal(t, c.want, got, c.raw)
		assert.Equal(t, c.err, err, c.raw)
	}
	assert.Equal(t, "index.html", target{}.file())
	assert.Equal(t, "a/index.html", target{rel: "a", dir: true}.file())
	assert.Equal(t, "a.css", target{rel: "a.css"}.file())
}

func TestInject(t *testing.T) {
	tag := `<script src="/_govdoc/live.js" data-build="b.1"></script>` + "\n"
	assert.Equal(t, "<p>x</p>"+tag+"</BODY></html>", string(inject([]byte("<p>x</p></BODY></html>"), "b.1")))
	assert.Equal(t, "<p></body>"+tag+"</body>", string(inject([]byte("<p></body></body>"), "b.1")), "before the last </body>")
	assert.Equal(t, "<p>x"+tag, string(inject([]byte("<p>x"), "b.1")), "at the end without </body>")
	assert.Contains(t, string(inject(nil, `"><x`)), `data-build="&#34;&gt;&lt;x"`)
}
