package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/serve"
)

// shutdownTimeout bounds how long serve waits for requests in flight when
// it is stopped.
const shutdownTimeout = time.Second

// serveOptions are the flags of govdoc serve.
type serveOptions struct {
	source, addr, audience string
	open                   bool
	caches                 cacheOptions
}

func serveCommand(g *globals) *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site, rebuilt as you save",
		Long: `Serve builds the site into memory and serves it, then rebuilds it each time
you save and updates the pages open in the browser. A change with errors never
takes the preview away: the pages show the last good version, with the errors
over it. Ctrl-C stops it.`,
		Example:    "  govdoc serve --open\n  govdoc serve --source handbook --addr 127.0.0.1:9000",
		SuggestFor: []string{"preview", "server"},
		Args:       noArgs,
		RunE: g.runE(func(ctx context.Context, _ []string, today time.Time, stdout, stderr io.Writer) int {
			return serveSite(ctx, o, today, stdout, stderr)
		}),
	}
	fl := cmd.Flags()
	sourceFlag(fl, &o.source)
	fl.StringVar(&o.addr, "addr", "127.0.0.1:8080", "serve on `HOST:PORT`; other machines can reach the preview only if you name a non-loopback address")
	audienceFlag(fl, &o.audience, "preview")
	fl.BoolVar(&o.open, "open", false, "open the preview in the browser")
	o.caches.flags(cmd)
	return cmd
}

// serveSite previews the site: it builds it into memory, serves it, and
// rebuilds and reloads open pages as its files change, until ctx is done.
func serveSite(ctx context.Context, o *serveOptions, today time.Time, stdout, stderr io.Writer) int {
	fsys, closeFS, err := openSite(o.source)
	if err != nil {
		fmt.Fprintf(stderr, "govdoc serve: %v\n", err)
		return exitUsage
	}
	defer closeFS()
	// What cannot be fixed while serving stops serve before it starts: no
	// site.yaml, an audience it does not know. Errors in site.yaml can be.
	if _, _, err := config.Load(fsys); err != nil {
		fmt.Fprintf(stderr, "govdoc serve: %s: %v\n", o.source, err)
		return exitUsage
	}
	if err := checkAudience(fsys, o.audience); err != nil {
		fmt.Fprintf(stderr, "govdoc serve: %v\n", err)
		return exitUsage
	}

	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		if inUse(err) {
			fmt.Fprintf(stderr, "govdoc serve: %s is in use; choose another with --addr\n", o.addr)
		} else {
			fmt.Fprintf(stderr, "govdoc serve: %v\n", err)
		}
		return exitUsage
	}
	defer ln.Close()
	// Watch before the first build, so that nothing saved during it is missed.
	watcher, err := serve.NewWatcher(o.source, serve.WatchOptions{Log: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "govdoc serve: %v\n", err)
		return exitUsage
	}
	defer watcher.Close()

	cs := o.caches.resolve(o.source, "govdoc serve", stderr)
	results := openResults(cs, "govdoc serve", stderr)
	defer closeResults(context.Background(), results, "govdoc serve", stderr)
	git := newLiveHistory(ctx, o.source, cs.history)
	session := generator.NewSession(generator.Options{Source: fsys, Theme: govdoc.Theme, Audience: o.audience, Version: Version(), Now: today, Git: git.Log, Results: results})
	srv := serve.New(session, serve.Options{Log: stdout, Hosts: previewHosts(o.addr)})
	if _, err := srv.Rebuild(ctx, nil); ctx.Err() != nil {
		return exitOK
	} else if errors.Is(err, config.ErrNotFound) {
		fmt.Fprintf(stderr, "govdoc serve: %s: %v\n", o.source, err)
		return exitUsage
	}
	// Any other failure is on the error page and the terminal, and may be
	// fixed while serving.

	// The first build did most of the work: its results are kept now, not
	// only when serve stops.
	if err := results.Flush(); err != nil {
		fmt.Fprintf(stderr, "govdoc serve: result cache: %v\n", err)
	}

	url := previewURL(ln.Addr())
	fmt.Fprintf(stdout, "govdoc serve: previewing %s at %s (Ctrl-C to stop)\n", o.source, url)
	if !isLoopback(ln.Addr()) {
		fmt.Fprintf(stderr, "govdoc serve: %s can be reached from other machines, and the preview has no access control\n", ln.Addr())
	}

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	hs.RegisterOnShutdown(srv.Close) // event streams end, so Shutdown need not wait for them
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		_ = watcher.Run(ctx, func(changed []string) { _, _ = srv.Rebuild(ctx, changed) })
	}()
	// A commit changes no watched file; the history is followed apart.
	go git.Follow(ctx, headInterval, func() { _, _ = srv.Rebuild(ctx, nil) })
	if o.open {
		openBrowser(url, stdout)
	}

	code := exitOK
	select {
	case <-ctx.Done():
	case err := <-served:
		fmt.Fprintf(stderr, "govdoc serve: %v\n", err)
		code = exitUsage
	}
	// Requests in flight get a moment to finish; connections a browser
	// opened in advance, which Shutdown would wait seconds for, are closed.
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if hs.Shutdown(sctx) != nil {
		hs.Close()
	}
	watcher.Close()
	<-watched
	fmt.Fprintln(stdout, "govdoc serve: stopped")
	return code
}

// headInterval is how often serve checks whether the repository's HEAD moved.
const headInterval = 2 * time.Second

// inUse reports whether listening failed because the address is taken.
func inUse(err error) bool {
	return errors.Is(err, syscall.EADDRINUSE) ||
		strings.Contains(err.Error(), "Only one usage of each socket address") // Windows
}

// previewURL is the address to open: an unspecified host (all interfaces)
// is reached as localhost.
func previewURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// isLoopback reports whether only this machine can reach the address.
func isLoopback(a net.Addr) bool {
	t, ok := a.(*net.TCPAddr)
	return ok && t.IP.IsLoopback()
}

// openBrowser opens url with the desktop's opener when there is one, and
// otherwise asks the user to.
func openBrowser(url string, stdout io.Writer) {
	name := "xdg-open"
	if runtime.GOOS == "darwin" {
		name = "open"
	}
	if p, err := exec.LookPath(name); err == nil {
		cmd := exec.Command(p, url)
		if err := cmd.Start(); err == nil {
			go func() { _ = cmd.Wait() }()
			return
		}
	}
	fmt.Fprintf(stdout, "govdoc serve: open %s in your browser\n", url)
}

// previewHosts are the host names a request to the preview may name besides
// loopback names and IP addresses: the host of --addr when it is a name,
// and this machine's name when the preview listens on every interface.
func previewHosts(addr string) []string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		if name, err := os.Hostname(); err == nil {
			return []string{name}
		}
		return nil
	}
	return []string{host}
}
