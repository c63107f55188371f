// Searches the handbook from the header's search box, in the browser.
//
// The index is search-index.js at the site's root, written by govdoc for the
// build's audience: it holds the published documents only. It names the
// chunk scripts (in search-index/) that hold the documents' entries, in
// reading order; each adds its entries to window.govdocSearchChunks under
// its name, with the words of its documents' text beyond the opening each
// entry holds, and which of its entries hold each word. They are scripts rather than JSON so that they load from file://
// too, and they are loaded the first time the search box is used, not with
// every page.
//
// Without this script the search box stays hidden (the HTML hides it). With
// it, the box gets its input, list and status line, appears and:
//   - every word typed must be found in a document's ID, title, tags,
//     headings, owner, status, classification, section or text (the start
//     of its text, or a word of the rest: see the index); case does not
//     matter;
//   - results rank ID and title matches first, then tags and headings, then
//     the other details, then the text, and keep reading order among equals;
//     Retired documents come last, whatever they match;
//     the first 20 show, each with its ID, section, status and a snippet of
//     the text, the words found marked;
//   - the input is a combobox: ArrowDown and ArrowUp choose a result, Enter
//     opens it (the first one if none is chosen), Escape closes the list
//     and then clears the box; "/" anywhere else on the page comes back to
//     the box; a status line tells screen readers how many documents match;
//   - result links lead from the current page to the document's page,
//     wherever the handbook is published or opened from.
//
// It uses no library and no network besides the index, and runs from
// file:// too.
(function () {
  "use strict";

  var box = document.querySelector(".site-search");
  // The page holds the box alone; its parts are the same on every page, so
  // they are written here rather than into each page.
  if (box && !document.getElementById("site-search-input")) {
    box.innerHTML =
      '<label class="visually-hidden" for="site-search-input">Search the handbook</label>' +
      '<input id="site-search-input" class="site-search-input" type="search" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="site-search-results" aria-describedby="site-search-hint" autocomplete="off" spellcheck="false" placeholder="Search documents">' +
      '<kbd class="site-search-key" aria-hidden="true">/</kbd>' +
      '<span id="site-search-hint" class="visually-hidden">Type to search by title, ID, text, owner or tag; arrow keys choose a result, Enter opens it, Escape closes the list. Press slash to come back here.</span>' +
      '<div class="site-search-popup" hidden><p class="site-search-summary" aria-hidden="true"></p>' +
      '<ul id="site-search-results" class="site-search-results" role="listbox" aria-label="Search results"></ul></div>' +
      '<p id="site-search-status" class="visually-hidden" role="status" aria-live="polite"></p>';
  }
  var input = document.getElementById("site-search-input");
  var list = document.getElementById("site-search-results");
  if (!box || !input || !list) return;
  var popup = box.querySelector(".site-search-popup") || list;
  var summary = box.querySelector(".site-search-summary");
  var status = document.getElementById("site-search-status");
  var root = box.getAttribute("data-root") || "";
  var src = box.getAttribute("data-index") || root + "search-index.js";
  var global = "govdocSearchIndex";
  var chunks = "govdocSearchChunks";
  var max = 20;

  var docs = null; // the index, prepared for searching
  var vocab = null; // the words beyond each text's opening: word -> entry numbers
  var state = "idle"; // then "loading", "ready" or "failed"
  var results = [];
  var active = -1;
  var timer = 0;

  function fold(s) {
    return String(s || "").toLowerCase();
  }

  function slug(s) {
    return fold(s).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  }

  // Loading and preparing the index.
  function load() {
    if (state !== "idle") return;
    if (window[global] && gathered(window[global])) {
      prepare(gathered(window[global]));
      return;
    }
    state = "loading";
    script(src, function () {
      var index = window[global];
      var names = (index && index.chunks) || [];
      var left = names.length;
      var done = function () {
        if (state === "failed") return;
        prepare(gathered(index));
        run();
      };
      if (!index || index.docs || !left) {
        done();
        return;
      }
      var base = src.replace(/[^\/]*$/, "");
      for (var i = 0; i < names.length; i++) {
        script(base + names[i], function () {
          if (--left === 0) done();
        });
      }
    });
  }

  // script loads a script, then calls then; if it fails, the search fails.
  function script(url, then) {
    var el = document.createElement("script");
    el.src = url;
    el.async = true;
    el.onload = then;
    el.onerror = function () {
      if (state === "failed") return;
      state = "failed";
      run();
    };
    document.head.appendChild(el);
  }

  // The characters that spell which entries of a chunk hold a word, one an
  // entry, as the step from the one before (search.Postings in govdoc).
  var digits = "!#$%&'()*+,-./0123456789:;=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz|~";

  // gathered returns the index with the entries of its chunks, in order,
  // and the words beyond their openings, each with the numbers of the
  // entries that hold it; or null while a chunk is missing.
  function gathered(index) {
    if (!index || index.docs || !index.chunks) return index;
    var loaded = window[chunks] || {}, docs = [], words = new Map();
    for (var i = 0; i < index.chunks.length; i++) {
      var part = loaded[index.chunks[i]];
      if (!part) return null;
      var entries = part.docs || part, base = docs.length;
      for (var j = 0; j < entries.length; j++) docs.push(entries[j]);
      var list = part.words ? part.words.split(" ") : [];
      for (var k = 0; k + 1 < list.length; k += 2) {
        var holders = words.get(list[k]);
        if (!holders) words.set(list[k], (holders = []));
        for (var c = 0, at = base - 1; c < list[k + 1].length; c++) {
          var v = digits.indexOf(list[k + 1].charAt(c));
          if (v === 0) {
            at += digits.length - 1;
          } else if (v > 0) {
            at += v;
            holders.push(at);
          }
        }
      }
    }
    return { fields: index.fields, docs: docs, words: words };
  }

  function prepare(index) {
    if (!index || !index.fields || !index.docs) {
      state = "failed";
      return;
    }
    var at = {};
    for (var i = 0; i < index.fields.length; i++) at[index.fields[i]] = i;
    vocab = index.words || new Map();
    docs = [];
    for (var n = 0; n < index.docs.length; n++) {
      var e = index.docs[n];
      if (!e) continue;
      var get = function (f) {
        var v = at[f] === undefined ? "" : e[at[f]];
        return v === null || v === undefined ? "" : v;
      };
      var d = {
        n: n,
        title: String(get("title")),
        id: String(get("id")),
        url: String(get("url")),
        owner: String(get("owner")),
        status: String(get("status")),
        classification: String(get("classification")),
        tags: get("tags") || [],
        section: String(get("section")),
        headings: String(get("headings")),
        text: String(get("text"))
      };
      d.retired = fold(d.status) === "retired" ? 1 : 0;
      d.l = {
        id: fold(d.id),
        title: fold(d.title),
        tags: fold(d.tags.join("\n")),
        headings: fold(d.headings),
        meta: fold([d.owner, d.status, d.classification, d.section].join("\n")),
        text: fold(d.text)
      };
      docs.push(d);
    }
    state = "ready";
  }

  // Searching.
  function wordStart(s, i) {
    return i === 0 || /[\s\-_.,;:()\/"'«“]/.test(s.charAt(i - 1));
  }

  // deep returns, for a word typed, the score of its match in the words of
  // each text beyond the opening, by entry number: 3 where a word starts
  // with it, 1 where one holds it.
  function deep(w) {
    var found = {};
    vocab.forEach(function (holders, word) {
      var i = word.indexOf(w);
      if (i < 0) return;
      var s = i === 0 ? 3 : 1;
      for (var j = 0; j < holders.length; j++) if ((found[holders[j]] || 0) < s) found[holders[j]] = s;
    });
    return found;
  }

  // score rates how well one word matches a document; 0 is no match. rest
  // is deep(w).
  function score(d, w, rest) {
    var l = d.l, i;
    if (l.id === w) return 100;
    if ((i = l.id.indexOf(w)) >= 0) return i === 0 ? 70 : 50;
    if ((i = l.title.indexOf(w)) >= 0) return wordStart(l.title, i) ? 40 : 25;
    if (l.tags.indexOf(w) >= 0) return 16;
    if ((i = l.headings.indexOf(w)) >= 0) return wordStart(l.headings, i) ? 12 : 8;
    if ((i = l.meta.indexOf(w)) >= 0) return wordStart(l.meta, i) ? 8 : 5;
    if ((i = l.text.indexOf(w)) >= 0) return wordStart(l.text, i) ? 3 : 1;
    return rest[d.n] || 0;
  }

  function search(query) {
    var q = fold(query).replace(/\s+/g, " ").replace(/^ | $/g, "");
    var words = q.split(" ").filter(Boolean);
    var found = [];
    if (!words.length || !docs) return { words: words, found: found };
    var rest = words.map(deep);
    for (var n = 0; n < docs.length; n++) {
      var d = docs[n], total = 0;
      for (var k = 0; k < words.length; k++) {
        var s = score(d, words[k], rest[k]);
        if (!s) {
          total = 0;
          break;
        }
        total += s;
      }
      if (!total) continue;
      if (words.length > 1) {
        if (d.l.id === q) total += 200;
        else if (d.l.title === q) total += 100;
        else if (d.l.title.indexOf(q) >= 0) total += 40;
        else if (d.l.text.indexOf(q) >= 0) total += 5;
      }
      found.push({ d: d, score: total });
    }
    // Retired documents, no longer in force, come after every other.
    found.sort(function (a, b) {
      return a.d.retired - b.d.retired || b.score - a.score || a.d.n - b.d.n;
    });
    return { words: words, found: found };
  }

  // Showing results.
  function pattern(words) {
    var parts = words.slice().sort(function (a, b) {
      return b.length - a.length;
    });
    for (var i = 0; i < parts.length; i++) parts[i] = parts[i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return parts.length ? new RegExp("(" + parts.join("|") + ")", "gi") : null;
  }

  // marked appends text to el with the matches of re in <mark>.
  function marked(el, text, re) {
    if (!re) {
      el.appendChild(document.createTextNode(text));
      return el;
    }
    var pieces = text.split(re);
    for (var i = 0; i < pieces.length; i++) {
      if (!pieces[i]) continue;
      if (i % 2) {
        var m = document.createElement("mark");
        m.textContent = pieces[i];
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(pieces[i]));
      }
    }
    return el;
  }

  // snippet returns about 160 characters of the text around the first
  // word found in it, or its start.
  function snippet(d, words) {
    var text = d.text, at = -1;
    for (var i = 0; i < words.length; i++) {
      var j = d.l.text.indexOf(words[i]);
      if (j >= 0 && (at < 0 || j < at)) at = j;
    }
    var start = Math.max(0, at - 60);
    if (start > 0) {
      var sp = text.indexOf(" ", start);
      start = sp >= 0 && sp < at ? sp + 1 : start;
    }
    var end = Math.min(text.length, start + 170);
    if (end < text.length) {
      var back = text.lastIndexOf(" ", end);
      if (back > start + 80) end = back;
    }
    var s = text.slice(start, end).replace(/…$/, "");
    return (start > 0 ? "…" : "") + s + (end < text.length || /…$/.test(text) ? "…" : "");
  }

  function span(cls, text) {
    var el = document.createElement("span");
    el.className = cls;
    if (text) el.textContent = text;
    return el;
  }

  function option(r, i, re, words) {
    var d = r.d;
    var li = document.createElement("li");
    li.setAttribute("role", "none");
    var a = document.createElement("a");
    a.setAttribute("role", "option");
    a.id = "site-search-option-" + i;
    a.href = root + d.url;
    a.tabIndex = -1;
    a.className = "site-search-result";
    a.setAttribute("aria-selected", "false");
    a.appendChild(marked(span("site-search-title"), d.title, re));
    var meta = span("site-search-meta");
    if (d.id) meta.appendChild(marked(span("doc-id"), d.id, re));
    if (d.section) meta.appendChild(span("site-search-section", d.section));
    if (d.status) meta.appendChild(span("badge status status-" + slug(d.status), d.status));
    if (meta.childNodes.length) a.appendChild(meta);
    var text = snippet(d, words);
    if (text) a.appendChild(marked(span("site-search-snippet"), text, re));
    a.addEventListener("mousemove", function () {
      if (active !== i) choose(i, false);
    });
    li.appendChild(a);
    return li;
  }

  function say(text) {
    if (summary) summary.textContent = text;
    if (status && status.textContent !== text) status.textContent = text;
  }

  function open(show) {
    popup.hidden = !show;
    input.setAttribute("aria-expanded", show ? "true" : "false");
    if (!show) choose(-1, false);
  }

  function run() {
    clearTimeout(timer);
    timer = 0;
    var query = input.value;
    list.textContent = "";
    results = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!query.replace(/\s+/g, "")) {
      say("");
      open(false);
      return;
    }
    if (state === "idle") load();
    if (state === "loading") {
      say("Loading the search index…");
      open(true);
      return;
    }
    if (state === "failed") {
      say("The search index could not be loaded.");
      open(true);
      return;
    }
    var res = search(query);
    results = res.found.slice(0, max);
    var re = pattern(res.words);
    var frag = document.createDocumentFragment();
    for (var i = 0; i < results.length; i++) frag.appendChild(option(results[i], i, re, res.words));
    list.appendChild(frag);
    var n = res.found.length, q = "“" + query.replace(/\s+/g, " ").trim() + "”";
    if (!n) say("No documents match " + q + ".");
    else if (n > max) say(n + " documents match " + q + "; the first " + max + " are shown.");
    else say(n + (n === 1 ? " document matches " : " documents match ") + q + ".");
    open(true);
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, docs && docs.length > 3000 ? 80 : 0);
  }

  function choose(i, scroll) {
    var options = list.querySelectorAll("[role=option]");
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = i;
    if (i >= 0 && options[i]) {
      options[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[i].id);
      if (scroll && options[i].scrollIntoView) options[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function move(delta) {
    if (popup.hidden) {
      run();
      if (popup.hidden) return;
    }
    var n = results.length;
    if (!n) return;
    var i = active < 0 ? (delta > 0 ? 0 : n - 1) : (active + delta + n) % n;
    choose(i, true);
  }

  function follow(i) {
    var a = list.querySelectorAll("[role=option]")[i];
    if (a) window.location.href = a.href;
  }

  input.addEventListener("input", schedule);
  input.addEventListener("focus", function () {
    load();
    if (input.value && popup.hidden) run();
  });
  input.addEventListener("keydown", function (e) {
    switch (e.key) {
      case "ArrowDown":
      case "Down":
        move(1);
        break;
      case "ArrowUp":
      case "Up":
        move(-1);
        break;
      case "Enter":
        if (timer) run(); // typed faster than the list followed
        if (active >= 0) follow(active);
        else if (results.length && !popup.hidden) follow(0);
        else return;
        break;
      case "Escape":
      case "Esc":
        if (!popup.hidden) open(false);
        else if (input.value) {
          input.value = "";
          run();
        } else return;
        break;
      default:
        return;
    }
    e.preventDefault();
  });
  box.addEventListener("focusout", function (e) {
    if (!e.relatedTarget || !box.contains(e.relatedTarget)) open(false);
  });

  // "/" focuses the search box, unless the reader is typing elsewhere.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });

  box.hidden = false;
})();
