package check

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/internal/parallel"
	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/memo"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/refs"
	"github.com/govdoc/govdoc/generator/render"
	"github.com/govdoc/govdoc/generator/search"
	"github.com/govdoc/govdoc/generator/site"
)

// BodyOptions configure Bodies.
type BodyOptions struct {
	Workers int
	// Markdown are the options of the Markdown renderer.
	Markdown markdown.Options
	// Results, if set, keeps bodies between runs: what a body's Markdown
	// holds, and its HTML, each under the key of all it depends on.
	Results *memo.Store
	// HTML converts the published documents and the section
	// introductions to HTML, as a build does; a check only scans them.
	HTML bool
	// Memo, if set, reuses bodies of earlier builds.
	Memo BodyMemo
	// Release lets go of each document's file and YAML once its body is
	// done (see source.Document.Released), and for HTML of its Markdown
	// too: no position in them is needed any more. A live-preview session
	// keeps them.
	Release bool
	// Parsing, if set, is called with a document's path as its Markdown
	// starts to be parsed (started true), and once it has been (false).
	Parsing func(path string, started bool)
}

// BodyMemo is what Bodies reuses of earlier builds: a document's body whose
// text and link context are unchanged.
type BodyMemo interface {
	// LinkContext fingerprints what resolving references depends on
	// besides a document's own text.
	LinkContext(s *site.Site, html bool) uint64
	// Body returns, for a document whose body an earlier build made in
	// the same context, a function that gives it that body, resolved
	// against ix, and returns its findings. at is the document's place
	// among the site's documents, published then left out.
	Body(d *site.Document, at int, context uint64) (reuse func(ix *refs.Index) finding.List, ok bool)
	// KeepBody remembers the body of the document at a place, and its
	// findings.
	KeepBody(d *site.Document, at int, context uint64, findings finding.List)
	// Names returns the names of the documents an earlier build indexed
	// in the same context, or nil.
	Names(context uint64) *refs.Names
	// KeepNames remembers the names of the documents indexed in a context.
	KeepNames(context uint64, names *refs.Names)
	// Backlinks fills each document's ReferencedBy as refs.Backlinks does,
	// from the bodies it kept, and reports whether it could.
	Backlinks(docs []*site.Document) bool
}

// Bodies resolves the references of every document and section
// introduction, in parallel. With html set, published documents and the
// introductions are converted to HTML; documents left out of the build are
// only scanned, so that a build checks them as a check does. Anchors are
// checked and backlinks filled once every page's headings are known.
func Bodies(ctx context.Context, opts BodyOptions, s *site.Site) finding.List {
	html := opts.HTML
	// Sections' introductions place no blocks and are not searched.
	md := markdown.New(opts.Markdown)
	docOpts := opts.Markdown
	docOpts.Blocks = nil
	for _, bm := range blockMarkers {
		docOpts.Blocks = append(docOpts.Blocks, bm.marker)
	}
	docOpts.TextLimit = 0
	// The text's limit changes with the number of documents; the text is
	// kept apart from the rest, under a key of its own (textKey).
	options := fmt.Sprintf("%+v", docOpts)
	limit := 0
	if html {
		limit = search.TextLimit(len(s.Documents))
		docOpts.TextLimit = limit
	}
	docMD := markdown.New(docOpts)
	ix := refs.NewIndex(s, render.Rel)
	all := append(slices.Clip(s.Documents), s.Excluded...)
	sections := append([]*site.Section{s.Root}, s.Sections()...)
	found := make([]finding.List, len(all)+len(sections))
	var context uint64
	if opts.Memo != nil {
		context = opts.Memo.LinkContext(s, html)
		if names := opts.Memo.Names(context); names != nil {
			ix.Use(names)
		}
	}
	parallel.Do(ctx, opts.Workers, len(all)+len(sections), func(i int) {
		if i >= len(all) {
			found[i] = linkSection(ctx, sections[i-len(all)], ix, md, html)
			return
		}
		d := all[i]
		d.SearchText, d.SearchLimit = "", 0
		if d.Source.Src == nil {
			return // unreadable; its read error says so
		}
		if opts.Memo != nil {
			if reuse, ok := opts.Memo.Body(d, i, context); ok {
				found[i] = reuse(ix)
				return
			}
		}
		render := html && !d.Excluded
		title := d.Fields["title"].String()
		done := func(linker *refs.Linker) {
			d.Refs, d.Files, d.External = linker.Refs, linker.Files, linker.External
			found[i] = linker.Findings
			if opts.Memo != nil {
				opts.Memo.KeepBody(d, i, context, linker.Findings)
			}
			if opts.Release {
				if opts.HTML { // a check's result keeps the filled text
					d.Markdown = nil
				}
				d.Source = d.Source.Released()
				for _, f := range d.Fields {
					f.Node = nil
				}
			}
		}
		var scanKey memo.Key
		if opts.Results != nil {
			scanKey = memo.NewHasher().String(options).Bool(render).String(title).Bytes(d.Markdown).Sum()
			if linker, ok := stored(opts.Results, d, ix, scanKey, html, render, limit); ok {
				done(linker)
				return
			}
		}
		if e, ok := markdown.Limit(d.Markdown); ok {
			// Shown as text: beyond what govdoc parses in bounded time.
			found[i].Errorf(finding.LimitExceeded, d.Pos(e.Offset), "%s, and shows this document as plain text", e.What)
			d.Body = plainText(d.Markdown)
			d.Parts = []site.BodyPart{{HTML: d.Body}}
			d.Anchors = map[string]bool{}
			return
		}
		linker := ix.For(d)
		var res markdown.Result
		var seen []markdown.Ref
		var targets *memo.Hasher
		if opts.Results != nil {
			targets = memo.NewHasher().Key(scanKey)
		}
		resolve := func(r markdown.Ref) markdown.Target {
			t := linker.Resolve(r)
			if opts.Results != nil {
				seen = append(seen, r)
				hashTarget(targets, t)
			}
			return t
		}
		if !parallel.WhileLive(ctx, func() {
			if opts.Parsing != nil {
				opts.Parsing(d.Path, true)
			}
			if render {
				res = docMD.Render(d.Markdown, title, resolve)
			} else {
				res = docMD.Scan(d.Markdown, title, resolve)
			}
			if opts.Parsing != nil {
				opts.Parsing(d.Path, false)
			}
		}) {
			return
		}
		if opts.Results != nil {
			opts.Results.Put(scanStage(html), scanKey, &scanned{Headings: res.Headings, TitleID: res.TitleID, Refs: seen})
			if render {
				htmlKey := targets.Sum()
				opts.Results.Put(stageHTML, htmlKey, &converted{HTML: string(res.HTML), TitleHTML: string(res.TitleHTML), Blocks: res.Blocks})
				opts.Results.Put(stageText, textKey(htmlKey, limit), res.Text)
			}
		}
		if render {
			d.Body, d.TitleHTML = template.HTML(res.HTML), template.HTML(res.TitleHTML)
			placeBlocks(d, res.Blocks)
			d.SearchText, d.SearchLimit = res.Text, limit
		}
		setHeadings(d, res.Headings, res.TitleID)
		done(linker)
	})
	if names := ix.Names(); opts.Memo != nil && names != nil {
		opts.Memo.KeepNames(context, names)
	}
	var findings finding.List
	for _, f := range found {
		findings = append(findings, f...)
	}
	findings = append(findings, refs.CheckAnchors(all, sections)...)
	if opts.Memo == nil || !opts.Memo.Backlinks(s.Documents) {
		refs.Backlinks(s.Documents)
	}
	return findings
}

