package generator

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/output"
)

// ErrFindings is returned when a build has error findings; its output is
// not published.
var ErrFindings = errors.New("the build has errors")

// Publish builds the site at siteDir (read through opts.Source) into the
// output folder out, or site.yaml's output when out is empty, relative to
// siteDir. The new site replaces the old one only when the build has no
// error findings; otherwise, or if anything fails, the old one stays as it
// was. It returns the result and the output folder.
func Publish(ctx context.Context, opts Options, siteDir, out string) (*Result, string, error) {
	if out == "" {
		cfg, findings, err := config.Load(opts.Source)
		if err != nil {
			return nil, "", err
		}
		if findings.Errors() > 0 {
			return &Result{Findings: findings}, "", ErrConfig
		}
		out = filepath.Join(siteDir, filepath.FromSlash(cfg.Output))
	}
	dir, err := output.NewDir(siteDir, out)
	if err != nil {
		return nil, out, err
	}
	res, err := Build(ctx, opts, dir)
	if err == nil && res.Findings.Errors() > 0 {
		err = ErrFindings
	}
	if err != nil {
		if abortErr := dir.Abort(); abortErr != nil {
			err = fmt.Errorf("%w (and the staging folder could not be removed: %v)", err, abortErr)
		}
		return res, out, err
	}
	if err := dir.Commit(); err != nil {
		_ = dir.Abort()
		return res, out, fmt.Errorf("publishing %s: %w", out, err)
	}
	return res, out, nil
}
