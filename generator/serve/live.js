// govdoc live preview. Served by `govdoc serve` into every page it shows;
// never part of a published handbook. It listens to the server's events:
//   hello   the build the server shows now; a page from another build reloads
//   reload  the handbook was rebuilt: reload the page
//   css     only stylesheets changed: swap them without reloading
//   errors  the last change has errors: show them over the last good version
//   ok      the errors are fixed: hide them and reload
// EventSource reconnects by itself when the server restarts.
(function () {
  "use strict";
  if (!window.EventSource || window.__govdocLive) {
    return;
  }
  window.__govdocLive = true;

  var script = document.currentScript;
  var build = (script && script.getAttribute("data-build")) || "";
  var id = "govdoc-live-errors";
  var source = null;

  function parse(e) {
    try {
      return JSON.parse(e.data) || {};
    } catch (err) {
      return {};
    }
  }

  function reload() {
    if (source) {
      source.close();
      source = null;
    }
    location.reload();
  }

  // swapStyles points every same-origin stylesheet at a new URL, so that the
  // browser fetches it again and restyles the page in place.
  function swapStyles() {
    var stamp = String(Date.now());
    document.querySelectorAll('link[rel~="stylesheet" i]').forEach(function (link) {
      var url = new URL(link.getAttribute("href") || "", location.href);
      if (url.origin !== location.origin) {
        return;
      }
      url.searchParams.set("govdoc", stamp);
      link.href = url.href;
    });
  }

  function position(f) {
    var p = f.file || "";
    if (f.line) {
      p += ":" + f.line;
      if (f.column) {
        p += ":" + f.column;
      }
    }
    return p;
  }

  function hide() {
    var old = document.getElementById(id);
    if (old) {
      old.remove();
    }
  }

  function code(text, css) {
    var c = document.createElement("code");
    c.textContent = text;
    c.style.cssText = "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:none;padding:0;" + css;
    return c;
  }

  // show lays the findings over the page in a fixed panel that screen
  // readers announce. Every text goes in through textContent: nothing of a
  // finding is ever read as HTML.
  function show(data) {
    hide();
    var findings = Array.isArray(data.findings) ? data.findings : [];
    var box = document.createElement("section");
    box.id = id;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", id + "-title");
    box.style.cssText = "all:initial;position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:2147483647;" +
      "box-sizing:border-box;max-height:50vh;overflow:auto;margin:0;padding:1rem 1.25rem;" +
      "background:#fff;color:#1b1b1b;border:2px solid #b3261e;border-left-width:.5rem;border-radius:.5rem;" +
      "box-shadow:0 .5rem 2rem rgba(0,0,0,.35);font:15px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;text-align:left";

    var title = document.createElement("h2");
    title.id = id + "-title";
    title.textContent = "The last change has errors; showing the last good version";
    title.style.cssText = "margin:0 4rem .5rem 0;padding:0;font:bold 17px/1.3 system-ui,-apple-system,Segoe UI,sans-serif;color:#8c1d18";

    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.setAttribute("aria-label", "Hide the errors");
    close.style.cssText = "position:absolute;top:.75rem;right:.75rem;font:14px system-ui,sans-serif;padding:.25rem .75rem;" +
      "border:1px solid #8c1d18;border-radius:.25rem;background:#fff;color:#8c1d18;cursor:pointer";
    close.addEventListener("click", hide);

    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding:0;list-style:none";
    findings.forEach(function (f) {
      var li = document.createElement("li");
      li.style.cssText = "margin:.35rem 0;padding:0;overflow-wrap:anywhere";
      var msg = document.createElement("span");
      msg.textContent = f.message || "";
      li.append(code(position(f), "font-weight:bold;color:#1b1b1b"), " ",
        code(f.rule || "", "color:#8c1d18"), " ", msg);
      list.appendChild(li);
    });

    box.append(close, title, list);
    (document.body || document.documentElement).appendChild(box);
  }

  function connect() {
    source = new EventSource("/_govdoc/events");
    source.addEventListener("hello", function (e) {
      var now = parse(e).build || "";
      if (build && now && now !== build) {
        reload(); // a change happened while this page was not listening
        return;
      }
      build = now || build;
    });
    source.addEventListener("reload", reload);
    source.addEventListener("css", function (e) {
      build = parse(e).build || build;
      swapStyles();
    });
    source.addEventListener("errors", function (e) {
      show(parse(e));
    });
    source.addEventListener("ok", function () {
      hide();
      reload();
    });
  }

  // A page leaving closes its stream, so that it does not hold one of the
  // browser's few connections to the server; one coming back from the
  // back-forward cache opens a new one and learns from hello what it missed.
  window.addEventListener("pagehide", function () {
    if (source) {
      source.close();
      source = null;
    }
  });
  window.addEventListener("pageshow", function (e) {
    if (e.persisted && !source) {
      connect();
    }
  });
  connect();
})();