// linkSection resolves the references of a section's _index.md and finds
// the headings of its introduction, which its page shows. With html set, it
// renders the introduction for the section's page, and again for the card
// that shows it on its parent's page, whose links start one folder up.
func linkSection(ctx context.Context, sec *site.Section, ix *refs.Index, md *markdown.Renderer, html bool) finding.List {
	sec.Intro, sec.CardIntro, sec.TitleHTML, sec.Headings, sec.Anchors = "", "", "", nil, map[string]bool{}
	sec.Refs, sec.Files, sec.External = nil, nil, nil
	if len(sec.Markdown) == 0 {
		return nil
	}
	var findings finding.List
	if e, ok := markdown.Limit(sec.Markdown); ok {
		findings.Errorf(finding.LimitExceeded, sec.Pos(e.Offset), "%s, and shows this introduction as plain text", e.What)
		sec.Intro = plainText(sec.Markdown)
		sec.CardIntro = sec.Intro
		return findings
	}
	linker := ix.ForSection(sec, sec.URL)
	var res markdown.Result
	var card []byte
	if !parallel.WhileLive(ctx, func() {
		if !html {
			res = md.Scan(sec.Markdown, sec.Title, linker.Resolve)
			return
		}
		res = md.Render(sec.Markdown, sec.Title, linker.Resolve)
		card = res.HTML
		if sec.Parent != nil && (bytes.Contains(res.HTML, []byte(" href=")) || bytes.Contains(res.HTML, []byte(" src="))) {
			card = md.Render(sec.Markdown, sec.Title, ix.ForSection(sec, sec.Parent.URL).Resolve).HTML
		}
	}) {
		return nil
	}
	if html {
		sec.Intro, sec.TitleHTML = template.HTML(res.HTML), template.HTML(res.TitleHTML)
		sec.CardIntro = template.HTML(card)
	}
	for i, h := range res.Headings {
		if i == 0 && res.Title != "" {
			continue // the page shows the section's title in a heading of its own
		}
		sec.Headings = append(sec.Headings, h)
		sec.Anchors[h.ID] = true
	}
	sec.Refs, sec.Files, sec.External = linker.Refs, linker.Files, linker.External
	return linker.Findings
}

// plainText shows Markdown as written, in a pre block, with no placeholder
// text left for a template to read.
func plainText(md []byte) template.HTML {
	text := strings.ReplaceAll(template.HTMLEscapeString(string(md)), "{{", "&#123;&#123;")
	return template.HTML(`<pre class="plain">` + text + "</pre>")
}

