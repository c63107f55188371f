package markdown

// NewIDs is the heading ID generator of every document.
var NewIDs = newIDs
