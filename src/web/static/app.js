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
  // Filters apply with their button only: a select that submitted on
  // "change" reloaded the page on one arrow key (WCAG 3.2.2).
  // A table wider than a phone scrolls inside itself (app.css); a keyboard
  // must reach it to scroll it (WCAG 2.1.1).
  function focusableWhenScrolling() {
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) table.setAttribute("tabindex", "0");
      else table.removeAttribute("tabindex");
    });
  }
  focusableWhenScrolling();
  window.addEventListener("resize", focusableWhenScrolling);
});
