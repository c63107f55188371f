package gitlog

import (
	"container/heap"
	"encoding/binary"
	"slices"
	"sync"
)

// A git history follows paths, not documents: a document moved from P to Q
// leaves its earlier commits on P, where another document may be written
// later. Follow works out, for each commit, which of the site's documents
// it touched, whatever their paths were then, so that a commit is shown
// with the documents it belongs to and can be kept from a build that leaves
// one of them out.
//
// It walks the commits from the newest to the oldest, a commit only after
// every commit made on top of it, and keeps for each the paths of the
// documents as they were after that commit: at the site's commit, the
// documents' own paths; below a commit, the paths its changes undo. A file
// added at a path was not there before, so the commits on that path before
// belong to an earlier file, never to the document there now; a renamed
// file was at its old path; a file copied from another that the same commit
// changed (a document moved away and another written in its place) may be
// either, so the commits before belong to both. Across a merge, each parent
// gets the paths that the merge's changes against it undo; a commit with
// several commits on top of it (where branches part) gets every document
// that any of them says a path was.

// Unknown stands for a file that is none of the documents followed.
const Unknown = -1

// Lineage says, for each commit of a log, which of a set of documents it
// touched.
type Lineage struct {
	docs    [][]int32  // by commit: the documents, sorted
	unowned [][]string // by commit: the files it changed that none of the documents was
	paths   [][]docPath
}

// docPath is the path a document had after a commit that changed it.
type docPath struct {
	doc  int32
	path string
}

// Path returns the path, from the site root, that document d (an index in
// the documents followed) had after commit i of the log changed it: "" when
// the commit did not change it, or when git leaves in doubt which file it
// was (a file copied from another that the same commit changed).
func (ln *Lineage) Path(i int, d int32) string {
	for _, p := range ln.paths[i] {
		if p.doc == d {
			return p.path
		}
	}
	return ""
}

// Docs returns the indexes, in the documents followed, of those commit i of
// the log changed, at the paths they had then. For a merge, they are the
// documents its changes against its parents touched.
func (ln *Lineage) Docs(i int) []int32 { return ln.docs[i] }

// Unowned returns the files commit i of the log changed that were none of
// the documents followed, or may have been another file: a document since
// deleted, a file at a document's path before the document was added there,
// a site.yaml or an image. A rename git did not see (a file moved and much
// changed at once) makes the old path's commits unowned.
func (ln *Lineage) Unowned(i int) []string { return ln.unowned[i] }

// followCache keeps a log's last Lineage, as long as it is asked for the
// same documents: live preview rebuilds with the same history.
type followCache struct {
	mu   sync.Mutex
	docs []string
	lin  *Lineage
}

// Follow returns which of docs (paths from the site root at the site's
// commit) each commit of the log touched.
func (l *Log) Follow(docs []string) *Lineage {
	l.follow.mu.Lock()
	defer l.follow.mu.Unlock()
	if l.follow.lin != nil && slices.Equal(l.follow.docs, docs) {
		return l.follow.lin
	}
	lin := follow(l.Commits, docs)
	l.follow.docs, l.follow.lin = slices.Clone(docs), lin
	return lin
}

func follow(commits []*Commit, docs []string) *Lineage {
	n := len(commits)
	lin := &Lineage{docs: make([][]int32, n), unowned: make([][]string, n), paths: make([][]docPath, n)}
	index := make(map[string]int, n)
	for i, c := range commits {
		index[c.Hash] = i
	}
	children := make([]int, n) // commits of the log on top of each
	for _, c := range commits {
		for _, p := range c.Parents {
			if j, ok := index[p]; ok {
				children[j]++
			}
		}
	}
	o := &owners{head: make(map[string]int32, len(docs)), interned: map[string]int32{}, left: map[string]int{}}
	for i, d := range docs {
		o.head[d] = int32(i)
	}
	for _, c := range commits {
		for _, ch := range c.Changes {
			o.left[ch.Path]++
			if ch.From != "" {
				o.left[ch.From]++
			}
		}
	}
	views := make([]*view, n) // the paths after each commit, once a commit on top gave them
	ready := &indexHeap{}
	for i := range n {
		if children[i] == 0 {
			heap.Push(ready, i)
		}
	}
	for ready.Len() > 0 {
		i := heap.Pop(ready).(int)
		c := commits[i]
		v := views[i]
		views[i] = nil
		if v == nil { // the newest commit: the documents as they are
			v = &view{delta: map[string]int32{}}
		}
		o.record(lin, i, c, v)
		last := -1 // the last parent in the log, which takes v itself
		for k, p := range c.Parents {
			if _, ok := index[p]; ok {
				last = k
			}
		}
		var below []*view // the views this commit gave
		for k, p := range c.Parents {
			j, ok := index[p]
			if !ok {
				continue // beyond a shallow clone or the commits read
			}
			pv := v
			if k != last {
				pv = o.clone(v)
			}
			o.undo(pv, c, k)
			if views[j] == nil {
				views[j] = pv
			} else {
				o.union(views[j], pv)
			}
			below = append(below, views[j])
			if children[j]--; children[j] == 0 {
				heap.Push(ready, j)
			}
		}
		// A path no commit left touches need not be kept.
		for _, ch := range c.Changes {
			for _, p := range [2]string{ch.Path, ch.From} {
				if p == "" {
					continue
				}
				if o.left[p]--; o.left[p] == 0 {
					for _, bv := range below {
						delete(bv.delta, p)
					}
				}
			}
		}
	}
	return lin
}

