//go:build !race

package main

// raceEnabled is set when the tests run under the race detector, which makes
// builds about ten times slower.
const raceEnabled = false
