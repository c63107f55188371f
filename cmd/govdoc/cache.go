package main

import (
	"context"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/govdoc/govdoc/generator/memo"
)

// cacheOptions are the --cache and --no-cache flags of the commands that
// read a site.
type cacheOptions struct {
	dir  string
	none bool
}

// flags adds --cache and --no-cache to cmd.
func (c *cacheOptions) flags(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&c.dir, "cache", "", "keep the site's caches in `DIR` (default: a folder per site in the user cache folder)")
	_ = cobra.MarkFlagDirname(fl, "cache")
	fl.BoolVar(&c.none, "no-cache", false, "use no cache: compute everything afresh, keep nothing")
	cmd.MarkFlagsMutuallyExclusive("cache", "no-cache")
}

// caches are the files and folder where a run keeps its caches; an empty
// name is no cache.
type caches struct {
	links   string // the answers of external links (check --external)
	history string // the commits read from git
	results string // the stages' results
}

// resolve says where the caches of the site src are. --cache named the link
// cache file before it named the folder of all caches: a value that is an
// existing file, or ends in .json, still does, with a note on stderr, and
// the other caches stay in the default folder.
func (c *cacheOptions) resolve(src, command string, stderr io.Writer) caches {
	if c.none {
		return caches{}
	}
	dir, links := c.dir, ""
	if dir != "" && isLinkCacheFile(dir) {
		fmt.Fprintf(stderr, "%s: --cache %s names a file, which is deprecated: name a folder, where govdoc keeps links.json and its other caches\n", command, dir)
		dir, links = "", c.dir
	}
	if dir == "" {
		dir = defaultCacheDir(src)
	}
	if dir == "" {
		return caches{links: links}
	}
	cs := caches{links: links, history: filepath.Join(dir, "git-history.gob"), results: filepath.Join(dir, "results")}
	if cs.links == "" {
		cs.links = filepath.Join(dir, "links.json")
	}
	return cs
}

// isLinkCacheFile reports whether a --cache value names the link cache
// file, as --cache FILE did: an existing regular file, or a .json name.
func isLinkCacheFile(v string) bool {
	if strings.EqualFold(filepath.Ext(v), ".json") {
		return true
	}
	fi, err := os.Stat(v)
	return err == nil && fi.Mode().IsRegular()
}

// defaultCacheDir is the folder of the caches of the site src: one per site
// in the user's cache folder, never in the site itself; "" when the user
// has no cache folder.
func defaultCacheDir(src string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		abs = src
	}
	name := strings.NewReplacer("/", "_", "\\", "_", ":", "_").Replace(strings.Trim(abs, "/\\"))
	if len(name) > 100 {
		// Within the length of a file name; the hash keeps it the site's.
		sum := sha256.Sum256([]byte(abs))
		name = name[len(name)-60:] + "-" + hex.EncodeToString(sum[:8])
	}
	if name == "" {
		name = "_"
	}
	return filepath.Join(dir, "govdoc", name)
}

// openResults opens the result cache of cs, or returns nil when there is
// none. A cache that cannot be opened is no reason to stop: the run goes on
// without, and says so.
func openResults(cs caches, command string, stderr io.Writer) *memo.Store {
	if cs.results == "" {
		return nil
	}
	identity, ok := buildIdentity()
	if !ok {
		fmt.Fprintf(stderr, "%s: cannot read govdoc's own executable to tell its results from another build's; running without the result cache\n", command)
		return nil
	}
	s, err := memo.Open(cs.results, identity)
	if err != nil {
		fmt.Fprintf(stderr, "%s: result cache: %v; running without it\n", command, err)
		return nil
	}
	return s
}

// closeResults writes the run's results. A run that was interrupted asked
// for only some of the results it would have, so it drops none for not
// being used.
func closeResults(ctx context.Context, s *memo.Store, command string, stderr io.Writer) {
	if ctx.Err() != nil {
		s.Keep()
	}
	if err := s.Close(); err != nil {
		fmt.Fprintf(stderr, "%s: result cache: %v\n", command, err)
	}
}

// buildIdentity names this govdoc for the result cache, so that results
// another build of govdoc computed are never reused; false when it cannot.
func buildIdentity() (string, bool) {
	info, _ := debug.ReadBuildInfo()
	return identityOf(version, info, executableID)
}

// identityOf names a govdoc linked with the version linked and built as
// info says: by its version and everything Go recorded of its build (the
// module versions, the commit, the settings); and, unless that was a
// release or a commit without changes, by its executable's content, which
// executable returns ("" when it cannot be read).
func identityOf(linked string, info *debug.BuildInfo, executable func() string) (string, bool) {
	var b strings.Builder
	fmt.Fprintf(&b, "govdoc %s\n", versionOf(linked, info))
	if info != nil {
		b.WriteString(info.String())
	}
	if !fromCommittedSource(info) {
		exe := executable()
		if exe == "" {
			return "", false
		}
		fmt.Fprintf(&b, "executable %s\n", exe)
	}
	return b.String(), true
}

// fromCommittedSource reports whether info describes a build of a module
// version (go install ...@v1.2.3) or of a commit without changes: a build
// that its description names.
func fromCommittedSource(info *debug.BuildInfo) bool {
	if info == nil {
		return false
	}
	var revision, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if modified == "true" {
		return false
	}
	if v := info.Main.Version; v != "" && v != "(devel)" && !strings.Contains(v, "+dirty") {
		return true
	}
	return revision != "" && modified == "false"
}

// executableID identifies the content of govdoc's executable: the build ID
// the go command computed from it, or else a hash of it; "" when it cannot
// be read.
func executableID() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	if id := goBuildID(path); id != "" {
		return "go build ID " + id
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return "sha256 " + hex.EncodeToString(h.Sum(nil))
}

// goBuildID reads the Go build ID from the note an ELF executable keeps it
// in, or returns "" for another kind of executable or one without.
func goBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	data, err := sec.Data()
	// A note: the sizes of its name and of its contents, its type (4 for
	// a Go build ID), its name ("Go" padded to 4 bytes), its contents.
	if err != nil || len(data) < 16 {
		return ""
	}
	nameSize, size, kind := f.ByteOrder.Uint32(data), f.ByteOrder.Uint32(data[4:]), f.ByteOrder.Uint32(data[8:])
	if nameSize != 4 || kind != 4 || string(data[12:16]) != "Go\x00\x00" || uint64(size) > uint64(len(data)-16) {
		return ""
	}
	return string(data[16 : 16+size])
}
