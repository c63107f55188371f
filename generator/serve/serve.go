// Package serve is govdoc's live preview. It serves the last good output of a
// generator.Session over HTTP, from memory; watches the site's files and
// rebuilds when they change; and tells open pages what happened through
// Server-Sent Events, so that they reload, swap their stylesheets or show
// the errors of the last change.
//
// It does not build sites (the generator does), write anything, or parse
// flags (cmd/govdoc does). It reads the disk only to watch it: everything it
// serves comes from the session's memory, so a request can only ever name a
// file of the built output.
package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/render"
)

// DefaultKeepAlive is how often an idle event stream gets a comment, so that
// proxies and browsers do not close it.
const DefaultKeepAlive = 15 * time.Second

// Options configure a Server.
type Options struct {
	// Log gets one line per rebuild, and the findings of a rebuild with
	// errors. Nil discards them.
	Log io.Writer
	// KeepAlive is how often an idle event stream gets a comment;
	// zero means DefaultKeepAlive.
	KeepAlive time.Duration
	// Now tells the time printed on each line; nil means time.Now.
	Now func() time.Time
	// Hosts are the host names, besides loopback names and IP addresses,
	// that a request may name in its Host header: the host the preview
	// listens on, when it is a name. Any other is refused, so that no
	// web page can read the preview through a name it points at this
	// machine.
	Hosts []string
}

// Server serves a session's output with live reload. It is an http.Handler;
// call Rebuild after files change, and Close before shutting the HTTP
// server down so that open event streams end.
type Server struct {
	session *generator.Session
	opts    Options
	events  *broker

	rebuild sync.Mutex // held for a whole rebuild: never two at once

	mu      sync.RWMutex
	failing finding.List // the errors of the last rebuild, nil when it was good
	good    bool         // a rebuild has succeeded: the session has output
	base    string       // the path of the site's base URL, ending in "/"
	build   string       // names the output open pages were served from
	builds  int
	runID   string

	page *template.Template // shown until a rebuild succeeds
}

// New returns a Server for a session; it serves nothing good until the
// first Rebuild.
func New(session *generator.Session, opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.KeepAlive <= 0 {
		opts.KeepAlive = DefaultKeepAlive
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	var id [4]byte
	_, _ = rand.Read(id[:])
	s := &Server{session: session, opts: opts, base: "/", runID: hex.EncodeToString(id[:]), page: template.Must(template.ParseFS(assets, "errors.html"))}
	s.build = s.runID + ".0"
	s.events = newBroker(event{name: evHello, data: buildJSON(s.build)})
	return s
}

// Rebuild builds the site again, one rebuild at a time, prints what it did,
// and tells open pages: "errors" when it failed, "ok" when it fixed a failed
// one, "css" when only stylesheets changed, "reload" when other files did,
// nothing when nothing did. changed names the files that changed, from the
// site root with forward slashes; nil means anything may have. A failure is
// reported as findings, not as an error; the error is the session's, for a
// caller that must tell a site that cannot be built at all (no site.yaml).
func (s *Server) Rebuild(ctx context.Context, changed []string) (*generator.Update, error) {
	s.rebuild.Lock()
	defer s.rebuild.Unlock()
	u, err := s.session.Rebuild(ctx, changed)
	if ctx.Err() != nil {
		return u, err // shutting down: nobody to tell
	}
	var all finding.List
	if u != nil && u.Result != nil {
		all = u.Result.Findings
	}
	if err != nil && all.Errors() == 0 {
		all = append(slices.Clip(all), failure(err))
	}
	failed := err != nil || u == nil || u.Failed()
	good := s.publish(u, all, failed)
	logRebuild(s.opts.Log, s.opts.Now(), changed, u, all, failed, good)
	return u, err
}

// publish records a rebuild and tells open pages about it. It reports
// whether there is good output to show.
func (s *Server) publish(u *generator.Update, all finding.List, failed bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case failed:
		s.failing = errorsOf(all)
		s.events.publish(event{name: evErrors, data: findingsJSON(s.failing)}, true)
	case s.failing != nil || !s.good:
		s.failing = nil
		s.good = true
		s.next(u)
		s.events.publish(event{name: evOK, data: buildJSON(s.build)}, false)
	case u.StyleOnly():
		s.next(u)
		s.events.publish(event{name: evCSS, data: buildJSON(s.build)}, false)
	case len(u.Changed)+len(u.Removed) > 0:
		s.next(u)
		s.events.publish(event{name: evReload, data: buildJSON(s.build)}, false)
	}
	return s.good
}

// next records a good rebuild that changed what open pages show; s.mu is held.
func (s *Server) next(u *generator.Update) {
	s.builds++
	s.build = fmt.Sprintf("%s.%d", s.runID, s.builds)
	s.events.setHello(event{name: evHello, data: buildJSON(s.build)})
	if u.Result != nil && u.Result.Site != nil {
		s.base = render.BasePath(u.Result.Site.Config.BaseURL)
	}
}

// failure turns an error that stopped a build into a finding, so that the
// overlay and the terminal show it like any other problem.
func failure(err error) finding.Finding {
	pos := finding.Position{}
	var pe *fs.PathError
	switch {
	case errors.Is(err, config.ErrNotFound):
		pos.File = config.File
	case errors.As(err, &pe):
		pos.File = pe.Path
	}
	return finding.New(finding.ReadError, finding.Error, pos, "%s", strings.TrimSpace(err.Error()))
}

// errorsOf returns the error findings, never nil.
func errorsOf(all finding.List) finding.List {
	out := finding.List{}
	for _, f := range all {
		if f.Severity == finding.Error {
			out = append(out, f)
		}
	}
	return out
}

// Close ends every open event stream and refuses new ones, so that an
// http.Server can shut down without waiting for them. Register it with
// http.Server.RegisterOnShutdown.
func (s *Server) Close() { s.events.close() }

// ServeHTTP answers requests for the output's files, for the live-reload
// script and for the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if !allowedHost(r.Host, s.opts.Hosts) {
		http.Error(w, "govdoc serve answers only requests for localhost, an IP address or the host it listens on", http.StatusMisdirectedRequest)
		return
	}
	switch r.URL.Path {
	case EventsPath:
		if !sameOrigin(r) {
			http.Error(w, "the preview's events are only for its own pages", http.StatusForbidden)
			return
		}
		s.serveEvents(w, r)
		return
	case ScriptPath:
		serveScript(w, r)
		return
	}
	s.serveFile(w, r)
}

// state returns what a request needs to know of the last rebuilds.
func (s *Server) state() (build, base string, good bool, failing finding.List) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.build, s.base, s.good, s.failing
}
