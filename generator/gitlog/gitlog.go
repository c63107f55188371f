// Package gitlog reads what git knows about a site's files in one pass over
// the log: for each file its last commit and its recent commits, and the
// site's own commit. A site outside git, a machine without git and a
// shallow clone are not errors: they only give less information. It does
// not decide what the information is used for.
package gitlog

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Commit is one commit of the log.
type Commit struct {
	Hash    string
	Author  string
	Date    time.Time // the author date
	Subject string
	Files   []string // changed files, from the site root
}

// Short is the abbreviated hash.
func (c *Commit) Short() string { return c.Hash[:min(len(c.Hash), 12)] }

// File is what the log says about one file.
type File struct {
	Last   *Commit
	Recent []*Commit // newest first, at most Recent of Options
}

// Log is a site's history.
type Log struct {
	Head    *Commit // the site's current commit; nil outside git
	Commits []*Commit
	Files   map[string]*File
	Shallow bool // the clone has part of the history only
}

// Options bound what Read keeps.
type Options struct {
	Recent int // commits kept per file; default 5
	Max    int // commits read; 0 means all
	// Cache, when set, is a file where Read keeps the commits it read, so
	// that the next Read asks git only for the commits made since (see
	// cache.go).
	Cache string
	// Processes is how many git processes work out which files each
	// commit changed; 0 means one per CPU.
	Processes int
}

// ErrNoGit is returned when git is not installed or the folder is not in
// a git repository; callers build without history.
var ErrNoGit = errors.New("no git history")

// Read runs git log once in dir (the site root, which may be a folder of a
// larger repository) and returns the history of the files below it.
func Read(ctx context.Context, dir string, opts Options) (*Log, error) {
	if opts.Recent <= 0 {
		opts.Recent = 5
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, ErrNoGit
	}
	prefix, err := git(ctx, dir, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, ErrNoGit
	}
	log := &Log{Files: map[string]*File{}}
	if s, err := git(ctx, dir, "rev-parse", "--is-shallow-repository"); err == nil {
		log.Shallow = strings.TrimSpace(s) == "true"
	}
	head := Head(ctx, dir)
	if head == "" {
		return log, nil // a new repository: no history yet
	}
	rel := strings.TrimSpace(prefix) != ""
	var cached *cacheFile
	if !log.Shallow {
		cached = loadCache(opts, prefix)
	}
	since := ""
	if cached != nil && cached.Head != head {
		if linearSince(ctx, dir, cached.Head) {
			since = cached.Head
		} else {
			cached = nil
		}
	}
	if cached == nil || since != "" {
		commits, err := readLog(ctx, dir, opts, rel, since)
		if err != nil {
			return nil, err
		}
		log.Commits = commits
	}
	if cached != nil {
		log.Commits = append(log.Commits, cached.commits()...)
	}
	if opts.Max > 0 && len(log.Commits) > opts.Max {
		log.Commits = log.Commits[:opts.Max]
	}
	if !log.Shallow && (since != "" || cached == nil) {
		saveCache(opts, head, prefix, log.Commits)
	}
	for _, c := range log.Commits {
		for _, name := range c.Files {
			addFile(log, c, name, opts.Recent)
		}
	}
	if len(log.Commits) > 0 {
		head, err := git(ctx, dir, "log", "-1", "--format=%H%x1f%an%x1f%aI%x1f%s")
		if err == nil {
			if c, ok := commit(strings.TrimRight(head, "\n")); ok {
				log.Head = c
			}
		}
	}
	return log, nil
}

// Head returns the commit checked out in dir's repository, or "" outside
// git, without git, or before the first commit.
func Head(ctx context.Context, dir string) string {
	head, _ := git(ctx, dir, "rev-parse", "-q", "--verify", "HEAD")
	return strings.TrimSpace(head)
}

// logFormat is the header of each commit in the output that parse reads:
// a record separator, then the hash, author, author date and subject,
// unit-separated.
const logFormat = "--format=%x1e%H%x1f%an%x1f%aI%x1f%s"

// batch is how many commits are handed to a git diff-tree process at a time.
var batch = 1000

