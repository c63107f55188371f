// Package gitlog reads what git knows about a site's files in one pass over
// the log: each commit with the files it added, changed, deleted, renamed or
// copied, and the site's own commit; and it follows the site's documents
// back through that history (follow.go), so that each commit is known by
// the documents it touched, whatever their paths were then. A site outside
// git, a machine without git and a shallow clone are not errors: they only
// give less information. It does not decide what the information is used
// for.
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
	// Parents are the commit's parents in the history read: for a site in
	// a folder of a larger repository, the nearest that changed the folder.
	Parents []string
	// Changes are the files the commit changed, from the site root. Those
	// of a merge are against each of its parents (Change.Parent): they are
	// not the merge's own work, and git log names no file for a merge.
	Changes []Change
}

// Short is the abbreviated hash.
func (c *Commit) Short() string { return c.Hash[:min(len(c.Hash), 12)] }

// Merge reports whether the commit has more than one parent.
func (c *Commit) Merge() bool { return len(c.Parents) > 1 }

// Change is one file a commit changed, as git diff-tree -M -C names it.
type Change struct {
	// Status is 'A' (added), 'M' (modified, or its type changed), 'D'
	// (deleted), 'R' (renamed from From) or 'C' (copied from From, a file
	// the same commit changed).
	Status byte
	Path   string // the file after the commit; for 'D', the file deleted
	From   string // for 'R' and 'C', the file before
	Parent int    // for a merge, the index of the parent the change is against
}

// File is what the log says about one document: its commits, newest first.
type File struct {
	Last   *Commit
	Recent []*Commit // newest first, at most Recent of Options
}

// Log is a site's history.
type Log struct {
	Head    *Commit // the site's current commit; nil outside git
	Commits []*Commit
	Shallow bool // the clone has part of the history only
	// Recent is how many commits a document's File keeps.
	Recent int

	follow followCache // the documents last followed (follow.go)
	// dir and prefix are the site's folder and its path from the top of
	// its repository, for reading files as they were (Contents).
	dir, prefix string
}

// Options bound what Read keeps.
type Options struct {
	Recent int // commits kept per document; default 5
	Max    int // commits read; 0 means all
	// Cache, when set, is a file where Read keeps the commits it read, so
	// that the next Read asks git only for the commits made since (see
	// cache.go).
	Cache string
	// Processes is how many git processes work out which files each
	// commit changed; 0 means one per CPU.
	Processes int
	// Hurry, when not nil, is for a caller that reads the history in the
	// background and may come to wait for it: Read starts one process,
	// which takes the least CPU time from the caller's other work, and the
	// others only once Hurry is closed.
	Hurry <-chan struct{}
}

// ErrNoGit is returned when git is not installed or the folder is not in
// a git repository; callers build without history.
var ErrNoGit = errors.New("no git history")

// Read reads the history of dir (the site root, which may be a folder of a
// larger repository) in one pass over the log, not a pass per file, and
// returns its commits with the changes each made below it.
func Read(ctx context.Context, dir string, opts Options) (*Log, error) {
	if opts.Recent <= 0 {
		opts.Recent = 5
	}
	prefix, err := repository(ctx, dir)
	if err != nil {
		return nil, err
	}
	log := &Log{Recent: opts.Recent, dir: dir, prefix: prefix}
	if s, err := git(ctx, dir, "rev-parse", "--is-shallow-repository"); err == nil {
		log.Shallow = strings.TrimSpace(s) == "true"
	}
	head := Head(ctx, dir)
	if head == "" {
		return log, nil // a new repository: no history yet
	}
	rel := prefix != ""
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
	if len(log.Commits) > 0 {
		head, err := git(ctx, dir, "log", "-1", "--format=%H%x1f%P%x1f%an%x1f%aI%x1f%s")
		if err == nil {
			if c, parents, ok := commit(strings.TrimRight(head, "\n")); ok {
				c.Parents = strings.Fields(parents)
				log.Head = c
			}
		}
	}
	return log, nil
}

