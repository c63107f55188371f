package gitlog

// SetBatch sets how many commits a git diff-tree process takes at a time,
// until the returned function puts it back.
func SetBatch(n int) (restore func()) {
	old := batch
	batch = n
	return func() { batch = old }
}
