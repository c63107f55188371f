// Package calendar writes the review calendar of a build as iCalendar
// (RFC 5545), which document owners subscribe to: an all-day event per
// published document on its next review date. It is given the site a build
// publishes and nothing else. Its stamp is the build's date, not the
// clock, so the same site and date give the same file.
package calendar

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/govdoc/govdoc/generator/register"
	"github.com/govdoc/govdoc/generator/site"
)

// File is the output path of the calendar.
const File = "reviews.ics"

// maxLine is the most octets of a content line before it is folded, its
// line break left out.
const maxLine = 75

// Reviews returns the calendar of the next review of every published
// document that has a next review date (Retired documents have none).
func Reviews(s *site.Site) []byte {
	var w writer
	stamp := s.Today.Format("20060102T150405Z")
	host := "govdoc"
	if base := s.Config.BaseURL; strings.HasPrefix(base, "http://") || strings.HasPrefix(base, "https://") {
		host = strings.SplitN(strings.SplitN(base, "://", 2)[1], "/", 2)[0]
	}
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:-//govdoc//Document reviews//EN")
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	w.line("X-WR-CALNAME:" + text(s.Config.Title+": document reviews"))
	for _, d := range s.Reviews().Scheduled {
		due, err := time.Parse(site.DateLayout, d.NextReview)
		if err != nil {
			continue
		}
		id := d.ID
		if id == "" {
			id = d.Path
		}
		w.line("BEGIN:VEVENT")
		w.line("UID:" + text("review-"+uid(id)+"@"+host))
		w.line("DTSTAMP:" + stamp)
		w.line("DTSTART;VALUE=DATE:" + due.Format("20060102"))
		w.line("DTEND;VALUE=DATE:" + due.AddDate(0, 0, 1).Format("20060102"))
		summary := "Review " + d.Title
		if d.ID != "" {
			summary = "Review " + d.ID + " " + d.Title
		}
		w.line("SUMMARY:" + text(summary))
		desc := "Owner: " + d.Owner + "\nVersion: " + d.Version + "\nStatus: " + d.Status + "\nLast update: " + d.LastUpdate
		w.line("DESCRIPTION:" + text(desc))
		if u := register.URL(s.Config.BaseURL, d.URL); strings.Contains(u, "://") {
			w.line("URL:" + u)
		}
		if d.Owner != "" {
			w.line("CATEGORIES:" + text(d.Owner))
		}
		w.line("TRANSP:TRANSPARENT")
		w.line("END:VEVENT")
	}
	w.line("END:VCALENDAR")
	return w.Bytes()
}

// uid makes a document's ID safe in a UID: letters, digits, "-", "." and
// "_" kept, others written as "-".
func uid(id string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == '_') {
			return r
		}
		return '-'
	}, id)
}

// text escapes a TEXT value (RFC 5545 3.3.11).
func text(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' && r != '\n' || r == 0x7f {
			return -1 // no control character is allowed in a value
		}
		return r
	}, strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
	return textEscaper.Replace(s)
}

// textEscaper escapes what a TEXT value may not hold as it is.
var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`)

// writer writes content lines, folded.
type writer struct{ bytes.Buffer }

// line writes a content line ended by CRLF, folded so that no line is
// longer than maxLine octets: each continuation starts with a space, and
// no UTF-8 character is split.
func (w *writer) line(s string) {
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1 // the leading space counts
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