// repository returns the path of dir from the top of its git repository,
// with a trailing slash ("" at the top). Without git, or outside a
// repository, the error is ErrNoGit. A repository that git refuses to
// read, such as one owned by another user (git's safe.directory), is
// another error, with git's reason: the history is there but cannot be
// had.
func repository(ctx context.Context, dir string) (string, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return "", ErrNoGit
	}
	prefix, err := git(ctx, dir, "rev-parse", "--show-prefix")
	if err == nil {
		return strings.TrimSpace(prefix), nil
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return "", err
	}
	msg := strings.TrimSpace(string(exit.Stderr))
	if msg == "" || strings.Contains(msg, "not a git repository") {
		return "", ErrNoGit
	}
	msg = strings.Join(strings.Fields(strings.ReplaceAll(msg, "fatal: ", "")), " ")
	return "", fmt.Errorf("git: %s", msg)
}

// Head returns the commit checked out in dir's repository, or "" outside
// git, without git, or before the first commit.
func Head(ctx context.Context, dir string) string {
	head, _ := git(ctx, dir, "rev-parse", "-q", "--verify", "HEAD")
	return strings.TrimSpace(head)
}

// logFormat is the header of each commit in the output that parse reads:
// a record separator, then the hash, the parent it is compared with, the
// author, author date and subject, unit-separated.
const logFormat = "--format=%x1e%H%x1f%P%x1f%an%x1f%aI%x1f%s"

// batch is how many commits are handed to a git diff-tree process at a time.
var batch = 1000

