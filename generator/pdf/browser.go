package pdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// startTimeout bounds Chromium's start.
const startTimeout = 60 * time.Second

// handbookFactor is how many times the time the documents took, printed
// one by one, the whole handbook's print may take beyond Options.Timeout:
// it lays out and prints the same pages in one tab, on a machine as busy.
const handbookFactor = 2

// browser is a headless Chromium with a profile of its own, removed when it
// closes.
type browser struct {
	ctx     context.Context // its first tab's chromedp context
	cancel  func()
	profile string
}

// startBrowser starts the Chromium at path. It stops when ctx ends or when
// it is closed.
func startBrowser(ctx context.Context, path string) (*browser, error) {
	profile, err := os.MkdirTemp("", "govdoc-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
	}
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run as root with its sandbox
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:], opts...)...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	b := &browser{ctx: tabCtx, profile: profile, cancel: func() { cancelTab(); cancelAlloc() }}
	// The first action starts the browser; its context must live as long
	// as the browser, so the wait for it is bounded here.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(tabCtx) }()
	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	select {
	case err = <-started:
	case <-timer.C:
		err = fmt.Errorf("it did not start within %s", startTimeout)
	}
	if err != nil {
		b.close()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return b, nil
}

// close stops the browser and removes its profile.
func (b *browser) close() {
	b.cancel()
	_ = os.RemoveAll(b.profile)
}

// tab is a tab of the browser that prints pages, one at a time.
type tab struct {
	ctx    context.Context
	cancel func()
}

// newTab opens a tab with scripts off: the printed pages need none.
func (b *browser) newTab() (*tab, error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		cancel()
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	return &tab{ctx: ctx, cancel: cancel}, nil
}

// print loads url and prints it, within timeout. It returns the PDF and its
// number of pages.
func (t *tab) print(url string, timeout time.Duration) ([]byte, int, error) {
	ctx, cancel := context.WithTimeout(t.ctx, timeout)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Navigate(url))
	var data []byte
	if err == nil {
		data, err = chromedp.Run(ctx, chromedp.PrintToPDF(
			chromedp.PDFPreferCSSPageSize(),
			chromedp.PDFPrintBackground(),
			chromedp.PDFOutlineAndTagged(),
			chromedp.PDFStream(),
		))
	}
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil && t.ctx.Err() == nil {
		return nil, 0, fmt.Errorf("not printed within %s", timeout)
	}
	if err != nil {
		return nil, 0, err
	}
	n, err := pageCount(data)
	return data, n, err
}

// pageCountRE finds the page count of the page tree's root, as Chromium
// writes it.
var pageCountRE = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`)

// pageCount returns the number of pages of a PDF that Chromium wrote.
func pageCount(pdf []byte) (int, error) {
	best := 0
	for _, m := range pageCountRE.FindAllSubmatch(pdf, -1) {
		s := m[1]
		if len(s) == 0 {
			s = m[2]
		}
		if n, err := strconv.Atoi(string(s)); err == nil && n > best {
			best = n // the root counts every page; a subtree fewer
		}
	}
	if best == 0 {
		return 0, errors.New("the browser wrote a PDF without pages")
	}
	return best, nil
}

// printBook prints each document, then the handbook, whose contents give
// the page each document starts on: its page count, printed alone, after
// the pages of the cover and contents and of the documents before it.
func printBook(ctx context.Context, b *browser, srv *server, bk *book, opts Options) (Result, error) {
	tabs := make([]*tab, min(opts.Tabs, max(len(bk.docs), 1)))
	for i := range tabs {
		t, err := b.newTab()
		if err != nil {
			return Result{}, err
		}
		defer t.cancel()
		tabs[i] = t
	}
	var res Result
	jobs := make(chan int)
	errs := make([]error, len(bk.docs))
	var wg sync.WaitGroup
	for _, t := range tabs {
		wg.Go(func() {
			for i := range jobs {
				d := bk.docs[i]
				addr := srv.put("doc-"+strconv.Itoa(i)+".html", bk.docPage(i))
				start := time.Now()
				data, n, err := t.print(addr, opts.Timeout)
				d.took = time.Since(start)
				if err == nil {
					err = opts.Out.WriteFile(FileOf(d.doc), data)
				}
				if err != nil {
					errs[i] = fmt.Errorf("%s: printing %s: %w", d.doc.Path, FileOf(d.doc), err)
					continue
				}
				d.pages = n
			}
		})
	}
send:
	for i := range bk.docs {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break send
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if err := errors.Join(errs...); err != nil {
		return res, err
	}
	res.Documents, res.Files = len(bk.docs), len(bk.docs)

	// The cover and contents alone, for their page count.
	_, front, err := tabs[0].print(srv.put("front.html", bk.frontPage(nil)), opts.Timeout)
	if err != nil {
		return res, fmt.Errorf("printing the contents: %w", err)
	}
	starts := make([]int, len(bk.docs))
	next := front + 1
	timeout := opts.Timeout
	for i, d := range bk.docs {
		starts[i] = next
		next += d.pages
		timeout += handbookFactor * d.took
	}
	data, n, err := tabs[0].print(srv.put("handbook.html", bk.handbookPage(starts)), timeout)
	if err == nil {
		err = opts.Out.WriteFile(Handbook, data)
	}
	if err != nil {
		return res, fmt.Errorf("printing %s: %w", Handbook, err)
	}
	res.Pages = n
	res.Files++
	return res, nil
}
