package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// memoryFloor is the heap a run may reach before its soft memory limit
// makes the collector work harder than Go's default does.
const memoryFloor = 512 << 20

// limitFor is the soft memory limit while live bytes of the heap are in
// use: half as much again, so that the heap of a large site stays within
// half its live data above it rather than twice (Go's default), and never
// under floor, so that a small site's run collects no more often than by
// default.
func limitFor(live, floor int64) int64 {
	return max(floor, live+live/2)
}

// limitMemory gives the process a soft memory limit that follows its live
// heap (limitFor), unless GOMEMLIMIT sets one, and returns a function that
// stops it following and restores the limit there was. The limit is set
// again after every collection.
func limitMemory(getenv func(string) string) (stop func()) {
	if getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	before := debug.SetMemoryLimit(memoryFloor)
	t := &memoryTuner{floor: memoryFloor, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.arm()
	return func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		t.stopped = true
		debug.SetMemoryLimit(before)
	}
}

// memoryTuner sets the soft memory limit after each collection, from a
// finalizer: that of an object made for the purpose, made again each time.
type memoryTuner struct {
	floor   int64
	mu      sync.Mutex
	stopped bool
	sample  []metrics.Sample
}

// collected is what a memoryTuner's finalizer finds: an object with a
// pointer, so that it is never one of the tiny objects the runtime packs
// together, whose finalizers may never run.
type collected struct {
	t *memoryTuner
	_ [16]byte
}

func (t *memoryTuner) arm() {
	runtime.SetFinalizer(&collected{t: t}, func(c *collected) { c.t.adjust() })
}

// adjust sets the limit from the live heap the last collection found.
func (t *memoryTuner) adjust() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	metrics.Read(t.sample)
	if v := t.sample[0].Value; v.Kind() == metrics.KindUint64 {
		debug.SetMemoryLimit(limitFor(int64(v.Uint64()), t.floor))
	}
	t.arm()
}
