package site

// Owner is who owns published documents or scorecard metrics: a role of
// site.yaml, matched by id, name or alias as matrices match roles, or a
// name that matches no role.
type Owner struct {
	// Name is the role's name, or the owner as the first of its documents
	// writes it.
	Name string
	// Role is the role of site.yaml the owner is, nil for a name that
	// matches none.
	Role *Role
	// Slug and URL name the owner's page: the role's page for a role,
	// owners/SLUG/index.html for any other name.
	Slug, URL string
	// Documents lists the published documents it owns, in reading order.
	Documents []*Document
	// Reviews lists the next review of each of its documents in force
	// (not Retired), soonest first.
	Reviews []Review
	// KPIs lists the metrics of published scorecards it owns, with their
	// status in the period each scorecard scores.
	KPIs []KPI
	// Health is the documentation health of its documents, nil when it
	// owns none.
	Health *HealthRow
}

// Review is when a document is next due for review.
type Review struct {
	Doc *Document
	// Due is the date, YYYY-MM-DD.
	Due string
	// State is ReviewOverdue, ReviewDueSoon or "" for a review further
	// ahead, as of the build (Document.Review).
	State string
}

// Overdue counts the owner's reviews that are overdue.
func (o *Owner) Overdue() int { return o.reviews(ReviewOverdue) }

// DueSoon counts the owner's reviews that are due soon.
func (o *Owner) DueSoon() int { return o.reviews(ReviewDueSoon) }

func (o *Owner) reviews(state string) int {
	n := 0
	for _, r := range o.Reviews {
		if r.State == state {
			n++
		}
	}
	return n
}

// KPI is a metric an owner owns, in its scorecard's scored period.
type KPI struct {
	Metric    *Metric
	Scorecard *Scorecard
	Point     Point
}

// KPICounts returns how many of the owner's metrics are green, amber, red
// and without a value.
func (o *Owner) KPICounts() Score {
	var s Score
	for _, k := range o.KPIs {
		switch k.Point.Status {
		case Green:
			s.Green++
		case Amber:
			s.Amber++
		case Red:
			s.Red++
		default:
			s.Grey++
		}
	}
	return s
}

// OwnersURL is the page that lists every owner.
const OwnersURL = "owners/index.html"

// HealthCriterion is one figure of a health row and the documents behind
// it.
type HealthCriterion struct {
	// Key names the figure in anchors: approved, complete, reviewed,
	// linked, raci or score.
	Key   string
	Label string
	// Of counts the documents the share is of; Met lists those that meet
	// the criterion and Missed those that do not. Retired documents are
	// neither for approval, review and the score.
	Of          int
	Met, Missed []*Document
}

// Share is the criterion's figure as a whole percentage.
func (c HealthCriterion) Share() int { return percent(len(c.Met), c.Of) }

// Criteria returns the row's figures in the order the health tables show
// them, each with its documents.
func (h *HealthRow) Criteria() []HealthCriterion {
	out := []HealthCriterion{
		{Key: "approved", Label: "Approved"},
		{Key: "complete", Label: "Complete metadata"},
		{Key: "reviewed", Label: "Reviewed in time"},
		{Key: "linked", Label: "No broken references"},
		{Key: "raci", Label: "Valid RACI"},
		{Key: "score", Label: "Score"},
	}
	for _, d := range h.Docs {
		for i, meets := range []bool{d.Approved, d.Complete, d.Reviewed, d.Linked, d.RACIValid, d.Healthy()} {
			inForceOnly := i == 0 || i == 2 || i == 5
			if inForceOnly && d.Retired {
				continue
			}
			out[i].Of++
			if meets {
				out[i].Met = append(out[i].Met, d.Doc)
			} else {
				out[i].Missed = append(out[i].Missed, d.Doc)
			}
		}
	}
	return out
}