// readLog reads the log newest commit first: the whole history, or the
// commits after since. With rel, the site is a folder of a larger
// repository: only its commits are read, with paths from its root.
//
// Working out which files each commit changed is nearly all of git's work,
// and one git process does it on one core. So git rev-list names the
// commits with their parents, and as it does they are queued in batches for
// git diff-tree processes to take, one batch after another; the commits are
// then put back in the order rev-list gave. There is one process per CPU,
// or, with opts.Hurry, one until Hurry is closed: fewer processes take less
// CPU time in all from the caller's other work.
func readLog(ctx context.Context, dir string, opts Options, rel bool, since string) ([]*Commit, error) {
	args := []string{"rev-list", "--parents"}
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
		// The parents rev-list then names are the nearest commits that
		// changed the folder.
		args = append(args, "--", ".")
	}
	revList := command(ctx, dir, args...)
	out, err := revList.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	revList.Stderr = &stderr
	if err := revList.Start(); err != nil {
		return nil, err
	}

	queue := make(chan batchOf, 1024)
	var (
		mu      sync.Mutex
		batches [][]*Commit // by batch number
		errs    []error
		wg      sync.WaitGroup
		taken   = make(chan struct{}) // closed when the queue is empty and closed
		once    sync.Once
	)
	start := func() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := diffTrees(ctx, dir, rel, queue, func(b batchOf, commits []*Commit) {
				mu.Lock()
				defer mu.Unlock()
				for len(batches) <= b.n {
					batches = append(batches, nil)
				}
				batches[b.n] = commits
			})
			once.Do(func() { close(taken) })
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}()
	}
	procs := opts.Processes
	if procs <= 0 {
		procs = runtime.NumCPU()
	}
	first := procs
	if opts.Hurry != nil {
		first = 1
	}
	for range first {
		start()
	}
	more := make(chan struct{})
	go func() {
		defer close(more)
		select {
		case <-opts.Hurry: // a nil Hurry never comes
			for range procs - first {
				start()
			}
		case <-taken:
		}
	}()

	sc := bufio.NewScanner(out)
	b := batchOf{}
	for sc.Scan() {
		b.commits = append(b.commits, strings.Fields(sc.Text()))
		if len(b.commits) == batch {
			queue <- b
			b = batchOf{n: b.n + 1}
		}
	}
	if len(b.commits) > 0 {
		queue <- b
		b.n++
	}
	close(queue)
	scanErr := sc.Err()
	if err := revList.Wait(); err != nil {
		scanErr = fmt.Errorf("git rev-list: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	<-more // no process starts after this
	wg.Wait()
	if err := errors.Join(append(errs, scanErr)...); err != nil {
		return nil, err
	}
	var commits []*Commit
	for i := range b.n { // the number of batches queued
		if i >= len(batches) || batches[i] == nil {
			return nil, fmt.Errorf("git diff-tree: batch %d of commits was not read", i)
		}
		commits = append(commits, batches[i]...)
	}
	return commits, nil
}

// batchOf is the n-th batch of commits named by git rev-list: each a hash
// followed by its parents' hashes.
type batchOf struct {
	n       int
	commits [][]string
}

// diffTrees runs one git diff-tree for the batches it takes from the queue
// until it is empty, and gives each batch's commits, with the files each
// changed, to done. A merge is asked for once per parent, so that each of
// its changes says which parent it is against. Renames are followed (-M),
// and so are files copied from a file the same commit changed (-C): a file
// moved away and another written in its place is a copy of the old
// contents, not only an edit. Both cost git work only in a commit that
// adds files. diffTrees takes a batch only when git is done with all but
// one of those it took, so that a process started later finds work left.
func diffTrees(ctx context.Context, dir string, rel bool, queue <-chan batchOf, done func(batchOf, []*Commit)) error {
	args := []string{"diff-tree", "--stdin", "--root", "--always", "-r", "-M", "-C", "--name-status", "-z", logFormat}
	if rel {
		args = append(args, "--relative")
	}
	cmd := command(ctx, dir, args...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		for range queue { // readLog queues until it closes the queue
		}
		return err
	}
	// The writer ends each batch with a line that is no commit, which git
	// echoes, flushing its output: the end of the batch's output. The
	// writer passes each batch to the reader before it writes it, and
	// waits while git has two.
	inFlight := make(chan batchOf, 2)
	go func() {
		defer close(inFlight)
		defer stdin.Close()
		w := bufio.NewWriter(stdin)
		var err error
		for b := range queue {
			inFlight <- b
			for _, c := range b.commits {
				if err != nil {
					break
				}
				err = writeCommit(w, c)
			}
			if err == nil {
				_, err = w.WriteString(batchEnd + "\n")
			}
			if err == nil {
				err = w.Flush()
			}
		}
	}()
	var got []batchOf // in the order written
	commits, err := parse(stdout, func() error {
		b, ok := <-inFlight
		if !ok {
			return errors.New("git diff-tree: output for no batch")
		}
		got = append(got, b)
		return nil
	})
	if err != nil {
		cmd.Process.Kill() // it would wait for its output to be read
	}
	if waitErr := cmd.Wait(); err == nil && waitErr != nil {
		err = fmt.Errorf("git diff-tree: %v: %s", waitErr, strings.TrimSpace(stderr.String()))
	}
	for b := range inFlight { // after an error, the batches still taken
		got = append(got, b)
	}
	if err != nil {
		return err
	}
	for _, b := range got {
		if len(commits) < len(b.commits) {
			return fmt.Errorf("git diff-tree: no output for commit %s", b.commits[len(commits)][0])
		}
		for i, c := range b.commits {
			if commits[i].Hash != c[0] {
				return fmt.Errorf("git diff-tree: commit %s where %s was asked", commits[i].Hash, c[0])
			}
		}
		done(b, commits[:len(b.commits)])
		commits = commits[len(b.commits):]
	}
	if len(commits) > 0 {
		return fmt.Errorf("git diff-tree: commit %s was not asked", commits[0].Hash)
	}
	return nil
}

// writeCommit asks git diff-tree for a commit (its hash, then its parents,
// as rev-list named them): once against its parent, or once against each
// parent of a merge.
func writeCommit(w *bufio.Writer, c []string) error {
	if len(c) <= 2 {
		_, err := w.WriteString(strings.Join(c, " ") + "\n")
		return err
	}
	for _, p := range c[1:] {
		if _, err := w.WriteString(c[0] + " " + p + "\n"); err != nil {
			return err
		}
	}
	return nil
}

// batchEnd ends a batch of commits given to git diff-tree: a group
// separator, which is no commit.
const batchEnd = "\x1d"

// parse reads git diff-tree -z --name-status output. Each commit starts
// with a record separator and its unit-separated fields, ended by a NUL;
// then come its changes, each a status (after a newline for the first) and
// one path, or two for a rename or copy, each ended by a NUL. A merge comes
// once per parent, one after the other. A line holding batchEnd ends a
// batch, and parse calls end for it.
func parse(r io.Reader, end func() error) ([]*Commit, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var (
		commits []*Commit
		cur     *Commit
		change  *Change
		paths   int  // the paths the change still needs
		first   bool // a header was read, and no change after it yet
	)
	for {
		tok, err := br.ReadString(0)
		if errors.Is(err, io.EOF) && tok == "" {
			if paths > 0 {
				return nil, fmt.Errorf("git diff-tree: the output ends inside a change of %s", cur.Hash)
			}
			return commits, nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		tok = strings.TrimSuffix(tok, "\x00")
		if paths > 0 { // a path is taken as it is, whatever its bytes
			if paths == 2 {
				change.From = tok
			} else {
				change.Path = tok
			}
			paths--
			if paths == 0 {
				cur.Changes = append(cur.Changes, *change)
			}
			continue
		}
		for {
			if first {
				tok = strings.TrimPrefix(tok, "\n")
			}
			if !strings.HasPrefix(tok, batchEnd) {
				break
			}
			if err := end(); err != nil {
				return nil, err
			}
			cur, first = nil, false
			tok = strings.TrimPrefix(tok[len(batchEnd):], "\n")
		}
		switch {
		case tok == "":
		case tok[0] == '\x1e':
			c, parent, ok := commit(tok[1:])
			if !ok {
				return nil, fmt.Errorf("git diff-tree: unexpected line %q", tok)
			}
			if cur != nil && cur.Hash == c.Hash { // a merge, against its next parent
				cur.Parents = append(cur.Parents, parent)
			} else {
				if parent != "" {
					c.Parents = []string{parent}
				}
				cur = c
				commits = append(commits, c)
			}
			first = true
		case cur == nil:
			return nil, fmt.Errorf("git diff-tree: unexpected %q", tok)
		default:
			first = false
			change = &Change{Status: tok[0], Parent: max(len(cur.Parents)-1, 0)}
			switch tok[0] {
			case 'A', 'M', 'D':
				paths = 1
			case 'T':
				change.Status, paths = 'M', 1
			case 'R', 'C':
				paths = 2
			default:
				return nil, fmt.Errorf("git diff-tree: unexpected status %q in %s", tok, cur.Hash)
			}
		}
		if errors.Is(err, io.EOF) {
			if paths > 0 {
				return nil, fmt.Errorf("git diff-tree: the output ends inside a change of %s", cur.Hash)
			}
			return commits, nil
		}
	}
}

// commit reads a commit's header: hash, parents, author, date and
// subject, unit-separated. diff-tree is asked for one parent at a time, so
// parent is one hash, or "" for a first commit.
func commit(line string) (c *Commit, parent string, ok bool) {
	parts := strings.Split(line, "\x1f")
	if len(parts) != 5 {
		return nil, "", false
	}
	date, err := time.Parse(time.RFC3339, parts[3])
	if err != nil {
		return nil, "", false
	}
	return &Commit{Hash: parts[0], Author: parts[2], Date: date, Subject: parts[4]}, parts[1], true
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	out, err := command(ctx, dir, args...).Output()
	return string(out), err
}

// command is a git command run in dir. Its environment keeps git from
// paging, prompting or reading a user's aliases into the output format,
// and lets it buffer its output instead of writing each record: a pipe
// read one small record at a time costs more than git's work.
func command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-c", "core.deltaBaseCacheLimit=16m"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0", "LC_ALL=C", "GIT_FLUSH=0")
	return cmd
}
