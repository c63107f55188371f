package serve

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// allowedHost reports whether a request may name host (a Host header, with
// or without a port). A web page the author visits can point a name it owns
// at 127.0.0.1 (DNS rebinding) and read the preview as its own origin; such a
// request names that domain. So the preview answers only requests that name
// a loopback host (localhost, *.localhost, 127.0.0.0/8, ::1), an IP address,
// which no rebinding can put in a Host header, or one of the names the
// preview was started with.
func allowedHost(host string, names []string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "" {
		return false
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || net.ParseIP(host) != nil {
		return true
	}
	for _, n := range names {
		if strings.EqualFold(strings.TrimSuffix(n, "."), host) {
			return true
		}
	}
	return false
}

// sameOrigin reports whether a request comes from a page of the preview
// itself: browsers send Origin with a request from another origin, and with
// it, the request must name the same host as the page it comes from.
func sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}