// view is where the documents were after one commit: what differs from
// their paths at the site's commit.
type view struct {
	delta map[string]int32 // path -> owner
}

// owners reads and writes views. An owner is a document's index, Unknown,
// or, below Unknown, one of several owners: sets[-2-owner].
type owners struct {
	head     map[string]int32 // each document's path at the site's commit
	sets     [][]int32
	interned map[string]int32
	// left counts, by path, the changes of commits not yet walked that
	// name it: a view keeps only paths that some commit below still
	// touches, so that what is copied at a merge stays small.
	left map[string]int
}

// clone copies a view, without the paths no commit left touches.
func (o *owners) clone(v *view) *view {
	c := &view{delta: make(map[string]int32, len(v.delta))}
	for p, w := range v.delta {
		if o.left[p] > 0 {
			c.delta[p] = w
		}
	}
	return c
}

func (o *owners) headOwner(path string) int32 {
	if d, ok := o.head[path]; ok {
		return d
	}
	return Unknown
}

func (o *owners) get(v *view, path string) int32 {
	if w, ok := v.delta[path]; ok {
		return w
	}
	return o.headOwner(path)
}

func (o *owners) set(v *view, path string, w int32) {
	if w == o.headOwner(path) {
		delete(v.delta, path)
	} else {
		v.delta[path] = w
	}
}

func (o *owners) members(w int32) []int32 {
	if w >= Unknown {
		return []int32{w}
	}
	return o.sets[-2-w]
}

// or is the owner that is either of a and b.
func (o *owners) or(a, b int32) int32 {
	if a == b {
		return a
	}
	m := append(slices.Clone(o.members(a)), o.members(b)...)
	slices.Sort(m)
	m = slices.Compact(m)
	key := make([]byte, 0, 4*len(m))
	for _, x := range m {
		key = binary.LittleEndian.AppendUint32(key, uint32(x))
	}
	if w, ok := o.interned[string(key)]; ok {
		return w
	}
	o.sets = append(o.sets, m)
	w := int32(-1 - len(o.sets))
	o.interned[string(key)] = w
	return w
}

// record notes the documents commit i touched, v being the paths after it.
func (o *owners) record(lin *Lineage, i int, c *Commit, v *view) {
	var docs []int32
	var unowned []string
	var paths []docPath
	for _, ch := range c.Changes {
		w := int32(Unknown) // a deleted file is no document now
		if ch.Status != 'D' {
			w = o.get(v, ch.Path)
		}
		if w >= 0 && !c.Merge() && !slices.ContainsFunc(paths, func(p docPath) bool { return p.doc == w }) {
			paths = append(paths, docPath{w, ch.Path})
		}
		for _, d := range o.members(w) {
			if d == Unknown {
				if !slices.Contains(unowned, ch.Path) {
					unowned = append(unowned, ch.Path)
				}
			} else {
				docs = append(docs, d)
			}
		}
	}
	slices.Sort(docs)
	lin.docs[i] = slices.Compact(docs)
	lin.unowned[i] = unowned
	lin.paths[i] = paths
}

// undo turns v, the paths after commit c, into the paths before it on the
// side of its k-th parent. Every owner is read before any is written, as
// a commit may swap two files' names.
func (o *owners) undo(v *view, c *Commit, k int) {
	type write struct {
		path string
		w    int32
	}
	var gone, moved []write
	for _, ch := range c.Changes {
		if ch.Parent != k {
			continue
		}
		switch ch.Status {
		case 'A', 'D':
			gone = append(gone, write{ch.Path, Unknown})
		case 'R':
			gone = append(gone, write{ch.Path, Unknown})
			moved = append(moved, write{ch.From, o.get(v, ch.Path)})
		case 'C':
			// The copy's source was changed too: it kept its document,
			// or gave it to the copy and took another. Unless it was
			// renamed as well, and so is no longer there.
			w := o.get(v, ch.Path)
			if !slices.ContainsFunc(c.Changes, func(r Change) bool { return r.Parent == k && r.Status == 'R' && r.From == ch.From }) {
				w = o.or(w, o.get(v, ch.From))
			}
			gone = append(gone, write{ch.Path, Unknown})
			moved = append(moved, write{ch.From, w})
		}
	}
	for _, g := range gone {
		o.set(v, g.path, g.w)
	}
	if len(moved) == 0 {
		return
	}
	before := map[string]int32{} // several copies of one file are owned together
	for _, m := range moved {
		if w, ok := before[m.path]; ok {
			before[m.path] = o.or(w, m.w)
		} else {
			before[m.path] = m.w
		}
	}
	for path, w := range before {
		o.set(v, path, w)
	}
}

// union makes a, the paths below a commit as one commit on top of it says,
// also say what b, as another says.
func (o *owners) union(a, b *view) {
	for path, w := range b.delta {
		if o.left[path] > 0 {
			o.set(a, path, o.or(o.get(a, path), w))
		}
	}
	for path, w := range a.delta {
		if _, ok := b.delta[path]; !ok && o.left[path] > 0 {
			o.set(a, path, o.or(w, o.headOwner(path)))
		}
	}
}

// indexHeap gives the smallest index first: the commits in the log's order,
// as far as every commit comes after those on top of it.
type indexHeap []int

func (h indexHeap) Len() int           { return len(h) }
func (h indexHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h indexHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *indexHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *indexHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
