// Package pdf prints a built handbook to PDF with a headless Chromium: one
// file per published document, and one of the whole handbook with a cover,
// a table of contents and every document, each starting on a new page.
// Every page carries, at its head, the Document ID, version and
// classification of the document it shows, and at its foot its number and
// the number of pages.
//
// It prints what a build wrote and nothing else: the documents of the
// site it is given, from the pages of the built site it is given. So a
// document that the build's audience leaves out is in no PDF, nor is
// anything of it. It does not build the site or choose where the files go:
// the caller builds the site in memory and gives a Writer.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"strings"
	"time"

	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/generator/site"
)

// BrowserEnv is the environment variable that names the Chromium to use
// when no path is given on the command line.
const BrowserEnv = "GOVDOC_CHROMIUM"

// Handbook is the file of the whole handbook in the output.
const Handbook = "handbook.pdf"

// Browsers are the names of Chromium's executable looked for on PATH, in
// order.
var Browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// ErrNoBrowser is returned when no Chromium can be found.
var ErrNoBrowser = errors.New("no Chromium found")

// MaxTabs is how many pages are printed at once at most: each tab holds a
// rendered page, and Chromium's memory grows with them.
const MaxTabs = 2

// DefaultTimeout bounds the printing of one document.
const DefaultTimeout = 2 * time.Minute

// Options say what to print and where.
type Options struct {
	// Browser is the path of the Chromium executable (see FindBrowser).
	Browser string
	// Site is the built site: its Documents are the published ones.
	Site *site.Site
	// Files are the files the build wrote.
	Files *output.Memory
	// Out receives the PDFs.
	Out output.Writer
	// Date is shown on the handbook's cover.
	Date time.Time
	// Tabs is how many documents are printed at once, at most MaxTabs; 0
	// means MaxTabs.
	Tabs int
	// Timeout bounds the printing of one document; the whole handbook has
	// this and twice the time the documents took one by one. 0 means
	// DefaultTimeout.
	Timeout time.Duration
}

// Result says what was printed.
type Result struct {
	// Documents is how many documents have a PDF of their own.
	Documents int
	// Pages is how many pages the whole handbook's PDF has.
	Pages int
	// Files is how many files were written.
	Files int
}

// FindBrowser returns the Chromium to run: path if not empty, else the
// executable that getenv(BrowserEnv) names, else the first of Browsers
// found on PATH. It returns an error wrapping ErrNoBrowser that says how to
// install one when there is none, or when the one named does not exist.
func FindBrowser(path string, getenv func(string) string) (string, error) {
	named, how := path, "--browser"
	if named == "" {
		named, how = getenv(BrowserEnv), BrowserEnv
	}
	if named != "" {
		p, err := exec.LookPath(named)
		if err != nil {
			return "", fmt.Errorf("%w: %s names %s, which is not an executable (%v); install Chromium (on Debian or Ubuntu: apt-get install chromium) or name one that is", ErrNoBrowser, how, named, unwrapExec(err))
		}
		return p, nil
	}
	for _, name := range Browsers {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: none of %s is on PATH; install Chromium (on Debian or Ubuntu: apt-get install chromium), or name its executable with --browser PATH or %s", ErrNoBrowser, strings.Join(Browsers, ", "), BrowserEnv)
}

// unwrapExec is the reason exec.LookPath gives, without the name it
// repeats.
func unwrapExec(err error) error {
	var e *exec.Error
	if errors.As(err, &e) {
		if errors.Is(e.Err, os.ErrNotExist) || errors.Is(e.Err, exec.ErrNotFound) {
			return errors.New("no such file")
		}
		return e.Err
	}
	return err
}

// FileOf is the name of a document's PDF in the output: its page's folder,
// as a file (governance/0010_framework.pdf for
// governance/0010_framework/index.html). A document whose PDF would be the
// whole handbook's gets "-document" added.
func FileOf(d *site.Document) string {
	name := strings.TrimSuffix(d.URL, "/index.html")
	name = strings.TrimSuffix(name, path.Ext(name)) + ".pdf"
	if name == Handbook {
		name = strings.TrimSuffix(Handbook, ".pdf") + "-document.pdf"
	}
	return name
}

// Print prints every published document to a PDF of its own, and the whole
// handbook to Handbook, and writes them to opts.Out. It stops at the first
// error, leaving what it wrote: the caller discards it.
func Print(ctx context.Context, opts Options) (Result, error) {
	if opts.Tabs <= 0 || opts.Tabs > MaxTabs {
		opts.Tabs = MaxTabs
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	book, err := newBook(opts.Site, opts.Files, opts.Date)
	if err != nil {
		return Result{}, err
	}
	srv, err := serve(opts.Files, book)
	if err != nil {
		return Result{}, err
	}
	defer srv.close()
	b, err := startBrowser(ctx, opts.Browser)
	if err != nil {
		return Result{}, err
	}
	defer b.close()
	return printBook(ctx, b, srv, book, opts)
}
