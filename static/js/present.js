// Moves between the screens of a scorecard presentation with the keyboard
// (templates/present.html).
//
// Without this script each screen is an anchor (#screen-2) with links to
// the screens before and after, and the page scrolls. With it:
//   - ArrowRight, ArrowDown, PageDown and Space show the next screen;
//     ArrowLeft, ArrowUp, PageUp and Shift+Space the one before; Home and
//     End the first and the last;
//   - the screen shown gets the focus, so that a screen reader says its
//     title, and its anchor goes in the address without a new history
//     entry, so that a reload stays on it;
//   - it scrolls smoothly unless the reader prefers reduced motion.
// Keys typed into a field, or with Ctrl, Alt or Meta, are left alone.
//
// It uses no library and no network, and runs from file:// too.
(function () {
  "use strict";

  var screens = document.querySelectorAll(".present .screen");
  if (!screens.length) return;
  var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

  // nearest returns the index of the screen nearest the top of the window.
  function nearest() {
    var best = 0, dist = Infinity;
    for (var i = 0; i < screens.length; i++) {
      var d = Math.abs(screens[i].getBoundingClientRect().top);
      if (d < dist) {
        best = i;
        dist = d;
      }
    }
    return best;
  }

  // named returns the index of the screen the address names, or -1.
  function named() {
    var id = location.hash.slice(1);
    for (var i = 0; i < screens.length; i++) {
      if (screens[i].id === id) return i;
    }
    return -1;
  }

  // at is the screen shown: the last one moved to, or where the reader
  // scrolled or followed a link to.
  var at = named();
  if (at < 0) at = nearest();
  window.addEventListener("hashchange", function () {
    var i = named();
    if (i >= 0) at = i;
  });
  window.addEventListener("scrollend", function () {
    at = nearest();
  });

  function show(i) {
    at = Math.max(0, Math.min(screens.length - 1, i));
    var s = screens[at];
    try {
      history.replaceState(history.state, "", "#" + s.id);
    } catch (e) {
      // file:// in some browsers: the focus and scroll below still move.
    }
    s.scrollIntoView({ behavior: reduce && reduce.matches ? "auto" : "smooth", block: "start" });
    s.focus({ preventScroll: true });
  }

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName))) return;
    var i = at;
    switch (e.key) {
      case "ArrowRight":
      case "ArrowDown":
      case "PageDown":
        show(i + 1);
        break;
      case " ":
      case "Spacebar":
        show(e.shiftKey ? i - 1 : i + 1);
        break;
      case "ArrowLeft":
      case "ArrowUp":
      case "PageUp":
        show(i - 1);
        break;
      case "Home":
        show(0);
        break;
      case "End":
        show(screens.length - 1);
        break;
      default:
        return;
    }
    e.preventDefault();
  });
}());
