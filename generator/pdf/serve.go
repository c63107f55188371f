package pdf

import (
	"context"
	"errors"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/govdoc/govdoc/generator/output"
)

// printPrefix is where the pages made for printing are served; the built
// site has no such folder.
const printPrefix = "/_govdoc-print/"

// server serves the built site and the pages made for printing on a
// loopback address, for the browser only.
type server struct {
	url   string // http://127.0.0.1:PORT
	srv   *http.Server
	done  chan struct{}
	files *output.Memory

	mu    sync.Mutex
	pages map[string][]byte // by name under printPrefix
}

// serve starts serving files and the pages of b.
func serve(files *output.Memory, b *book) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{url: "http://" + ln.Addr().String(), files: files, pages: map[string][]byte{}, done: make(chan struct{})}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = err // the browser's requests fail, and the print with them
		}
	}()
	return s, nil
}

// put serves page at printPrefix+name, and returns its address.
func (s *server) put(name string, page []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[name] = page
	return s.url + printPrefix + name
}

// ServeHTTP answers with a page made for printing or a file of the built
// site.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := path.Clean(r.URL.Path)
	var (
		data []byte
		ok   bool
	)
	if rest, found := strings.CutPrefix(name, printPrefix); found {
		s.mu.Lock()
		data, ok = s.pages[rest]
		s.mu.Unlock()
	} else {
		name = strings.TrimPrefix(name, "/")
		if name == "" || name == "." {
			name = "index.html"
		}
		data, ok = s.files.File(name)
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(name, printPrefix) || strings.HasSuffix(name, ".html") {
		ctype = "text/html; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	_, _ = w.Write(data)
}

// close stops the server and waits until it has stopped.
func (s *server) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if s.srv.Shutdown(ctx) != nil {
		_ = s.srv.Close()
	}
	<-s.done
}
