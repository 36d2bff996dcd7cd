/* Progressive enhancement only: every page works without JavaScript. */
(function () {
  "use strict";
  // Move focus to the first field in error: screen readers read its label and, through
  // aria-describedby, its error message; without one, focus the error summary. On `load`,
  // because Chromium's scroll to a URL fragment (#reply) clears focus after DOMContentLoaded.
  window.addEventListener("load", function () {
    var summary = document.getElementById("error-summary");
    var firstInvalid = document.querySelector("main [aria-invalid='true']");
    if (firstInvalid) { firstInvalid.focus(); } else if (summary) { summary.focus(); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    // Prevent double submission of post forms (the server also deduplicates).
    document.querySelectorAll("form.post-form").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.dataset.submitting === "1") { event.preventDefault(); return; }
        var submitter = event.submitter;
        if (submitter && submitter.name === "preview") { return; }
        form.dataset.submitting = "1";
      });
    });
  });
})();
