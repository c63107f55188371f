package gitlog

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Changed returns the files below dir that differ between revision rev and
// the working tree, each with its content at rev (nil for a file that did
// not exist then). Paths are from dir. It runs git twice: one diff, and one
// cat-file for all the old contents.
func Changed(ctx context.Context, dir, rev string) (map[string][]byte, error) {
	prefix, err := repository(ctx, dir)
	if err != nil {
		return nil, err
	}
	if _, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("%q is not a revision of this repository (a shallow clone may lack it: fetch more history)", rev)
	}
	out, err := git(ctx, dir, "diff", "--no-renames", "--name-only", "-z", "--relative", rev, "--", ".")
	if err != nil {
		return nil, fmt.Errorf("git diff %s: %w", rev, err)
	}
	var names []string
	for _, n := range strings.Split(out, "\x00") {
		if n != "" {
			names = append(names, n)
		}
	}
	changed := make(map[string][]byte, len(names))
	if len(names) == 0 {
		return changed, nil
	}
	var in bytes.Buffer
	for _, n := range names {
		fmt.Fprintf(&in, "%s:%s%s\n", rev, prefix, n)
	}
	cmd := command(ctx, dir, "cat-file", "--batch")
	cmd.Stdin = &in
	data, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	r := bufio.NewReader(bytes.NewReader(data))
	for _, n := range names {
		head, err := r.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		fields := strings.Fields(head)
		if len(fields) == 2 && fields[1] == "missing" {
			changed[n] = nil // new since rev
			continue
		}
		if len(fields) != 3 {
			return nil, fmt.Errorf("git cat-file: unexpected %q", head)
		}
		size, err := strconv.Atoi(fields[2])
		if err != nil {
			return nil, fmt.Errorf("git cat-file: unexpected %q", head)
		}
		blob := make([]byte, size)
		if _, err := io.ReadFull(r, blob); err != nil {
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		if _, err := r.ReadByte(); err != nil { // the newline after the blob
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		changed[n] = blob
	}
	return changed, nil
}
