// Shows a scorecard's earlier periods in the browser: the period selector
// swaps which period's view is visible.
(function () {
  "use strict";
  var select = document.getElementById("scorecard-period");
  if (!select) return;
  var views = document.querySelectorAll(".sc-view[data-period]");
  function show(period) {
    for (var i = 0; i < views.length; i++) {
      views[i].hidden = views[i].getAttribute("data-period") !== period;
    }
  }
  select.closest(".sc-controls").hidden = false;
  select.addEventListener("change", function () { show(select.value); });
  show(select.value);
}());
