//go:build race

package placeholder_test

// allocFactor widens the allocation bounds of tests under the race
// detector, which keeps sync.Pool from reusing what regexp allocates.
const allocFactor = 8
