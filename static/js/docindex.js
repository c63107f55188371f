// Sorts and filters the table of all documents (documents/index.html) in
// the browser.
//
// Without this script the page shows the whole table in reading order and
// no controls: the filter form is hidden in the HTML and the column headers
// are plain text. With it:
//   - each column header becomes a button that sorts by the column, first
//     ascending, then descending; the sorted column carries aria-sort.
//     Statuses and classifications sort in site.yaml's order (the order of
//     the filter's options), versions by their numbers, other columns as
//     text with numbers compared as numbers; empty cells go last;
//   - the filter form appears: the text field keeps the rows that contain
//     every word typed, the two lists a status and a classification;
//   - the count says how many documents show;
//   - the state is kept in the address's hash (#q=access&status=Draft&sort=title)
//     so that a view can be shared, and read again when the hash changes.
//
// It uses no library and no network, and runs from file:// too.
(function () {
  "use strict";

  var table = document.getElementById("doc-index");
  var form = document.querySelector(".doc-filter");
  var text = document.getElementById("doc-filter-text");
  var status = document.getElementById("doc-filter-status");
  var level = document.getElementById("doc-filter-classification");
  var count = document.getElementById("doc-filter-count");
  if (!table || !table.tBodies[0] || !form || !text || !status || !level) return;
  var tbody = table.tBodies[0];

  function each(list, fn) {
    for (var i = 0; i < list.length; i++) fn(list[i], i);
  }

  function fold(s) {
    return String(s || "").replace(/\s+/g, " ").replace(/^ | $/g, "").toLowerCase();
  }

  // rank maps a select's option values to their position, for sorting.
  function rank(select) {
    var r = {};
    each(select.options, function (o, i) {
      if (o.value) r[fold(o.value)] = i;
    });
    return r;
  }
  var ranks = { status: rank(status), classification: rank(level) };

  var rows = [];
  each(tbody.rows, function (tr, i) {
    var cells = [];
    each(tr.cells, function (c) {
      cells.push(c.textContent.replace(/\s+/g, " ").replace(/^ | $/g, ""));
    });
    rows.push({
      el: tr,
      order: i,
      cells: cells,
      text: fold(cells.join(" ")),
      status: fold(tr.getAttribute("data-status")),
      classification: fold(tr.getAttribute("data-classification"))
    });
  });

  // Sorting.
  var headers = table.tHead ? table.tHead.rows[0].cells : [];
  var sortKeys = []; // per column: its data-sort kind and slug
  var sorted = { column: -1, descending: false };
  var collator = typeof Intl !== "undefined" && Intl.Collator ? new Intl.Collator(undefined, { numeric: true, sensitivity: "base" }) : null;

  function compareText(a, b) {
    return collator ? collator.compare(a, b) : a < b ? -1 : a > b ? 1 : 0;
  }

  function compareVersion(a, b) {
    var x = a.replace(/^v/i, "").split(/[.\-]/), y = b.replace(/^v/i, "").split(/[.\-]/);
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      var p = x[i] || "0", q = y[i] || "0";
      var m = parseFloat(p), n = parseFloat(q);
      var c = !isNaN(m) && !isNaN(n) && m !== n ? m - n : compareText(p, q);
      if (c) return c < 0 ? -1 : 1;
    }
    return 0;
  }

  // compare orders two rows by a column's non-empty cells.
  function compare(kind, a, b, column) {
    var x = a.cells[column], y = b.cells[column];
    if (kind === "status" || kind === "classification") {
      var rx = ranks[kind][a[kind]], ry = ranks[kind][b[kind]];
      if (rx !== undefined && ry !== undefined) return rx - ry;
      if (rx !== undefined || ry !== undefined) return rx !== undefined ? -1 : 1;
    }
    if (kind === "version") return compareVersion(x, y);
    return compareText(x, y);
  }

  function sortBy(column, descending) {
    sorted = { column: column, descending: descending };
    var list = rows.slice();
    if (column >= 0) {
      var kind = sortKeys[column].kind;
      list.sort(function (a, b) {
        var x = a.cells[column], y = b.cells[column], c;
        if (!x || !y) c = x ? -1 : y ? 1 : 0; // empty cells last either way
        else c = compare(kind, a, b, column) * (descending ? -1 : 1);
        return c || a.order - b.order;
      });
    }
    // Emptied at once and filled again: moving rows one by one within a
    // large table takes seconds.
    tbody.textContent = "";
    var frag = document.createDocumentFragment();
    each(list, function (r) {
      frag.appendChild(r.el);
    });
    tbody.appendChild(frag);
    each(headers, function (th, i) {
      if (!sortKeys[i]) return;
      if (i === column) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
  }

  each(headers, function (th, i) {
    var kind = th.getAttribute("data-sort");
    if (!kind) return;
    var label = th.textContent.replace(/^\s+|\s+$/g, "");
    sortKeys[i] = { kind: kind, slug: fold(label).replace(/[^a-z0-9]+/g, "-") };
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.textContent = label;
    var icon = document.createElement("span");
    icon.className = "sort-icon";
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(icon);
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      sortBy(i, sorted.column === i ? !sorted.descending : false);
      save();
    });
  });

  // Filtering.
  function apply() {
    var words = fold(text.value).split(" ").filter(Boolean);
    var st = fold(status.value), cl = fold(level.value);
    var shown = 0;
    each(rows, function (r) {
      var ok = (!st || r.status === st) && (!cl || r.classification === cl);
      for (var i = 0; ok && i < words.length; i++) ok = r.text.indexOf(words[i]) >= 0;
      if (r.el.hidden === ok) r.el.hidden = !ok;
      if (ok) shown++;
    });
    var noun = rows.length === 1 ? "document" : "documents";
    if (count) count.textContent = shown === rows.length ? rows.length + " " + noun : shown + " of " + rows.length + " " + noun;
  }

  // The state in the address's hash.
  function save() {
    var parts = [];
    if (text.value.trim()) parts.push("q=" + encodeURIComponent(text.value.trim()));
    if (status.value) parts.push("status=" + encodeURIComponent(status.value));
    if (level.value) parts.push("classification=" + encodeURIComponent(level.value));
    if (sorted.column >= 0) parts.push("sort=" + (sorted.descending ? "-" : "") + sortKeys[sorted.column].slug);
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (hash !== location.hash && history.replaceState) {
      history.replaceState(null, "", hash || location.pathname + location.search);
    }
  }

  function choose(select, value) {
    each(select.options, function (o) {
      if (fold(o.value) === fold(value)) select.value = o.value;
    });
  }

  function load() {
    text.value = status.value = level.value = "";
    var sortedBy = false;
    each(location.hash.replace(/^#/, "").split("&"), function (part) {
      var eq = part.indexOf("=");
      if (eq < 0) return;
      var key = part.slice(0, eq), value;
      try {
        value = decodeURIComponent(part.slice(eq + 1));
      } catch (e) {
        return;
      }
      if (key === "q") text.value = value;
      else if (key === "status") choose(status, value);
      else if (key === "classification") choose(level, value);
      else if (key === "sort") {
        var desc = value.charAt(0) === "-", slug = value.replace(/^-/, "");
        each(sortKeys, function (k, i) {
          if (k && k.slug === slug) {
            sortBy(i, desc);
            sortedBy = true;
          }
        });
      }
    });
    if (!sortedBy && sorted.column >= 0) sortBy(-1, false);
  }

  // Large tables filter once typing pauses.
  var timer = 0;
  text.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      apply();
      save();
    }, rows.length > 2000 ? 150 : 0);
  });
  each([status, level], function (select) {
    select.addEventListener("change", function () {
      apply();
      save();
    });
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      apply();
      save();
    }, 0);
  });

  // An address pasted or followed in the same page.
  window.addEventListener("hashchange", function () {
    load();
    apply();
  });

  load();
  form.hidden = false;
  apply();
})();
