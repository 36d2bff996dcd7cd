/* Progressive enhancement only: every page works without JavaScript. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the error summary so screen readers announce what to fix.
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
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
