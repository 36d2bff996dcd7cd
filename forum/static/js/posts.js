/* Post forms, progressively enhanced: quote into the reply box without a reload, and a live
   preview rendered by the server (POST /preview, CSRF token in the X-CSRFToken header).
   Without JavaScript the "Quote" links and the "Preview" button do the same with a round trip. */
(function () {
  "use strict";

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrf_token]");
    return input ? input.value : "";
  }

  function replyBox() {
    return document.querySelector("#reply textarea[name=body]");
  }

  function appendQuote(box, text) {
    var before = box.value.replace(/\s+$/, "");
    box.value = (before ? before + "\n\n" : "") + text;
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
    box.scrollIntoView({ block: "center" });
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function onQuoteClick(event) {
    var link = event.target.closest("a[data-quote-url]");
    var box = replyBox();
    if (!link || !box || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    fetch(link.dataset.quoteUrl, { credentials: "same-origin", headers: { Accept: "text/plain" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("quote " + response.status); }
        return response.text();
      })
      .then(function (text) { appendQuote(box, text); })
      .catch(function () { window.location.assign(link.href); });
  }

  function livePreview(form) {
    var box = form.querySelector("textarea[name=body]");
    var region = form.querySelector("[data-live-preview]");
    if (!box || !region || !window.fetch) { return; }
    var target = region.querySelector(".post-body");
    var timer = null;
    var sent = null;
    function render() {
      var body = box.value;
      if (body === sent) { return; }
      sent = body;
      if (!body.trim()) { region.hidden = true; target.innerHTML = ""; return; }
      var data = new FormData();
      data.append("body", body);
      fetch(form.dataset.previewUrl, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form) }
      }).then(function (response) {
        if (!response.ok) { throw new Error("preview " + response.status); }
        return response.text();
      }).then(function (html) {
        if (body !== box.value) { return; }  // a newer request is on its way
        target.innerHTML = html;  // sanitised by the server (forum/text.py)
        region.hidden = false;
      }).catch(function () { sent = null; });
    }
    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(render, 350);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.addEventListener("click", onQuoteClick);
    document.querySelectorAll("form.post-form[data-preview-url]").forEach(livePreview);
  });
})();
