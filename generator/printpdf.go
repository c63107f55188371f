package generator

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/generator/pdf"
)

// DefaultPDFOutput is where PublishPDF writes when no folder is given,
// relative to the site root.
const DefaultPDFOutput = "pdf"

// PublishPDF builds the site at siteDir (read through opts.Source) in
// memory and prints it to PDF into the folder out, or DefaultPDFOutput
// when out is empty, relative to siteDir: a PDF per published document and
// one of the whole handbook (see package pdf). print says which browser to
// run and how; its Site, Files, Out and Date are set here. As Publish
// does, it writes nothing when the build has error findings (ErrFindings),
// and replaces the folder only once every PDF is printed. It returns the
// build's result, what was printed, and the output folder.
func PublishPDF(ctx context.Context, opts Options, siteDir, out string, print pdf.Options) (*Result, pdf.Result, string, error) {
	if out == "" {
		out = filepath.Join(siteDir, DefaultPDFOutput)
	}
	if err := output.Check(siteDir, out); err != nil {
		return nil, pdf.Result{}, out, err
	}
	files := output.NewMemory()
	res, err := Build(ctx, opts, files)
	if err == nil && res.Findings.Errors() > 0 {
		err = ErrFindings
	}
	if err != nil {
		return res, pdf.Result{}, out, err
	}
	dir, err := output.NewDir(siteDir, out)
	if err != nil {
		return res, pdf.Result{}, out, err
	}
	print.Site, print.Files, print.Out, print.Date = res.Site, files, dir, now(opts)
	printed, err := pdf.Print(ctx, print)
	if err != nil {
		if abortErr := dir.Abort(); abortErr != nil {
			err = fmt.Errorf("%w (and the staging folder could not be removed: %v)", err, abortErr)
		}
		return res, printed, out, err
	}
	if err := dir.Commit(); err != nil {
		_ = dir.Abort()
		return res, printed, out, fmt.Errorf("publishing %s: %w", out, err)
	}
	return res, printed, out, nil
}
