//go:build !race

package placeholder_test

// allocFactor widens the allocation bounds of tests under the race
// detector; without it they hold as written.
const allocFactor = 1
