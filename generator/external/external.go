// Package external checks that http and https links answer (rule
// external-link, run by `govdoc check --external`). Each distinct URL is
// requested once, with bounded concurrency overall and per host, retries with
// backoff for transient failures, and an optional cache file so that URLs
// found good recently are not requested again.
//
// It does not find links in documents: the caller passes them in with their
// positions. It does not print findings either; it returns them sorted.
package external

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/govdoc/govdoc/generator/finding"
)

// Rule is the rule ID of every finding this package reports.
const Rule = "external-link"

// Link is one link to check and the place in a source file that names it.
type Link struct {
	URL string
	Pos finding.Position
}

// Options tune how politely and how patiently links are checked. The zero
// value of each field selects its default.
type Options struct {
	// Client sends the requests. Nil selects a client of this package that
	// follows at most 10 redirects.
	Client *http.Client
	// Timeout bounds each request, body included; default 10s. It applies
	// to a caller's Client too.
	Timeout time.Duration
	// Concurrency bounds the requests in flight at once; default 16.
	Concurrency int
	// PerHost bounds the requests in flight at once to one host name (the
	// host of the link, not of a redirect target); default 2.
	PerHost int
	// Retries is how many times a URL is tried again after a network
	// error, 429 or 5xx; default 2, negative for none.
	Retries int
	// Backoff is the wait before the first retry; it doubles for each
	// further retry, with jitter. Default 500ms. A Retry-After header on a
	// 429 or 503 answer replaces it.
	Backoff time.Duration
	// MaxWait caps any wait before a retry, from Backoff or Retry-After;
	// default 30s.
	MaxWait time.Duration
	// CacheFile is a JSON file remembering good answers between runs; ""
	// for no cache.
	CacheFile string
	// TTL is how long a good answer in the cache stays valid; default 24h.
	TTL time.Duration
	// Progress, when not nil, receives one line updated in place with \r
	// ("checking external links: 12/340") and ended with a newline. The
	// caller decides whether it is a terminal (see IsTerminal).
	Progress io.Writer
	// Now tells the time, for cache ages and Retry-After dates; default
	// time.Now.
	Now func() time.Time
	// After starts the wait before a retry: its channel receives when the
	// wait is over, and the check stops waiting early when its context
	// ends. Default time.After; a test can record the waits asked for and
	// end them at once.
	After func(time.Duration) <-chan time.Time
	// UserAgent is sent with each request; default "govdoc-linkcheck".
	UserAgent string
}

// The defaults of Options.
const (
	DefaultTimeout     = 10 * time.Second
	DefaultConcurrency = 16
	DefaultPerHost     = 2
	DefaultRetries     = 2
	DefaultBackoff     = 500 * time.Millisecond
	DefaultMaxWait     = 30 * time.Second
	DefaultTTL         = 24 * time.Hour
	DefaultUserAgent   = "govdoc-linkcheck"
)

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	switch {
	case o.Retries == 0:
		o.Retries = DefaultRetries
	case o.Retries < 0:
		o.Retries = 0
	}
	if o.Backoff <= 0 {
		o.Backoff = DefaultBackoff
	}
	if o.MaxWait <= 0 {
		o.MaxWait = DefaultMaxWait
	}
	if o.TTL <= 0 {
		o.TTL = DefaultTTL
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.After == nil {
		o.After = time.After
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	return o
}

// target is one distinct URL and every link that names it.
type target struct {
	key    string // the URL without its fragment, as requested and cached
	host   string // lower-case host name, for the per-host limit
	links  []Link
	result result
}

// Check requests every distinct http and https URL among links, unless the
// cache holds a good answer for it younger than opts.TTL, and reports an
// error finding at each link whose URL did not answer 2xx or 3xx. Other
// schemes and relative links are ignored.
//
// The error is for what stopped the check (ctx cancelled, a cache file that
// exists but cannot be read) or a cache file that could not be written; in
// the last case the findings are complete and returned too.
func Check(ctx context.Context, links []Link, opts Options) (finding.List, error) {
	opts = opts.withDefaults()
	now := opts.Now()

	cache, err := loadCache(opts.CacheFile)
	if err != nil {
		return nil, err
	}

	var findings finding.List
	byKey := map[string]*target{}
	var todo []*target
	for _, l := range links {
		key, host, err := normalize(l.URL)
		switch {
		case errors.Is(err, errNotHTTP):
			continue
		case err != nil:
			findings.Errorf(Rule, l.Pos, "%s: %v", l.URL, err)
			continue
		}
		t := byKey[key]
		if t == nil {
			t = &target{key: key, host: host}
			byKey[key] = t
			if !cache.fresh(key, now, opts.TTL) {
				todo = append(todo, t)
			}
		}
		t.links = append(t.links, l)
	}

	runErr := newChecker(opts).run(ctx, todo)

	for _, t := range todo {
		switch {
		case t.result.cancelled:
			// Unknown; neither cached nor reported.
		case t.result.good():
			cache.put(t.key, t.result.status, now)
		default:
			cache.remove(t.key)
			for _, l := range t.links {
				findings.Errorf(Rule, l.Pos, "%s", t.result.describe(l.URL))
			}
		}
	}
	saveErr := saveCache(opts.CacheFile, cache, now, opts.TTL)
	if runErr != nil {
		return nil, errors.Join(runErr, saveErr)
	}
	findings.Sort()
	return findings, saveErr
}

var errNotHTTP = errors.New("not an http or https URL")

// normalize returns the URL to request for raw, without its fragment, and
// its host name. It returns errNotHTTP for links this package ignores.
func normalize(raw string) (key, host string, err error) {
	u, err := url.Parse(raw)
	if err != nil {
		if scheme, _, ok := strings.Cut(raw, ":"); ok && isHTTP(scheme) {
			return "", "", fmt.Errorf("not a valid URL: %w", errors.Unwrap(err))
		}
		return "", "", errNotHTTP
	}
	if !isHTTP(u.Scheme) {
		return "", "", errNotHTTP
	}
	if u.Hostname() == "" {
		return "", "", errors.New("not a valid URL: no host")
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	u.Fragment, u.RawFragment = "", ""
	return u.String(), u.Hostname(), nil
}

func isHTTP(scheme string) bool {
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https")
}

// IsTerminal reports whether f is a character device such as a terminal, so
// a caller can give Options.Progress only to people watching.
func IsTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
