// Package register writes the document register of a build: every
// published document with its document control (ID, title, version,
// status, classification, owner, approval, last update, next review and
// address), as CSV for spreadsheets and as JSON for other tools. It is
// given the site a build publishes and nothing else, so a register for an
// audience lists only that audience's documents. It does not render pages.
package register

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/govdoc/govdoc/generator/internal/sheet"
	"github.com/govdoc/govdoc/generator/site"
)

// Output paths of the register.
const (
	CSVFile  = "register.csv"
	JSONFile = "register.json"
)

// Columns are the register's columns, in order, as the CSV's header names
// them.
var Columns = []string{"Document ID", "Title", "Version", "Status", "Classification", "Owner",
	"Approved By", "Approval Date", "Last Update", "Next Review", "URL"}

// Row is one document of the register.
type Row struct {
	ID             string `json:"id"`
	Title          string `json:"title"`
	Version        string `json:"version"`
	Status         string `json:"status"`
	Classification string `json:"classification"`
	Owner          string `json:"owner"`
	ApprovedBy     string `json:"approvedBy"`
	ApprovalDate   string `json:"approvalDate"`
	LastUpdate     string `json:"lastUpdate"`
	NextReview     string `json:"nextReview"`
	// Review is the review state as of the register's date: "overdue",
	// "due-soon" or "".
	Review string `json:"review"`
	URL    string `json:"url"`
}

// Rows returns the register of the published documents of s, in reading
// order.
func Rows(s *site.Site) []Row {
	rows := make([]Row, 0, len(s.Documents))
	for _, d := range s.Documents {
		approver := d.ApprovedBy
		if d.ApprovedRole != nil {
			approver = d.ApprovedRole.Name
		}
		rows = append(rows, Row{ID: d.ID, Title: d.Title, Version: d.Version, Status: d.Status, Classification: d.Classification,
			Owner: d.Owner, ApprovedBy: approver, ApprovalDate: d.ApprovalDate, LastUpdate: d.LastUpdate,
			NextReview: d.NextReview, Review: d.Review, URL: URL(s.Config.BaseURL, d.URL)})
	}
	return rows
}

// URL is the address of a page (its path in the output) as the register
// gives it: absolute under an http(s) base URL, else from the site's root
// path, without "index.html".
func URL(baseURL, page string) string {
	page = strings.TrimSuffix(page, "index.html")
	if strings.HasPrefix(baseURL, "http://") || strings.HasPrefix(baseURL, "https://") {
		return strings.TrimSuffix(baseURL, "/") + "/" + page
	}
	base := "/"
	if i := strings.Index(baseURL, "/"); i >= 0 {
		base = strings.TrimSuffix(baseURL[i:], "/") + "/"
	}
	return base + page
}

// CSV writes the register for spreadsheet programs, as Excel opens it:
// UTF-8 with a byte order mark, CRLF line ends, fields quoted as RFC 4180
// has it, and a cell that a spreadsheet would read as a formula (starting
// with =, +, -, @, a tab or a carriage return) written with a leading
// apostrophe, so that it reads as the text it is.
func CSV(s *site.Site) []byte {
	w := sheet.New(slices.Clone(Columns))
	for _, r := range Rows(s) {
		w.Row([]string{r.ID, r.Title, r.Version, r.Status, r.Classification, r.Owner,
			r.ApprovedBy, r.ApprovalDate, r.LastUpdate, r.NextReview, r.URL})
	}
	return w.Bytes()
}

// register is the JSON document.
type register struct {
	Title string `json:"title"`
	// Date is the build's date, which review states are measured against.
	Date      string `json:"date"`
	Audience  string `json:"audience"`
	Documents []Row  `json:"documents"`
}

// JSON writes the register for other tools: the handbook's title, the
// build's date and audience, and a row per published document.
func JSON(s *site.Site) []byte {
	r := register{Title: s.Config.Title, Audience: s.Config.Audience, Documents: Rows(s)}
	if !s.Today.IsZero() {
		r.Date = s.Today.Format(site.DateLayout)
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return []byte("{}\n") // strings only: it always encodes
	}
	return append(data, '\n')
}