// readLog reads the log newest commit first: the whole history, or the
// commits after since. With rel, the site is a folder of a larger
// repository: only its commits are read, with paths from its root.
//
// Working out which files each commit changed is nearly all of git's work,
// and one git process does it on one core. So git rev-list names the
// commits, and they are dealt out in batches, in turn, to one git diff-tree
// per process; the commits are then put back in the order rev-list gave.
func readLog(ctx context.Context, dir string, opts Options, rel bool, since string) ([]*Commit, error) {
	args := []string{"rev-list"}
	if opts.Max > 0 {
		args = append(args, fmt.Sprintf("--max-count=%d", opts.Max))
	}
	if since != "" {
		args = append(args, since+"..HEAD")
	} else {
		args = append(args, "HEAD")
	}
	if rel {
		// Limiting by path costs git time, so it is done only when needed.
		args = append(args, "--", ".")
	}
	out, err := git(ctx, dir, args...)
	if err != nil {
		return nil, fmt.Errorf("git rev-list: %w", err)
	}
	hashes := strings.Fields(out)
	procs := opts.Processes
	if procs <= 0 {
		procs = runtime.NumCPU()
	}
	procs = min(procs, (len(hashes)+batch-1)/batch)
	read := make([][]*Commit, procs)
	errs := make([]error, procs)
	var wg sync.WaitGroup
	for p := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []string // batches p, p+procs, p+2*procs...
			for lo := p * batch; lo < len(hashes); lo += procs * batch {
				mine = append(mine, hashes[lo:min(lo+batch, len(hashes))]...)
			}
			read[p], errs[p] = diffTrees(ctx, dir, rel, mine)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	commits := make([]*Commit, 0, len(hashes))
	for lo := 0; lo < len(hashes); lo += batch {
		p := lo / batch % procs
		n := min(batch, len(hashes)-lo)
		commits = append(commits, read[p][:n]...)
		read[p] = read[p][n:]
	}
	return commits, nil
}

// diffTrees runs one git diff-tree for the given commits and returns them,
// in the same order, with the files each changed. Merges name no file, as
// in git log.
func diffTrees(ctx context.Context, dir string, rel bool, hashes []string) ([]*Commit, error) {
	args := []string{"diff-tree", "--stdin", "--root", "--always", "-r", "--no-renames", "--name-only", "-z", logFormat}
	if rel {
		args = append(args, "--relative")
	}
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		defer stdin.Close()
		w := bufio.NewWriter(stdin)
		for _, h := range hashes {
			w.WriteString(h)
			w.WriteByte('\n')
		}
		w.Flush()
	}()
	commits, err := parse(stdout)
	if err != nil {
		cmd.Process.Kill() // it would wait for its output to be read
		cmd.Wait()
		return nil, err
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("git diff-tree: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	if len(commits) != len(hashes) {
		return nil, fmt.Errorf("git diff-tree: %d commits for %d asked", len(commits), len(hashes))
	}
	for i, c := range commits {
		if c.Hash != hashes[i] {
			return nil, fmt.Errorf("git diff-tree: commit %s where %s was asked", c.Hash, hashes[i])
		}
	}
	return commits, nil
}

// parse reads git diff-tree -z --name-only output: each commit starts with a
// record separator, its fields are unit-separated, and its file names
// follow, each ended by a NUL.
func parse(r io.Reader) ([]*Commit, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var commits []*Commit
	var cur *Commit
	for {
		tok, err := br.ReadString(0)
		if tok != "" {
			tok = strings.TrimSuffix(tok, "\x00")
			for len(tok) > 0 {
				if i := strings.IndexByte(tok, 0x1e); i >= 0 {
					// A new commit header; file names may precede it.
					if name := strings.Trim(tok[:i], "\n"); name != "" && cur != nil {
						cur.Files = append(cur.Files, name)
					}
					rest := tok[i+1:]
					head, after, _ := strings.Cut(rest, "\n")
					c, ok := commit(head)
					if !ok {
						return nil, fmt.Errorf("git diff-tree: unexpected line %q", head)
					}
					cur = c
					commits = append(commits, c)
					tok = after
					continue
				}
				if name := strings.Trim(tok, "\n"); name != "" && cur != nil {
					cur.Files = append(cur.Files, name)
				}
				break
			}
		}
		if errors.Is(err, io.EOF) {
			return commits, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func addFile(log *Log, c *Commit, name string, recent int) {
	f := log.Files[name]
	if f == nil {
		f = &File{Last: c} // the log is newest first
		log.Files[name] = f
	}
	if len(f.Recent) < recent {
		f.Recent = append(f.Recent, c)
	}
}

func commit(line string) (*Commit, bool) {
	parts := strings.Split(line, "\x1f")
	if len(parts) != 4 {
		return nil, false
	}
	date, err := time.Parse(time.RFC3339, parts[2])
	if err != nil {
		return nil, false
	}
	return &Commit{Hash: parts[0], Author: parts[1], Date: date, Subject: parts[3]}, true
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv()
	out, err := cmd.Output()
	return string(out), err
}

// gitEnv keeps git from paging, prompting or reading a user's aliases into
// the output format.
func gitEnv() []string {
	return append(exec.Command("git").Environ(), "GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
}
