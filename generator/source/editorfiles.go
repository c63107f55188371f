package source

import "strings"

// EditorFile reports whether a file name is one of the temporary, swap,
// lock and backup files that editors and systems leave beside the files
// they save. They are no part of a site: they hold unsaved or old text, and
// are never published, even from static/.
//
//	*.swp *.swo *.swn    vim's swap files (.a.md.swp)
//	*.swx 4913           vim's probes of whether it can write a folder
//	*~                   backups: vim, Emacs, nano, gedit
//	#*# .#*              Emacs' auto-saves and locks
//	*.tmp                many editors' and tools' temporary files
//	*___jb_tmp___        JetBrains IDEs' safe write: the new text,
//	*___jb_old___        and the old file
//	*.crswap             VS Code for the Web and other browser editors' writes
//	.DS_Store            macOS's folder settings
func EditorFile(name string) bool {
	switch {
	case name == "4913", name == ".DS_Store", strings.HasSuffix(name, "~"), strings.HasPrefix(name, ".#"),
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	}
	for _, suffix := range []string{".swp", ".swo", ".swn", ".swx", ".tmp", "___jb_tmp___", "___jb_old___", ".crswap"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}
