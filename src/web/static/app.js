// opkomst: small progressive JavaScript. Every core flow works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Warn before leaving a registration form with unsaved changes.
  document.querySelectorAll("form.registration").forEach(function (form) {
    var dirty = false;
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  });
  // Filters apply as soon as a choice changes.
  document.querySelectorAll("form.filters select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
