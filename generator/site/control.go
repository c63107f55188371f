package site

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Review states of a document as of a build's date (Document.Review).
const (
	// ReviewOverdue is a document whose next review date has passed.
	ReviewOverdue = "overdue"
	// ReviewDueSoon is a document due for review within DueSoonDays.
	ReviewDueSoon = "due-soon"
)

// DueSoonDays is how many days ahead a review counts as due soon.
const DueSoonDays = 30

// DateLayout is how document control dates are written: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// ReviewState returns the review state of a document due for review on
// next (YYYY-MM-DD) as of today: ReviewOverdue once the day has passed,
// ReviewDueSoon within DueSoonDays, else "". A next date that is not a
// date has no state.
func ReviewState(next string, today time.Time) string {
	due, err := time.Parse(DateLayout, next)
	if err != nil || today.IsZero() {
		return ""
	}
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case day.After(due):
		return ReviewOverdue
	case !due.After(day.AddDate(0, 0, DueSoonDays)):
		return ReviewDueSoon
	}
	return ""
}

// ReviewLabel is the words of a review state's badge.
func ReviewLabel(state string) string {
	switch state {
	case ReviewOverdue:
		return "Review overdue"
	case ReviewDueSoon:
		return "Review due soon"
	}
	return ""
}

// Retired reports whether the document's status is Retired: it is no
// longer in force, is not reviewed, and search ranks it last.
func (d *Document) Retired() bool { return strings.EqualFold(d.Status, "Retired") }

// ReviewLabel is the words of the document's review badge, "" for none.
func (d *Document) ReviewLabel() string { return ReviewLabel(d.Review) }

// Reviews is what the reviews page and calendar show: the published
// documents due for review, as of the build's date.
type Reviews struct {
	// Today is the build's date, YYYY-MM-DD.
	Today string
	// Overdue and DueSoon list the documents whose review is overdue or
	// due within DueSoonDays, the earliest first.
	Overdue, DueSoon []*Document
	// ByOwner groups the documents due within the year ahead, overdue ones
	// included, by owner, owners by name.
	ByOwner []ReviewGroup
	// ByMonth holds the twelve months from the build's month: the
	// documents due in each; overdue ones are in Overdue.
	ByMonth []ReviewGroup
	// Scheduled lists every published document with a next review date,
	// Retired ones left out, the earliest first.
	Scheduled []*Document
}

// ReviewGroup is a set of documents due for review: an owner's, or a
// month's.
type ReviewGroup struct {
	Name string // the owner, or the month as "January 2027"
	// Key is the owner's slug, or the month as YYYY-MM.
	Key       string
	Documents []*Document
}

// Reviews gathers the published documents due for review.
func (s *Site) Reviews() *Reviews {
	r := &Reviews{}
	if !s.Today.IsZero() {
		r.Today = s.Today.Format(DateLayout)
	}
	for _, d := range s.Documents {
		if d.NextReview != "" && !d.Retired() {
			r.Scheduled = append(r.Scheduled, d)
		}
	}
	slices.SortStableFunc(r.Scheduled, func(a, b *Document) int { return strings.Compare(a.NextReview, b.NextReview) })
	yearAhead := s.Today.AddDate(1, 0, 0).Format(DateLayout)
	owners := map[string]int{}
	start := time.Date(s.Today.Year(), s.Today.Month(), 1, 0, 0, 0, 0, time.UTC)
	for i := range 12 {
		m := start.AddDate(0, i, 0)
		r.ByMonth = append(r.ByMonth, ReviewGroup{Name: m.Format("January 2006"), Key: m.Format("2006-01")})
	}
	for _, d := range r.Scheduled {
		switch d.Review {
		case ReviewOverdue:
			r.Overdue = append(r.Overdue, d)
		case ReviewDueSoon:
			r.DueSoon = append(r.DueSoon, d)
		}
		if d.NextReview >= yearAhead {
			continue
		}
		owner := cmp.Or(d.Owner, "No owner")
		i, ok := owners[owner]
		if !ok {
			i = len(r.ByOwner)
			owners[owner] = i
			r.ByOwner = append(r.ByOwner, ReviewGroup{Name: owner, Key: Slug(owner)})
		}
		r.ByOwner[i].Documents = append(r.ByOwner[i].Documents, d)
		if d.Review == ReviewOverdue {
			continue
		}
		for j := range r.ByMonth {
			if strings.HasPrefix(d.NextReview, r.ByMonth[j].Key) {
				r.ByMonth[j].Documents = append(r.ByMonth[j].Documents, d)
			}
		}
	}
	slices.SortStableFunc(r.ByOwner, func(a, b ReviewGroup) int { return strings.Compare(a.Name, b.Name) })
	return r
}

// DueCount is how many documents are overdue or due soon.
func (r *Reviews) DueCount() int { return len(r.Overdue) + len(r.DueSoon) }
