package render_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/internal/browsertest"
	"github.com/govdoc/govdoc/generator/internal/xsstest"
	"github.com/govdoc/govdoc/generator/output"
)

// payloadsPerPage is how many payloads of the public list share a document,
// and casesPerPage how many of govdoc's own cases; a case that opens with a
// title opens a document.
const payloadsPerPage, casesPerPage = 50, 10

// trap runs in every frame before the page's own scripts. In the page, the
// functions payloads call to show that they ran set window.__xss and note
// the call instead of opening a dialog; in a frame a payload made, they are
// left as they are, and the dialog they open is an event the test sees.
const trap = `(() => {
	if (window.top !== window) return;
	const hits = [];
	Object.defineProperty(window, "__xssHits", {value: hits});
	const hit = name => function (...args) {
		window.__xss = 1;
		hits.push(name + "(" + args.map(String).join(", ") + ")");
		return null;
	};
	for (const name of ["alert", "confirm", "prompt", "print", "open"]) window[name] = hit(name);
})()`

// inspect reports what a loaded page ran and holds: the trap's marker and
// calls, its title and address, its scripts, and every part of the document
// body that could run code.
const inspect = `new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
	const body = document.querySelector(".doc-body");
	const unsafe = [];
	const banned = /^(script|style|iframe|frame|frameset|object|embed|applet|base|meta|link|form|button|textarea|select|template|noscript|svg|math|audio|video|source|marquee)$/;
	for (const el of body ? body.querySelectorAll("*") : []) {
		const name = el.localName;
		if (el.namespaceURI !== "http://www.w3.org/1999/xhtml") unsafe.push(el.namespaceURI + " <" + name + ">");
		if (banned.test(name)) unsafe.push("<" + name + ">");
		if (name === "input" && !(el.type === "checkbox" && el.disabled)) unsafe.push("<input type=" + el.type + ">");
		for (const a of el.attributes) {
			const key = a.name.toLowerCase();
			if (key.startsWith("on")) unsafe.push("<" + name + "> " + key);
			if (key === "style") unsafe.push("<" + name + "> style");
			if (/^(href|src|action|formaction|xlink:href|data|poster|background|srcset)$/.test(key)) {
				const url = a.value.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
				const image = name === "img" && key === "src" && url.startsWith("data:image/");
				if (/^(javascript|vbscript):/.test(url) || (url.startsWith("data:") && !image)) unsafe.push("<" + name + "> " + key + "=" + a.value);
			}
		}
	}
	done({
		marker: window.__xss === 1,
		hits: window.__xssHits || [],
		title: document.title,
		href: location.href,
		scripts: [...document.scripts].map(s => s.src || "inline: " + s.text.slice(0, 60)),
		unsafe: unsafe,
		body: body ? body.textContent.length : -1,
		contained: document.querySelectorAll(".doc-body").length === 1 &&
			!document.querySelector(".doc-body .doc-aside, .doc-body .doc-pager, .doc-body footer") &&
			body.previousElementSibling?.classList.contains("doc-aside") === true,
	});
})))`

// pageReport is what inspect returns.
type pageReport struct {
	Marker  bool     `json:"marker"`
	Hits    []string `json:"hits"`
	Title   string   `json:"title"`
	Href    string   `json:"href"`
	Scripts []string `json:"scripts"`
	Unsafe  []string `json:"unsafe"`
	Body    int      `json:"body"`
	// Contained is false when the body took in the page after it, or was
	// taken out of its place.
	Contained bool `json:"contained"`
}

