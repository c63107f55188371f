package parallel_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/internal/parallel"
)

func TestDoCallsEachIndexOnce(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 64} {
		calls := make([]atomic.Int32, 1000)
		parallel.Do(context.Background(), workers, len(calls), func(i int) { calls[i].Add(1) })
		for i := range calls {
			if !assert.Equal(t, int32(1), calls[i].Load(), "index %d with %d workers", i, workers) {
				break
			}
		}
	}
	parallel.Do(context.Background(), 4, 0, func(int) { t.Error("called with no work") })
}

func TestDoStopsWhenTheContextIsDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	parallel.Do(ctx, 2, 1000, func(i int) {
		if calls.Add(1) == 10 {
			cancel()
		}
	})
	assert.Less(t, calls.Load(), int32(1000), "no index is taken once the context is done")
}
