package finding

// Rule describes one rule: its stable ID, its severity and when it fires.
type Rule struct {
	ID          string
	Severity    Severity
	Description string
}

// ExternalLink is the rule of an http(s) link that does not answer, checked
// with check --external.
const ExternalLink = "external-link"

// Rules lists every rule govdoc reports, in the order of SPEC.md's table,
// then govdoc's own.
var Rules = []Rule{
	{FrontmatterSyntax, Error, "front matter that is not valid YAML"},
	{MissingMetadata, Error, "a required front-matter key is absent or empty"},
	{InvalidMetadata, Error, "a value outside site.yaml's lists, or a date that is not a date"},
	{DuplicateID, Error, "two documents share a Document-ID"},
	{UnresolvedPlaceholder, Error, "an undefined meta key, or a placeholder that fails"},
	{BrokenRef, Error, "a wiki link, file name or Supersedes that names no document"},
	{AmbiguousRef, Error, "a file name that names two documents"},
	{BrokenLink, Error, "a relative link to a file that does not exist"},
	{BrokenAnchor, Error, "a #fragment that is no heading ID of its target"},
	{ExternalLink, Error, "with --external: a URL that does not answer 2xx/3xx"},
	{ReviewOverdue, Warning, "a next review date passed: Next Review, else Last Update plus review_after days"},
	{VersionMismatch, Warning, "Version differs from the newest Document History row"},
	{VersionNotBumped, Error, "with --since REV: the body changed since REV, the Version did not"},
	{HistoryNotUpdated, Warning, "with --since REV: the Version changed without a new Document History row"},
	{RestrictedLink, Warning, "a link to a document left out of this audience's build"},
	{EmptyBuild, Error, "a build whose audience leaves out every document"},
	{UnknownMetadata, Warning, "a front-matter key close to a known one, such as Clasification"},
	{RACINoAccountable, Error, "a RACI activity without an accountable role"},
	{RACIMultipleAccountable, Error, "a RACI activity with more than one accountable role"},
	{RACINoResponsible, Error, "a RACI activity without a responsible role"},
	{UnknownRole, Error, "a RACI or scorecard role not in site.yaml"},
	{RACIConflict, Warning, "one activity assigned differently in two documents"},
	{ScorecardInvalid, Error, "a scorecard metric without target, a bad value, an unknown period"},
	{ReadError, Error, "a file that is not UTF-8 text, too large or unreadable"},
	{PageConflict, Error, "two files would be published at the same page"},
	{LimitExceeded, Error, "a document beyond govdoc's limits, such as lists and block quotes nested over 100 levels deep"},
	{GitHistory, Warning, "a git repository whose history cannot be read; the site is built without it"},
	{TemplateError, Error, "a theme template that does not parse or run"},
	{ConfigError, Error, "a problem in site.yaml"},
}
