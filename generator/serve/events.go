package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/govdoc/govdoc/generator/finding"
)

// The addresses the preview adds to the site's own. Sites do not publish
// files under /_govdoc/.
const (
	// EventsPath streams what each rebuild did, as Server-Sent Events.
	EventsPath = "/_govdoc/events"
	// ScriptPath is the script every HTML page gets; it listens to EventsPath.
	ScriptPath = "/_govdoc/live.js"
)

// The events of the stream. Each carries a JSON object: "errors" the
// error findings ({"findings": [...]}), the others the build the page
// should now show ({"build": "..."}).
const (
	// evHello is the first event of every stream. A page that was served
	// from another build than the one it names missed a change (it
	// connected late, or the stream dropped), and reloads.
	evHello = "hello"
	// evReload: the output changed; the page reloads.
	evReload = "reload"
	// evCSS: only stylesheets changed; the page swaps them without reloading.
	evCSS = "css"
	// evErrors: the last change has errors; the page keeps the last good
	// output and shows the findings over it. A stream that opens while the
	// last rebuild failed gets this right after hello.
	evErrors = "errors"
	// evOK: a rebuild fixed the errors; the page hides them and reloads.
	evOK = "ok"
)

// event is one message of the stream.
type event struct {
	name string
	data []byte
}

// clientBuffer is how many events a stream may fall behind before it is
// dropped; its page reconnects and learns from hello what it missed.
const clientBuffer = 16

// broker fans events out to the open streams, each with its own buffered
// channel, and remembers what a new stream must be told first.
type broker struct {
	mu      sync.Mutex
	clients map[chan event]struct{}
	hello   event
	failing *event // the last "errors" while the last rebuild failed
	closed  bool
}

func newBroker(hello event) *broker {
	return &broker{clients: map[chan event]struct{}{}, hello: hello}
}

// subscribe opens a stream: its channel already holds hello and, while the
// last rebuild failed, its errors. The channel is closed when the stream is
// dropped or the broker closes; cancel ends it early and may be called more
// than once.
func (b *broker) subscribe() (<-chan event, func()) {
	b.mu.Lock()
	defer b.mu.Unlock()
	ch := make(chan event, clientBuffer)
	if b.closed {
		close(ch)
		return ch, func() {}
	}
	ch <- b.hello
	if b.failing != nil {
		ch <- *b.failing
	}
	b.clients[ch] = struct{}{}
	return ch, func() { b.drop(ch) }
}

func (b *broker) drop(ch chan event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.dropLocked(ch)
}

func (b *broker) dropLocked(ch chan event) {
	if _, ok := b.clients[ch]; ok {
		delete(b.clients, ch)
		close(ch)
	}
}

// publish sends e to every stream. failing says whether new streams should
// get e too, until the next publish: true for "errors".
func (b *broker) publish(e event, failing bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failing = nil
	if failing {
		b.failing = &e
	}
	for ch := range b.clients {
		select {
		case ch <- e:
		default: // too far behind: drop it rather than block the rebuilds
			b.dropLocked(ch)
		}
	}
}

// setHello changes the first event of new streams.
func (b *broker) setHello(e event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.hello = e
}

// close ends every stream and refuses new ones.
func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for ch := range b.clients {
		b.dropLocked(ch)
	}
}

// streams counts the open streams.
func (b *broker) streams() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.clients)
}

// serveEvents streams events to one page until it goes away or the server
// closes.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // a stream outlives any write timeout
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	ch, cancel := s.events.subscribe()
	defer cancel()
	w.WriteHeader(http.StatusOK)
	// Reconnect quickly after the server restarts.
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil || rc.Flush() != nil {
		return
	}
	keepAlive := time.NewTicker(s.opts.KeepAlive)
	defer keepAlive.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case e, ok := <-ch:
			if !ok {
				return
			}
			_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
		case <-keepAlive.C:
			_, err = fmt.Fprint(w, ": keep-alive\n\n")
		}
		if err != nil || rc.Flush() != nil {
			return
		}
	}
}

// buildJSON is the data of hello, reload, css and ok.
func buildJSON(build string) []byte {
	data, _ := json.Marshal(struct {
		Build string `json:"build"`
	}{build})
	return data
}

// findingsJSON is the data of errors: every finding with rule, severity,
// file, line, column and message.
func findingsJSON(findings finding.List) []byte {
	data, _ := json.Marshal(struct {
		Findings finding.List `json:"findings"`
	}{findings})
	return data
}
