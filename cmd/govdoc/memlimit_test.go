package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTheMemoryLimitFollowsTheLiveHeap(t *testing.T) {
	assert.Equal(t, int64(memoryFloor), limitFor(0, memoryFloor), "a small heap: the floor")
	assert.Equal(t, int64(memoryFloor), limitFor(300<<20, memoryFloor), "300 MiB live: still the floor")
	assert.Equal(t, int64(600<<20), limitFor(400<<20, memoryFloor), "400 MiB live: half as much again")
	assert.Equal(t, int64(3<<30), limitFor(2<<30, memoryFloor))
}

func TestGOMEMLIMITWinsOverTheDefaultLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	stop := limitMemory(func(name string) string {
		if name == "GOMEMLIMIT" {
			return "1GiB"
		}
		return ""
	})
	runtime.GC()
	runtime.GC()
	assert.Equal(t, before, debug.SetMemoryLimit(-1), "left as GOMEMLIMIT set it")
	stop()
	assert.Equal(t, before, debug.SetMemoryLimit(-1))
}

func TestTheDefaultLimitIsSetAfterEachCollection(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	stop := limitMemory(func(string) string { return "" })
	assert.Equal(t, int64(memoryFloor), debug.SetMemoryLimit(-1), "set at once")
	// Raised by hand, the limit is set again by the next collection's
	// finalizer, which runs on a goroutine of its own: wait for it with
	// collections, never a sleep.
	debug.SetMemoryLimit(math.MaxInt64)
	for range 1000 {
		runtime.GC()
		if debug.SetMemoryLimit(-1) != math.MaxInt64 {
			break
		}
		runtime.Gosched()
	}
	assert.Equal(t, int64(memoryFloor), debug.SetMemoryLimit(-1), "set again after a collection; this test's heap is under the floor")
	stop()
	assert.Equal(t, before, debug.SetMemoryLimit(-1), "restored when stopped")
}
