package external

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

const (
	// maxRedirects is how many redirects the default client follows.
	maxRedirects = 10
	// maxBody is how much of a GET answer's body is read before closing it.
	maxBody = 64 << 10
)

var errTooManyRedirects = fmt.Errorf("more than %d redirects", maxRedirects)

// result is what one URL answered.
type result struct {
	status     int           // final HTTP status; 0 when there was no answer
	final      string        // the URL that answered, when a redirect led there
	err        error         // why there was no answer, phrased for a reader
	retryable  bool          // whether trying again may help
	retryAfter time.Duration // the server's Retry-After, if it gave one
	hasAfter   bool
	cancelled  bool // the check was cancelled before an answer
}

func (r result) good() bool {
	return r.err == nil && r.status >= 200 && r.status < 400
}

// describe phrases a bad result for the link written as link.
func (r result) describe(link string) string {
	if r.err != nil {
		return fmt.Sprintf("%s: %v", link, r.err)
	}
	status := strconv.Itoa(r.status)
	if text := http.StatusText(r.status); text != "" {
		status += " " + text
	}
	if r.final != "" {
		return fmt.Sprintf("%s answered %s (redirected to %s)", link, status, r.final)
	}
	return fmt.Sprintf("%s answered %s", link, status)
}

// checker requests URLs within the limits of its options. It lives for one
// Check call.
type checker struct {
	opts      Options
	client    *http.Client
	closeIdle func()
	global    chan struct{}

	mu    sync.Mutex
	hosts map[string]chan struct{}
}

func newChecker(opts Options) *checker {
	c := &checker{
		opts:      opts,
		client:    opts.Client,
		closeIdle: func() {},
		global:    make(chan struct{}, opts.Concurrency),
		hosts:     map[string]chan struct{}{},
	}
	if c.client == nil {
		c.client = &http.Client{CheckRedirect: limitRedirects}
		if tr, ok := http.DefaultTransport.(*http.Transport); ok {
			tr = tr.Clone()
			c.client.Transport = tr
			c.closeIdle = tr.CloseIdleConnections
		}
	}
	return c
}

func limitRedirects(_ *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return errTooManyRedirects
	}
	return nil
}

// run checks every target at once within the limits, sets each target's
// result and reports progress. It returns ctx's error if ctx ended first.
func (c *checker) run(ctx context.Context, todo []*target) error {
	defer c.closeIdle()
	if len(todo) > 0 {
		done := make(chan struct{})
		for _, t := range todo {
			go func() {
				t.result = c.check(ctx, t)
				done <- struct{}{}
			}()
		}
		c.progress(0, len(todo))
		for n := 1; n <= len(todo); n++ {
			<-done
			c.progress(n, len(todo))
		}
		if c.opts.Progress != nil {
			fmt.Fprintln(c.opts.Progress)
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("checking external links: %w", err)
	}
	return nil
}

func (c *checker) progress(n, total int) {
	if c.opts.Progress != nil {
		fmt.Fprintf(c.opts.Progress, "\rchecking external links: %d/%d", n, total)
	}
}

// hostSem returns the semaphore limiting requests to host.
func (c *checker) hostSem(host string) chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	sem := c.hosts[host]
	if sem == nil {
		sem = make(chan struct{}, c.opts.PerHost)
		c.hosts[host] = sem
	}
	return sem
}

