// Shows a scorecard's other periods in the browser
// (templates/partials/scorecard.html).
//
// Without this script the page shows the scored period only and no
// controls: the period selector is hidden in the HTML. With it, the
// selector appears and:
//   - choosing a period shows that period's view and hides the others;
//   - the choice is kept in the address's hash (#period=2026-Q2), without
//     a new history entry, so that a view can be shared and survives a
//     reload; on arrival a hash that names one of the scorecard's periods
//     selects it and brings the scorecard into view, any other is left
//     alone;
//   - in each view, the trend charts mark the point of that view's period.
// Printing always shows the scored period (govdoc.css).
//
// It uses no library and no network, and runs from file:// too.
(function () {
  "use strict";

  var select = document.getElementById("scorecard-period");
  if (!select) return;
  var views = document.querySelectorAll(".sc-view[data-period]");
  var controls = select.closest ? select.closest(".sc-controls") : null;

  function each(list, fn) {
    for (var i = 0; i < list.length; i++) fn(list[i], i);
  }

  function isPeriod(p) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === p) return true;
    }
    return false;
  }

  // hashPeriod returns the period the address's hash names, or "" when it
  // names none of the scorecard's.
  function hashPeriod() {
    var parts = location.hash.replace(/^#/, "").split("&");
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].indexOf("period=") !== 0) continue;
      var p;
      try {
        p = decodeURIComponent(parts[i].slice("period=".length));
      } catch (e) {
        return "";
      }
      return isPeriod(p) ? p : "";
    }
    return "";
  }

  function show(period) {
    each(views, function (v) {
      var hide = v.getAttribute("data-period") !== period;
      if (v.hidden !== hide) v.hidden = hide;
    });
  }

  function save(period) {
    var hash = "#period=" + encodeURIComponent(period);
    if (location.hash === hash) return;
    try {
      history.replaceState(history.state, "", hash);
    } catch (e) {
      location.hash = hash;
    }
  }

  // Each view's charts show every period; mark the one the view is about.
  each(views, function (v) {
    var period = v.getAttribute("data-period");
    each(v.querySelectorAll("svg.trend .trend-point"), function (c) {
      if (c.getAttribute("data-period") === period) {
        c.setAttribute("class", c.getAttribute("class") + " trend-current");
      }
    });
  });

  var initial = hashPeriod();
  if (initial) select.value = initial;
  if (controls) controls.hidden = false;
  show(select.value);
  if (initial) {
    var card = document.getElementById("govdoc-scorecard");
    if (card && card.scrollIntoView) card.scrollIntoView();
  }

  select.addEventListener("change", function () {
    show(select.value);
    save(select.value);
  });
  window.addEventListener("hashchange", function () {
    var p = hashPeriod();
    if (p && p !== select.value) {
      select.value = p;
      show(p);
    }
  });
}());