// blockMarkers name the blocks a document can place in its body.
var blockMarkers = []struct{ block, marker string }{
	{"raci", placeholder.RACIMarker},
	{"scorecard", placeholder.ScorecardMarker},
	{"history", placeholder.HistoryMarker},
}

// placeBlocks cuts a rendered body where the document wrote {{ raci }} or
// {{ scorecard }}, or had its history table: where the renderer says their
// markers stood. A block is placed once, at its first marker.
func placeBlocks(d *site.Document, blocks []markdown.Block) {
	if len(blocks) == 0 {
		d.Parts = []site.BodyPart{{HTML: d.Body}}
		return
	}
	body := string(d.Body)
	parts := make([]site.BodyPart, 0, len(blocks)+1)
	placed := map[string]bool{}
	start := 0
	for _, b := range blocks {
		var block string
		for _, bm := range blockMarkers {
			if bm.marker == b.Marker {
				block = bm.block
			}
		}
		if placed[block] {
			block = ""
		} else {
			placed[block] = true
		}
		parts = append(parts, site.BodyPart{HTML: template.HTML(body[start:b.Offset]), Block: block, After: lastHeadingID(body[:b.Offset])})
		start = b.Offset
	}
	d.Parts = append(parts, site.BodyPart{HTML: template.HTML(body[start:])})
}

// lastHeadingID returns the id of the last heading in html, "" if none.
func lastHeadingID(html string) string {
	for end := len(html); ; {
		i := strings.LastIndex(html[:end], "<h")
		if i < 0 {
			return ""
		}
		end = i
		rest := html[i+2:]
		if len(rest) < 6 || rest[0] < '1' || rest[0] > '6' || !strings.HasPrefix(rest[1:], ` id="`) {
			continue
		}
		id := rest[6:]
		if q := strings.IndexByte(id, '"'); q >= 0 {
			return id[:q]
		}
	}
}

// The stages of the results Bodies keeps. A build and a check keep theirs
// apart, as the store drops what a run of a stage does not use.
const (
	stageScan      = "check-body-scan"
	stageBuildScan = "build-body-scan"
	stageHTML      = "build-body-html"
	stageText      = "build-body-search-text" // its opening and the words of the rest
)

// scanned is what a body's Markdown holds before its references are
// resolved: its headings and its references in the order they were met.
type scanned struct {
	Headings []markdown.Heading
	TitleID  string
	Refs     []markdown.Ref
}

// converted is a body as HTML, and where the blocks it places go.
type converted struct {
	HTML, TitleHTML string
	Blocks          []markdown.Block
}

// textKey is the key of a body's text for the search index, cut at limit,
// given the key of its HTML.
func textKey(html memo.Key, limit int) memo.Key {
	return memo.NewHasher().Key(html).Int(limit).Sum()
}

// scanStage is the stage of scanned bodies of a build or a check.
func scanStage(build bool) string {
	if build {
		return stageBuildScan
	}
	return stageScan
}

// hashTarget adds what a reference resolved to, which the HTML shows.
func hashTarget(h *memo.Hasher, t markdown.Target) {
	h.String(t.Dest).String(t.Label).Bool(t.Restricted).Bool(t.Broken)
}

// stored gives d the body that an earlier run kept for the same Markdown,
// title and options, resolving its references again against ix: their
// findings are this run's. For a body to render, its HTML must have been
// kept for the same targets too. It reports whether there was such a body.
func stored(results *memo.Store, d *site.Document, ix *refs.Index, scanKey memo.Key, build, render bool, limit int) (*refs.Linker, bool) {
	var sc scanned
	if !results.Get(scanStage(build), scanKey, &sc) {
		return nil, false
	}
	linker := ix.For(d)
	targets := memo.NewHasher().Key(scanKey)
	for _, r := range sc.Refs {
		hashTarget(targets, linker.Resolve(r))
	}
	if render {
		htmlKey := targets.Sum()
		var cv converted
		if !results.Get(stageHTML, htmlKey, &cv) {
			return nil, false
		}
		d.Body, d.TitleHTML = template.HTML(cv.HTML), template.HTML(cv.TitleHTML)
		placeBlocks(d, cv.Blocks)
		// The text is kept for one limit, which changes with the number
		// of documents; for another it is read from the HTML once.
		var text string
		if !results.Get(stageText, textKey(htmlKey, limit), &text) {
			text = search.Text(d.Body, sc.TitleID, limit)
			results.Put(stageText, textKey(htmlKey, limit), text)
		}
		d.SearchText, d.SearchLimit = text, limit
	}
	setHeadings(d, sc.Headings, sc.TitleID)
	return linker, true
}

// setHeadings gives a document its headings and the anchors they make.
func setHeadings(d *site.Document, headings []markdown.Heading, titleID string) {
	d.Headings, d.TitleID = headings, titleID
	d.Anchors = make(map[string]bool, len(headings))
	for _, h := range headings {
		d.Anchors[h.ID] = true
	}
}
