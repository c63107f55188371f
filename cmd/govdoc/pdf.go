package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/pdf"
)

// pdfOptions are the flags of govdoc pdf.
type pdfOptions struct {
	source, out, audience, browser string
	caches                         cacheOptions
}

func pdfCommand(g *globals) *cobra.Command {
	o := &pdfOptions{}
	cmd := &cobra.Command{
		Use:   "pdf",
		Short: "Print each document, and the whole handbook, to PDF",
		Long: `Pdf builds the site in --source as build does and prints it with a headless
Chromium into --out: a PDF per published document, in the folders of their
sections (governance/0010_governance_framework.pdf), and the whole handbook,
handbook.pdf, with a cover, the contents and every document. Each page carries
the Document ID, version and classification of its document, and its page
number. The audience is build's: a document left out is in no PDF.

It reports the same problems as build and prints nothing when there is an
error; the new folder takes the previous one's place only once every PDF is
printed. Chromium is looked for with --browser, else $` + pdf.BrowserEnv + `, else
on PATH (chromium, chromium-browser, google-chrome); without it pdf exits 2.`,
		Example: "  govdoc pdf\n  govdoc pdf --audience Public --out handbook-pdf\n  govdoc pdf --browser /opt/chrome/chrome",
		Args:    noArgs,
		RunE: g.runE(func(ctx context.Context, _ []string, today time.Time, stdout, stderr io.Writer) int {
			return printPDF(ctx, o, today, g.getenv, stdout, stderr)
		}),
	}
	fl := cmd.Flags()
	sourceFlag(fl, &o.source)
	fl.StringVar(&o.out, "out", "", "write the PDFs to `DIR` (default: pdf in the site folder)")
	_ = cobra.MarkFlagDirname(fl, "out")
	audienceFlag(fl, &o.audience, "print")
	fl.StringVar(&o.browser, "browser", "", "run the Chromium at `PATH` (default: $"+pdf.BrowserEnv+", else chromium on PATH)")
	o.caches.flags(cmd)
	return cmd
}

func printPDF(ctx context.Context, o *pdfOptions, today time.Time, getenv func(string) string, stdout, stderr io.Writer) int {
	browser, err := pdf.FindBrowser(o.browser, getenv)
	if err != nil {
		fmt.Fprintf(stderr, "govdoc pdf: %v\n", err)
		return exitUsage
	}
	opts, done, ok := publishing(ctx, "govdoc pdf", o.source, o.audience, &o.caches, today, stderr)
	if !ok {
		return exitUsage
	}
	defer done()
	start := time.Now()
	res, printed, dir, err := generator.PublishPDF(ctx, opts, o.source, o.out, pdf.Options{Browser: browser})
	if res != nil {
		printFindings(stderr, res.Findings)
	}
	switch {
	case errors.Is(err, generator.ErrFindings):
		fmt.Fprintf(stderr, "govdoc pdf: %s; %s left unchanged\n", counts(res.Findings), dir)
		return exitFindings
	case errors.Is(err, generator.ErrConfig):
		fmt.Fprintf(stderr, "govdoc pdf: %s has errors; nothing was printed\n", config.File)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "govdoc pdf: %v; %s left unchanged\n", err, dir)
		if ctx.Err() != nil || res != nil {
			return exitFindings
		}
		return exitUsage
	}
	fmt.Fprintf(stdout, "govdoc pdf: %s and the handbook (%s); %s; %s to %s in %s\n",
		count(printed.Documents, "document", "documents"), count(printed.Pages, "page", "pages"),
		counts(res.Findings), count(printed.Files, "file", "files"), dir, duration(time.Since(start)))
	return exitOK
}
