// Package scaffold writes the files a handbook starts from: the skeleton of
// a new site (govdoc init) and a new document with the site's required
// metadata and the next free Document-ID (govdoc new). It reads an assembled
// site to learn its rules and IDs; it does not build or check one.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/source"
)

// skeleton holds the files of a new handbook, as they are written but for
// DateToken.
//
//go:embed all:skeleton
var skeleton embed.FS

// Skeleton returns the files of a new handbook, rooted at the site folder.
func Skeleton() fs.FS {
	sub, err := fs.Sub(skeleton, "skeleton")
	if err != nil {
		panic(err) // the folder is embedded: it cannot be missing
	}
	return sub
}

// DateToken in a skeleton file becomes the date the handbook is made, so
// that its documents are not due for review the day they are written.
const DateToken = "YYYY-MM-DD"

// File is a file to write: its path from the site root and its text.
type File struct {
	Path string
	Text []byte
}

// ErrSiteExists is returned by Init for a folder that already holds a site.
var ErrSiteExists = errors.New("already holds a handbook")

// Init writes the skeleton into dir, creating dir if it does not exist. It
// refuses a folder that has site.yaml or content/, and keeps any other file
// that is already there, such as a .gitignore. It returns the files written,
// from dir, with forward slashes.
func Init(dir string, today time.Time) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	for _, name := range []string{config.File, source.ContentDir} {
		if _, err := root.Lstat(name); err == nil {
			return nil, fmt.Errorf("%s %w: it has %s", dir, ErrSiteExists, name)
		}
	}
	skel := Skeleton()
	var files []File
	err = fs.WalkDir(skel, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		text, err := fs.ReadFile(skel, p)
		files = append(files, File{Path: p, Text: bytes.ReplaceAll(text, []byte(DateToken), []byte(today.Format("2006-01-02")))})
		return err
	})
	if err != nil {
		return nil, err
	}
	var written []string
	for _, f := range files {
		if _, err := root.Lstat(filepath.FromSlash(f.Path)); err == nil {
			continue // a file of the user's, such as .gitignore
		}
		if err := writeNew(root, f); err != nil {
			return written, err
		}
		written = append(written, f.Path)
	}
	return written, nil
}

// writeNew creates a file and its folders, failing if the file exists.
func writeNew(root *os.Root, f File) error {
	name := filepath.FromSlash(f.Path)
	if err := root.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	w, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = w.Write(f.Text)
	return errors.Join(err, w.Close())
}
