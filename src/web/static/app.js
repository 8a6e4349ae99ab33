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
  window.addEventListener("load", focusableWhenScrolling);  // after fonts and images
  var main = document.querySelector("main");
  if (main && window.ResizeObserver) new ResizeObserver(focusableWhenScrolling).observe(main);
});

// After a refused post the focus goes to the first field in error, so that
// a keyboard or screen-reader user lands on it (its message is tied to it
// with aria-describedby); after a warning to confirm, to the warnings.
document.addEventListener("DOMContentLoaded", function () {
  var first = document.querySelector("main [aria-invalid=true], main .invalid input, main .invalid select, main .invalid textarea");
  var warnings = document.getElementById("waarschuwingen");
  if (first) first.focus();
  else if (warnings) { warnings.setAttribute("tabindex", "-1"); warnings.focus(); }
  // The family summary's print button (no inline script: CSP).
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
});

// A long form survives an idle session (issue 11, finding 2). While the
// worker is busy on a page with a form (a key, a click or a change within
// the idle limit), the session is kept alive with a small POST that carries
// the CSRF token; a page left alone still expires. If it expired anyway,
// the server keeps the posted answers and posts them again after sign-in:
// that page (/hervatten/...) sends itself.
document.addEventListener("DOMContentLoaded", function () {
  var resume = document.querySelector("form[data-hervat]");
  if (resume) { resume.submit(); return; }
  var idle = parseInt(document.body.getAttribute("data-sessie") || "0", 10);
  var form = document.querySelector("main form[method=post]");
  var csrf = document.querySelector("input[name=csrf]");
  if (!idle || !form || !csrf) return;
  var lastActivity = Date.now(), lastPing = Date.now();
  ["keydown", "click", "change", "input", "touchstart"].forEach(function (name) {
    document.addEventListener(name, function () { lastActivity = Date.now(); }, true);
  });
  var interval = Math.min(Math.max(idle * 1000 / 3, 2000), 300000);
  window.setInterval(function () {
    if (lastActivity <= lastPing || Date.now() - lastActivity > idle * 1000) return;
    lastPing = Date.now();
    var body = new URLSearchParams();
    body.set("csrf", csrf.value);
    fetch("/sessie/verlengen", { method: "POST", body: body, credentials: "same-origin" }).catch(function () {});
  }, interval);
});
