// Filters the responsibility matrix (responsibilities/index.html) by role
// and section in the browser.
//
// Without this script the page shows the whole matrix and no controls: the
// filter form is hidden in the HTML. With it, the form appears and:
//   - the role field matches a role's id, name and aliases (the header's
//     data-names), case and spacing aside: roles with a name equal to the
//     text if there are any, else every role with a name that contains it;
//     only the activities those roles have a letter in stay visible, and
//     their columns are marked;
//   - the section list keeps one section's activities;
//   - a document's heading row hides when none of its activities shows, a
//     section when none of its documents does;
//   - the count says how many activities show;
//   - the state is kept in the address's hash (#role=cio&section=content/x)
//     so that a filtered view can be shared; a role page links here with
//     ?role=NAME instead (govdoc checks that a link's hash is an id), which
//     becomes the hash on arrival.
//
// It uses no library and no network, and runs from file:// too.
(function () {
  "use strict";

  var form = document.querySelector(".raci-filter");
  var table = document.getElementById("raci-matrix");
  var roleInput = document.getElementById("raci-role");
  var sectionSelect = document.getElementById("raci-section");
  var count = document.getElementById("raci-count");
  if (!form || !table || !roleInput || !sectionSelect) return;

  function each(list, fn) {
    for (var i = 0; i < list.length; i++) fn(list[i], i);
  }

  // clean collapses white space and trims; fold also lower-cases, so that
  // names compare as the generator matches them.
  function clean(s) {
    return String(s || "").replace(/\s+/g, " ").replace(/^ | $/g, "");
  }

  function fold(s) {
    return clean(s).toLowerCase();
  }

  // The roles, from the header: slug, folded names and the name shown.
  var roles = [];
  each(table.querySelectorAll("thead th[data-role]"), function (th) {
    var names = [fold(th.getAttribute("data-role"))];
    each((th.getAttribute("data-names") || "").split("|"), function (n) {
      n = fold(n);
      if (n) names.push(n);
    });
    roles.push({ slug: th.getAttribute("data-role"), names: names, label: clean(th.textContent) });
  });

  // The header and body cells of each role's column: a body cell is in the
  // column of the role at its place in the header.
  var columns = {};
  each(table.querySelectorAll("thead th[data-role]"), function (th, i) {
    columns[roles[i].slug] = [th];
  });
  each(table.querySelectorAll("tr.raci-row"), function (tr) {
    each(tr.cells, function (td, i) {
      var r = i > 0 && roles[i - 1];
      if (r) columns[r.slug].push(td);
    });
  });

  // The matrix: sections, their documents' heading rows and activity rows.
  var sections = [];
  var total = 0;
  each(table.querySelectorAll("tbody[data-section]"), function (tbody) {
    var section = { el: tbody, dir: tbody.getAttribute("data-section"), title: "", docs: [] };
    var doc = null;
    each(tbody.rows, function (tr) {
      var cls = " " + tr.className + " ";
      if (cls.indexOf(" raci-section-row ") >= 0) {
        section.title = clean(tr.textContent);
      } else if (cls.indexOf(" raci-doc-row ") >= 0) {
        doc = { el: tr, rows: [] };
        section.docs.push(doc);
      } else if (cls.indexOf(" raci-row ") >= 0) {
        if (!doc) {
          doc = { el: null, rows: [] };
          section.docs.push(doc);
        }
        var slugs = {};
        each((tr.getAttribute("data-roles") || "").split(" "), function (s) {
          if (s) slugs[s] = true;
        });
        doc.rows.push({ el: tr, roles: slugs });
        total++;
      }
    });
    sections.push(section);
  });

  // matchRoles returns the roles a query names, or null for no query.
  function matchRoles(query) {
    var q = fold(query);
    if (!q) return null;
    var exact = [], partial = [];
    each(roles, function (r) {
      var isExact = false, isPartial = false;
      each(r.names, function (n) {
        if (n === q) isExact = true;
        else if (n.indexOf(q) >= 0) isPartial = true;
      });
      if (isExact) exact.push(r);
      else if (isPartial) partial.push(r);
    });
    return exact.length ? exact : partial;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  var marked = [];
  var wrap = table.parentNode;

  // mark highlights the columns of the matched roles and scrolls the first
  // into view beside the activity names.
  function mark(matched) {
    each(marked, function (el) {
      el.classList.remove("raci-match");
    });
    marked = [];
    each(matched || [], function (r) {
      each(columns[r.slug] || [], function (el) {
        el.classList.add("raci-match");
        marked.push(el);
      });
    });
    if (!marked.length || !wrap || wrap.scrollWidth <= wrap.clientWidth) return;
    var th = marked[0];
    var names = table.rows[0] && table.rows[0].cells[0];
    var box = wrap.getBoundingClientRect(), cell = th.getBoundingClientRect();
    var left = box.left + (names ? names.offsetWidth : 0);
    if (cell.left < left || cell.right > box.right) {
      wrap.scrollLeft += cell.left - left - 8;
    }
  }

  // setHidden changes an element only when it must, since each change of a
  // row costs a new layout of a matrix that may have thousands of cells.
  function setHidden(el, hide) {
    if (el.hidden !== hide) el.hidden = hide;
  }

  // apply shows the rows the form's state selects and reports how many.
  function apply() {
    var matched = matchRoles(roleInput.value);
    var wanted = {};
    each(matched || [], function (r) {
      wanted[r.slug] = true;
    });
    var dir = sectionSelect.value;
    var shown = 0, sectionTitle = "";
    each(sections, function (section) {
      var inSection = !dir || section.dir === dir;
      if (inSection && dir) sectionTitle = section.title;
      var sectionShown = 0;
      each(section.docs, function (doc) {
        var docShown = 0;
        each(doc.rows, function (row) {
          var show = inSection;
          if (show && matched) {
            show = false;
            for (var slug in row.roles) {
              if (wanted[slug]) {
                show = true;
                break;
              }
            }
          }
          setHidden(row.el, !show);
          if (show) docShown++;
        });
        if (doc.el) setHidden(doc.el, docShown === 0);
        sectionShown += docShown;
      });
      setHidden(section.el, sectionShown === 0);
      shown += sectionShown;
    });
    mark(matched);
    if (count) {
      var text;
      if (matched && !matched.length) {
        text = "No role matches \u201c" + clean(roleInput.value) + "\u201d";
      } else if (!matched && !dir) {
        text = plural(total, "activity", "activities");
      } else {
        text = shown + " of " + plural(total, "activity", "activities");
        if (matched) {
          var labels = [];
          each(matched, function (r) {
            labels.push(r.label);
          });
          text += " for " + labels.join(", ");
        }
        if (dir) text += " in " + sectionTitle;
      }
      count.textContent = text;
    }
  }

  // The state in the address: #role=...&section=..., or ?role=... from a
  // link of a role page.
  function encode(v) {
    return encodeURIComponent(v).replace(/%2F/gi, "/").replace(/%20/g, "+");
  }

  function decode(v) {
    try {
      return decodeURIComponent(v.replace(/\+/g, " "));
    } catch (e) {
      return "";
    }
  }

  function params(s) {
    var out = {};
    each(s.replace(/^[#?]/, "").split("&"), function (part) {
      var i = part.indexOf("=");
      if (i > 0) out[decode(part.slice(0, i))] = decode(part.slice(i + 1));
    });
    return out;
  }

  function stateHash() {
    var parts = [];
    var role = clean(roleInput.value);
    if (role) parts.push("role=" + encode(role));
    if (sectionSelect.value) parts.push("section=" + encode(sectionSelect.value));
    return parts.length ? "#" + parts.join("&") : "";
  }

  function save() {
    var hash = stateHash();
    var fromQuery = /[?&](role|section)=/.test(location.search);
    if (hash === location.hash && !fromQuery) return;
    var url = location.pathname + (fromQuery ? "" : location.search) + hash;
    try {
      history.replaceState(history.state, "", url);
    } catch (e) {
      location.hash = hash;
    }
  }

  function load() {
    var p = params(location.hash);
    if (p.role === undefined && p.section === undefined) p = params(location.search);
    roleInput.value = p.role || "";
    sectionSelect.value = p.section || "";
    if (sectionSelect.selectedIndex < 0) sectionSelect.value = "";
    apply();
  }

  function update() {
    apply();
    save();
  }

  form.hidden = false;
  roleInput.addEventListener("input", update);
  sectionSelect.addEventListener("change", update);
  sectionSelect.addEventListener("input", update);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    update();
  });
  form.addEventListener("reset", function () {
    setTimeout(update, 0);
  });
  window.addEventListener("hashchange", function () {
    if (location.hash !== stateHash()) load();
  });
  load();
  save();
}());
