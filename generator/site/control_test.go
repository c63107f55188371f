package site_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/site"
)

func TestReviewStateCountsWholeDays(t *testing.T) {
	today := time.Date(2026, 11, 24, 15, 30, 0, 0, time.UTC) // the time of day does not count
	for _, tt := range []struct{ next, want string }{
		{"2026-11-23", site.ReviewOverdue},
		{"2025-01-01", site.ReviewOverdue},
		{"2026-11-24", site.ReviewDueSoon}, // due today: not past yet
		{"2026-12-24", site.ReviewDueSoon}, // 30 days ahead
		{"2026-12-25", ""},                 // 31 days ahead
		{"2027-06-01", ""},
		{"", ""},
		{"soon", ""},
	} {
		assert.Equal(t, tt.want, site.ReviewState(tt.next, today), tt.next)
	}
	assert.Equal(t, "", site.ReviewState("2026-01-01", time.Time{}), "no date, no state")
}

func ExampleReviewState() {
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	for _, next := range []string{"2026-11-01", "2026-12-10", "2027-03-15"} {
		state := site.ReviewState(next, today)
		fmt.Printf("%s %q %q\n", next, state, site.ReviewLabel(state))
	}
	// Output:
	// 2026-11-01 "overdue" "Review overdue"
	// 2026-12-10 "due-soon" "Review due soon"
	// 2027-03-15 "" ""
}
