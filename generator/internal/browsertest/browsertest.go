// Package browsertest starts a headless Chromium for tests that check what a
// reader of a built handbook sees: layout, styles, focus order, printing. It
// only finds and starts the browser; tests drive it with chromedp. It does
// not build sites or serve files.
//
// A test that needs a browser skips when none is installed, except in CI
// (the environment variable CI is "true"), where a missing browser fails the
// test so that browser checks cannot silently stop running.
package browsertest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/govdoc/govdoc/internal/testtool"
)

// Timeout bounds each test's use of the browser, start-up included. It
// guards against a hang, not a slow page: a busy CI machine running other
// packages' tests at the same time makes a browser several times slower.
const Timeout = 4 * time.Minute

// browsers are the executable names tried on PATH, in order.
var browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// New starts a headless browser with a fresh profile and returns a chromedp
// context for its first tab. The browser closes and its profile is removed
// when the test ends; everything the test does with it must finish within
// Timeout. Open more tabs with chromedp.NewContext(ctx).
func New(t testing.TB) context.Context {
	t.Helper()
	path := testtool.Need(t, "apt-get install chromium", browsers...)
	// The profile folder is made before the browser's cleanup is registered,
	// so the browser has exited when the folder is removed.
	profile := t.TempDir()

	ctx, cancelTimeout := context.WithTimeout(context.Background(), Timeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		// /dev/shm is small in many containers; Chromium crashes when it fills.
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
	)
	logf := newLogger(t)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx, chromedp.WithErrorf(logf.printf))
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
		logf.stop()
	})
	// Start the browser now, so that a browser that cannot start fails here
	// with a clear message rather than in the test's first action.
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return browserCtx
}

// logger forwards the browser's error messages to the test log until the
// test ends; chromedp may still report from its own goroutines afterwards,
// when the test log no longer accepts output.
type logger struct {
	mu   sync.Mutex
	t    testing.TB
	done bool
}

func newLogger(t testing.TB) *logger { return &logger{t: t} }

func (l *logger) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done {
		l.t.Logf("chromium: "+format, args...)
	}
}

func (l *logger) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.done = true
}
