// Package parallel runs a stage's work on several goroutines.
package parallel

import (
	"context"
	"sync"
	"sync/atomic"
)

// Do calls fn for 0..n-1 on the given number of goroutines (at least one),
// stopping early when ctx is done. Each goroutine takes the next index as
// it comes free, so that cheap calls cost little more than the calls.
func Do(ctx context.Context, workers, n int, fn func(i int)) {
	var (
		wg   sync.WaitGroup
		next atomic.Int64
	)
	done := ctx.Done()
	work := func() {
		for {
			select {
			case <-done:
				return
			default:
			}
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			fn(i)
		}
	}
	for range min(max(workers, 1), max(n, 1)) - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
}

// WhileLive runs fn, which must only write what the caller reads after it,
// and waits for it or for ctx to be done, whichever comes first. It
// reports whether fn finished. The Markdown of a document is parsed in one
// piece, which for the largest takes seconds; an interrupted build does not
// wait for that: fn finishes on its own and its result is dropped.
func WhileLive(ctx context.Context, fn func()) bool {
	if ctx.Err() != nil {
		return false
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}
