package generator

// OnParsing sets the function a build calls as the Markdown of each
// document starts to be parsed, with its path.
func OnParsing(opts *Options, fn func(path string)) { opts.parsing = fn }
