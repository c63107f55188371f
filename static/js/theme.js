// Chooses the colour theme, light or dark.
//
// Without a choice of their own, readers get their system's theme: the
// stylesheet follows prefers-color-scheme. This script runs in <head>,
// before the page is drawn, and applies a theme chosen earlier (kept in
// localStorage) as data-theme on <html>, so that the page shows in it from
// the start. It then shows the header's theme button, which switches to the
// other theme and remembers that choice for every page of the handbook.
// Without this script the button stays hidden and the system's theme
// applies.
//
// It uses no library and no network, and runs from file:// too.
(function () {
  "use strict";

  var key = "govdoc-theme";
  var root = document.documentElement;
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function stored() {
    try {
      var v = window.localStorage.getItem(key);
      return v === "light" || v === "dark" ? v : "";
    } catch (e) {
      return ""; // storage is off, as in some private windows
    }
  }

  function apply(theme) {
    if (theme) root.setAttribute("data-theme", theme);
    else root.removeAttribute("data-theme");
  }

  function current() {
    return root.getAttribute("data-theme") || (dark && dark.matches ? "dark" : "light");
  }

  apply(stored());

  function wire() {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    function show() {
      button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var theme = current() === "dark" ? "light" : "dark";
      apply(theme);
      try {
        window.localStorage.setItem(key, theme);
      } catch (e) {
        // kept for this page only
      }
      show();
    });
    if (dark && dark.addEventListener) dark.addEventListener("change", show);
    // A choice made in another tab.
    window.addEventListener("storage", function (e) {
      if (e.key === key) {
        apply(stored());
        show();
      }
    });
    show();
    button.hidden = false;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
