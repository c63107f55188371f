// Package govdoc carries what the govdoc binary needs besides its code: the
// built-in theme (templates/ and static/) and the example handbook
// (site.yaml and content/), embedded so the binary works on its own.
package govdoc

import "embed"

// Theme holds the built-in theme: templates/ and static/.
//
//go:embed templates static
var Theme embed.FS

// Example holds the example handbook, a complete site.
//
//go:embed site.yaml all:content templates static
var Example embed.FS
