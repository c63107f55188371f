package serve

import (
	"bytes"
	"embed"
	"errors"
	"html"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/govdoc/govdoc/generator/finding"
)

// assets are the live-reload script and the page shown while nothing has
// built without errors.
//
//go:embed live.js errors.html
var assets embed.FS

// Why a request names no file of the output.
var (
	// errBadPath is a path that tries to leave the output or hides
	// something in its encoding: answered 400.
	errBadPath = errors.New("bad path")
	// errOutside is a path outside the site's base path: answered 404.
	errOutside = errors.New("outside the site")
)

// target is what a request's path names in the output.
type target struct {
	rel string // the cleaned path from the output's root, "" for the root
	dir bool   // the path ends in "/": it names a folder's index.html
}

// file is the output file the target names.
func (t target) file() string {
	if t.dir || t.rel == "" {
		return path.Join(t.rel, "index.html")
	}
	return t.rel
}

// resolve turns a request's URL path into a target. It refuses anything
// that could name a file outside the output however the path is later
// interpreted: ".." segments, backslashes, NUL bytes and encoded slashes.
// base is the path of the site's base URL; paths outside it are errOutside.
func resolve(u *url.URL, base string) (target, error) {
	p := u.Path
	raw := strings.ToLower(u.RawPath)
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") ||
		strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return target{}, errBadPath
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == ".." {
			return target{}, errBadPath
		}
	}
	t := target{rel: strings.TrimPrefix(path.Clean(p), "/"), dir: strings.HasSuffix(p, "/")}
	if b := strings.Trim(base, "/"); b != "" {
		switch {
		case t.rel == b:
			t.rel = ""
		case strings.HasPrefix(t.rel, b+"/"):
			t.rel = t.rel[len(b)+1:]
		default:
			return target{}, errOutside
		}
	}
	return t, nil
}

// serveFile answers a request for a file of the last good output: the
// file, a redirect from a folder to its index, or the site's 404 page.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// The build is read before the file: a page that is newer than the
	// build it names reloads once more, one that is older never stays.
	build, base, good, failing := s.state()
	t, err := resolve(r.URL, base)
	switch {
	case errors.Is(err, errBadPath):
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	case !good:
		s.serveErrors(w, r, build, failing)
		return
	case err == nil:
		if t.rel == "" && !t.dir { // the base path without its slash
			http.Redirect(w, r, base, http.StatusMovedPermanently)
			return
		}
		if data, ok := s.session.File(t.file()); ok {
			send(w, r, http.StatusOK, t.file(), data, build)
			return
		}
		if !t.dir && t.rel != "" {
			if _, ok := s.session.File(path.Join(t.rel, "index.html")); ok {
				http.Redirect(w, r, base+t.rel+"/", http.StatusMovedPermanently)
				return
			}
		}
	case r.URL.Path == "/":
		http.Redirect(w, r, base, http.StatusFound)
		return
	}
	if data, ok := s.session.File("404.html"); ok {
		send(w, r, http.StatusNotFound, "404.html", data, build)
		return
	}
	send(w, r, http.StatusNotFound, "404.html", []byte(notFound), build)
}

// notFound is the 404 page of a site whose theme has none.
const notFound = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Page not found</title></head>
<body><h1>Page not found</h1><p>The page you asked for is not in this handbook.</p></body></html>
`

// serveErrors answers every request for a file while nothing has built
// without errors: a page that lists the errors, and reloads when they are
// fixed.
func (s *Server) serveErrors(w http.ResponseWriter, r *http.Request, build string, failing finding.List) {
	var buf bytes.Buffer
	if err := s.page.Execute(&buf, failing); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Retry-After", "1")
	send(w, r, http.StatusServiceUnavailable, "errors.html", buf.Bytes(), build)
}

// serveScript answers ScriptPath.
func serveScript(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	data, _ := assets.ReadFile("live.js")
	send(w, r, http.StatusOK, "live.js", data, "")
}

// send writes a file with its content type; an HTML file gets the
// live-reload script, naming the build it was served from.
func send(w http.ResponseWriter, r *http.Request, status int, name string, data []byte, build string) {
	ct := contentType(name, data)
	if strings.HasPrefix(ct, "text/html") {
		data = inject(data, build)
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// contentType is a file's content type by its extension, else by its
// first bytes. The types a site publishes are fixed here, where the
// system's table may differ or lack them.
func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".txt":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// inject adds the live-reload script before the last </body>, or at the
// end of a page without one.
func inject(page []byte, build string) []byte {
	tag := `<script src="` + ScriptPath + `" data-build="` + html.EscapeString(build) + `"></script>`
	i := lastIndexFold(page, "</body>")
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}

// lastIndexFold is the index of the last ASCII-case-insensitive match of
// sep in s, or -1.
func lastIndexFold(s []byte, sep string) int {
	b := []byte(sep)
	for i := len(s) - len(b); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(b)], b) {
			return i
		}
	}
	return -1
}
