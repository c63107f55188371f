package external_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/govdoc/govdoc/generator/external"
	"github.com/govdoc/govdoc/generator/finding"
)

func ExampleCheck() {
	// A stand-in for the web: /policy answers, /retired does not.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/retired" {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	links := []external.Link{
		{URL: srv.URL + "/policy", Pos: finding.Position{File: "content/0100_security.md", Line: 12, Column: 5}},
		{URL: srv.URL + "/retired#scope", Pos: finding.Position{File: "content/0100_security.md", Line: 30, Column: 1}},
		{URL: "mailto:board@example.org", Pos: finding.Position{File: "content/0100_security.md", Line: 31, Column: 1}},
	}
	findings, err := external.Check(context.Background(), links, external.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range findings {
		fmt.Println(strings.ReplaceAll(f.String(), srv.URL, "https://example.org"))
	}
	// Output:
	// content/0100_security.md:30:1: error: https://example.org/retired#scope answered 404 Not Found [external-link]
}