// TestRawHTMLXSSBrowser builds a handbook with raw_html on whose documents
// hold every payload of a public XSS list, 50 to a page, and govdoc's own
// cases (mutation XSS through SVG and MathML, links to javascript: and
// data: URLs written every way Markdown allows), 10 to a page; the cases
// are built with raw_html off too. Chromium opens each page: no payload
// calls alert, confirm, prompt, print or open, no dialog opens, the title
// and address stay, no script is added, and the document body holds no
// event handler, style, script-like element, form field or URL that runs
// code. A control page that holds the payloads unsanitized shows that each
// of these checks sees what it looks for.
func TestRawHTMLXSSBrowser(t *testing.T) {
	payloads, cases := xsstest.Payloads(t), xsstest.Cases(t)

	docs := map[string]string{}
	for i := 0; i*payloadsPerPage < len(payloads); i++ {
		chunk := payloads[i*payloadsPerPage : min((i+1)*payloadsPerPage, len(payloads))]
		docs[fmt.Sprintf("p%02d", i+1)] = fmt.Sprintf("# Payloads %d to %d\n\n%s\n", i*payloadsPerPage+1, i*payloadsPerPage+len(chunk), strings.Join(chunk, "\n\n"))
	}
	caseDocs := map[string]string{}
	var group []string
	for i, c := range cases {
		group = append(group, c)
		if i+1 == len(cases) || len(group) == casesPerPage || strings.HasPrefix(cases[i+1], "# ") {
			caseDocs[fmt.Sprintf("c%02d", len(caseDocs)+1)] = strings.Join(group, "\n")
			group = nil
		}
	}
	for name, body := range caseDocs {
		docs[name] = body
	}
	on, off := serveXSSSite(t, true, docs), serveXSSSite(t, false, caseDocs)

	browser := browsertest.New(t)
	tab, dialogs := trappedTab(t, browser)

	t.Run("control", func(t *testing.T) {
		first := on.file("xss/p01/index.html")
		require.Contains(t, first, `<div class="doc-body">`)
		control := strings.Replace(first, `<div class="doc-body">`, `<div class="doc-body">`+
			`<img src=x onerror=alert(1)><div><svg><style><img src=x onerror=alert(2)></style></svg></div>`+
			`<a href="javascript:alert(3)">x</a><iframe srcdoc="<script>alert(4)</script>"></iframe><table><tr><td>`, 1)
		on.put("control/index.html", control)
		r := open(t, tab, on.base+"control/")
		assert.True(t, r.Marker, "the trap sees an event handler run")
		assert.Contains(t, r.Hits, "alert(1)")
		assert.Contains(t, r.Hits, "alert(2)", "the mutation XSS runs when not sanitized")
		assert.Contains(t, r.Unsafe, "<img> onerror")
		assert.Contains(t, r.Unsafe, "<iframe>")
		assert.Contains(t, r.Unsafe, "<a> href=javascript:alert(3)")
		assert.Contains(t, r.Unsafe, "http://www.w3.org/2000/svg <svg>")
		assert.False(t, r.Contained, "a table left open takes in the page after the body")
		assert.Equal(t, []string{"alert: 4"}, dialogs.take(), "a dialog a frame opens is seen")
	})

	check := func(t *testing.T, s *xssSite, prefix string, want int) {
		t.Helper()
		names := s.pages(prefix)
		require.Len(t, names, want)
		for _, name := range names {
			url := s.base + strings.TrimSuffix(name, "index.html")
			r := open(t, tab, url)
			assert.False(t, r.Marker, "%s: a payload ran: %v", name, r.Hits)
			assert.Empty(t, r.Hits, name)
			assert.Empty(t, dialogs.take(), "%s: a dialog opened", name)
			assert.Equal(t, titleOf(s.file(name)), r.Title, "%s: the title changed", name)
			assert.Equal(t, url, r.Href, "%s: the page went elsewhere", name)
			assert.Empty(t, r.Unsafe, name)
			assert.Positive(t, r.Body, "%s: the body shows", name)
			assert.True(t, r.Contained, "%s: the body takes in the page around it", name)
			for _, script := range r.Scripts {
				assert.True(t, strings.HasPrefix(script, s.base+"js/"), "%s: script %s is not the theme's", name, script)
			}
		}
	}

	t.Run("payload list", func(t *testing.T) {
		check(t, on, "p", (len(payloads)+payloadsPerPage-1)/payloadsPerPage)
	})
	t.Run("govdoc's cases", func(t *testing.T) {
		check(t, on, "c", len(caseDocs))
	})
	t.Run("govdoc's cases with raw HTML off", func(t *testing.T) {
		check(t, off, "c", len(caseDocs))
	})
}