func acquire(ctx context.Context, sem chan struct{}) error {
	select {
	case sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func release(sem chan struct{}) { <-sem }

// check tries t's URL until it answers, fails for good or runs out of
// retries. It holds a slot of t's host throughout, so waiting out a 429
// does not let other requests to that host through, but a slot of the
// overall limit only while a request is in flight.
func (c *checker) check(ctx context.Context, t *target) result {
	cancelled := result{cancelled: true}
	hs := c.hostSem(t.host)
	if acquire(ctx, hs) != nil {
		return cancelled
	}
	defer release(hs)

	method := http.MethodHead
	for attempt := 0; ; attempt++ {
		if acquire(ctx, c.global) != nil {
			return cancelled
		}
		var r result
		r, method = c.attempt(ctx, method, t.key)
		release(c.global)
		if ctx.Err() != nil {
			return cancelled
		}
		if !r.retryable || attempt >= c.opts.Retries {
			return r
		}
		if c.sleep(ctx, c.wait(attempt, r)) != nil {
			return cancelled
		}
	}
}

// attempt requests u with method, and again with GET if a HEAD request was
// refused in a way some servers refuse only HEAD. It returns the method to
// use for any further attempt.
func (c *checker) attempt(ctx context.Context, method, u string) (result, string) {
	r := c.request(ctx, method, u)
	if method == http.MethodHead && r.err == nil && refusesHead(r.status) {
		method = http.MethodGet
		r = c.request(ctx, method, u)
	}
	return r, method
}

// refusesHead reports whether a HEAD answer of status deserves a second
// try with GET: any 4xx but 429 (which is retried as is) and 501.
func refusesHead(status int) bool {
	return status == http.StatusNotImplemented ||
		(status >= 400 && status < 500 && status != http.StatusTooManyRequests)
}

func (c *checker) request(ctx context.Context, method, u string) result {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return result{err: err}
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "*/*")
	resp, err := c.client.Do(req)
	if err != nil {
		return c.failure(err)
	}
	defer resp.Body.Close()
	if method == http.MethodGet {
		// The answer's status is what counts; the body is read only a
		// little, so a small page can leave its connection for reuse.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBody))
	}
	r := result{status: resp.StatusCode}
	if final := resp.Request.URL.String(); final != u {
		r.final = final
	}
	switch s := resp.StatusCode; {
	case s == http.StatusTooManyRequests || s == http.StatusServiceUnavailable:
		r.retryable = true
		r.retryAfter, r.hasAfter = parseRetryAfter(resp.Header.Get("Retry-After"), c.opts.Now())
	case s >= 500 && s != http.StatusNotImplemented:
		r.retryable = true
	}
	return r
}

// failure phrases a request that got no answer and says whether to retry.
func (c *checker) failure(err error) result {
	var (
		dnsErr  *net.DNSError
		certErr *tls.CertificateVerificationError
		x509Err x509.UnknownAuthorityError
		hostErr x509.HostnameError
		netErr  net.Error
	)
	switch {
	case errors.Is(err, errTooManyRedirects):
		return result{err: errTooManyRedirects}
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		return result{err: fmt.Errorf("timed out after %s", c.opts.Timeout), retryable: true}
	case errors.Is(err, syscall.ECONNREFUSED):
		return result{err: errors.New("connection refused"), retryable: true}
	case errors.Is(err, syscall.ECONNRESET):
		return result{err: errors.New("connection reset"), retryable: true}
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return result{err: fmt.Errorf("no such host %s", dnsErr.Name)}
		}
		return result{err: fmt.Errorf("looking up %s: %s", dnsErr.Name, dnsErr.Err), retryable: true}
	case errors.As(err, &certErr):
		return result{err: fmt.Errorf("TLS certificate not valid: %s", strings.TrimPrefix(certErr.Err.Error(), "x509: "))}
	case errors.As(err, &x509Err), errors.As(err, &hostErr):
		return result{err: fmt.Errorf("TLS certificate not valid: %s", strings.TrimPrefix(unwrapURL(err).Error(), "x509: "))}
	}
	return result{err: unwrapURL(err), retryable: true}
}

// unwrapURL drops the `Get "https://..."` prefix net/http puts on errors;
// findings name the URL already.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// wait is how long to wait before retry number attempt+1: the server's
// Retry-After if it gave one, else Backoff doubled per attempt with jitter,
// capped at MaxWait either way.
func (c *checker) wait(attempt int, r result) time.Duration {
	if r.hasAfter {
		return min(r.retryAfter, c.opts.MaxWait)
	}
	d := c.opts.Backoff
	for range attempt {
		if d >= c.opts.MaxWait {
			break
		}
		d *= 2
	}
	d = min(d, c.opts.MaxWait)
	// Equal jitter: between half and all of d, so many links failing at
	// once do not all retry at the same moment.
	return d/2 + rand.N(d/2+1)
}

// parseRetryAfter reads a Retry-After header in either of its forms,
// delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0, false
		}
		// Any wait is capped at MaxWait; this only keeps the product in range.
		return time.Duration(min(secs, 1<<30)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// sleep waits d, or less if ctx ends first, and then returns ctx's error.
func (c *checker) sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-c.opts.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
