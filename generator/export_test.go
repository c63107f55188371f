package generator

// OnParsing sets the function a build calls with a document's path as its
// Markdown starts to be parsed (started true) and once it has been.
func OnParsing(opts *Options, fn func(path string, started bool)) { opts.parsing = fn }