// xssSite is a built handbook served on loopback.
type xssSite struct {
	base  string // its URL, with a trailing slash
	mu    sync.Mutex
	files map[string]string
}

// file returns a file of the site, "" if there is none.
func (s *xssSite) file(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files[name]
}

// put adds a file to the site, or replaces one.
func (s *xssSite) put(name, data string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[name] = data
}

// pages returns the pages of the documents in the folder xss whose names
// start with prefix, in order.
func (s *xssSite) pages(prefix string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var names []string
	for name := range s.files {
		if strings.HasPrefix(name, "xss/"+prefix) && strings.HasSuffix(name, "/index.html") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// serveXSSSite builds a handbook whose documents, in the folder xss, are the
// given bodies, and serves it on loopback.
func serveXSSSite(t *testing.T, rawHTML bool, bodies map[string]string) *xssSite {
	t.Helper()
	yaml := "title: XSS handbook\nmetadata:\n  required: [Document-ID]\n"
	if rawHTML {
		yaml += "raw_html: true\n"
	}
	src := fstest.MapFS{"site.yaml": {Data: []byte(yaml)}}
	for name, body := range bodies {
		src["content/xss/"+name+".md"] = &fstest.MapFile{Data: []byte("---\nDocument-ID: xss-" + name + "\nClassification: Public\n---\n" + body)}
	}
	out := output.NewMemory()
	_, err := generator.Build(context.Background(), generator.Options{
		Source: src, Theme: govdoc.Theme, Version: "test", Now: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC),
	}, out)
	require.NoError(t, err)
	s := &xssSite{files: map[string]string{}}
	for _, name := range out.Names() {
		data, _ := out.File(name)
		s.files[name] = string(data)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		data := s.file(name)
		if data == "" {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, name, time.Time{}, strings.NewReader(data))
	}))
	t.Cleanup(srv.Close)
	s.base = srv.URL + "/"
	return s
}

// dialogLog keeps the dialogs pages open, as "type: message".
type dialogLog struct {
	mu  sync.Mutex
	got []string
}

func (l *dialogLog) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got = append(l.got, s)
}

// take returns the dialogs seen since the last take.
func (l *dialogLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	got := l.got
	l.got = nil
	return got
}

// trappedTab opens a tab that runs trap in every frame and logs, then
// dismisses, every dialog.
func trappedTab(t *testing.T, browser context.Context) (context.Context, *dialogLog) {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	_, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: trap})
	require.NoError(t, err)
	log := &dialogLog{}
	require.NoError(t, chromedp.Listen(tab, func(ev any) {
		if e, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			log.add(string(e.Type) + ": " + e.Message)
			// A listener may not send commands itself.
			go func() {
				_, _ = chromedp.Call(tab, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}()
		}
	}))
	return tab, log
}

// open loads url in the tab and reports what the page ran and holds.
func open(t *testing.T, tab context.Context, url string) pageReport {
	t.Helper()
	require.NoError(t, chromedp.Do(tab, chromedp.Navigate(url)), url)
	r, err := chromedp.Run(tab, chromedp.Evaluate[pageReport](inspect, chromedp.EvalAwaitPromise))
	require.NoError(t, err, url)
	return r
}

// titleRE finds a page's title.
var titleRE = regexp.MustCompile(`<title>([^<]*)</title>`)

// titleOf returns the title a built page gives itself, as document.title
// reads it: its runs of spaces one space.
func titleOf(page string) string {
	m := titleRE.FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return strings.Join(strings.Fields(html.UnescapeString(m[1])), " ")
}
