/* Live updates (progressive enhancement: every page works without this file).

   Thread pages: new replies appear in place, in order, announced politely ("New reply from …")
   when the reader is on the last page, otherwise a notice links there; edits replace bodies;
   hidden posts grey out or collapse to the placeholder; lock and pin changes show; "… is typing";
   "N reading now". Sector and home pages: a polite "N new — show" bar instead of moving rows
   under the reader. After a lost connection the page asks for the posts it missed.

   The server sends the sanitised HTML the page itself would render (neutral, without per-viewer
   controls); for signed-in readers the post is then swapped for their own version from
   /live/posts/<id> (Quote, Edit, Flag, moderator tools as the thread page shows them). */
(function () {
  "use strict";

  var script = document.getElementById("live-script");
  if (!script || typeof window.io !== "function") { return; }
  var strings = JSON.parse(script.dataset.strings || "{}");
  var signedIn = script.dataset.signedIn === "1";
  var fragmentUrl = script.dataset.fragmentUrl || "";
  var rowUrl = script.dataset.rowUrl || "";

  function t(key, values, text) {
    text = text || strings[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(values[name]));
    });
    return text;
  }

  var pluralRules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;

  /* strings[key] is {CLDR category: text} rendered by the server from the catalogue's forms. */
  function plural(key, n) {
    var forms = strings[key] || {};
    var category = pluralRules ? pluralRules.select(n) : (n === 1 ? "one" : "other");
    return t(key, { n: n }, forms[category] || forms.other || forms.many || forms.one);
  }

  function element(tag, className, attrs) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }

  function fromHtml(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;  // rendered and sanitised by the server (forum/text.py, templates)
    return holder.firstElementChild;
  }

  /* -- status: a discreet "Reconnecting…" and a polite region for announcements ------------ */

  var statusBox = element("p", "live-status", { role: "status", "aria-live": "polite" });
  statusBox.hidden = true;
  var announcer = element("div", "visually-hidden", { "aria-live": "polite", "aria-atomic": "true" });
  document.body.appendChild(statusBox);
  document.body.appendChild(announcer);

  function announce(text) {
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  /* -- the socket ------------------------------------------------------------------------------- */

  var socket = window.io({ transports: ["websocket", "polling"], reconnectionDelayMax: 10000 });
  var page = threadPage() || listPage();
  if (!page) { socket.disconnect(); return; }
  var everConnected = false;

  socket.on("connect", function () {
    statusBox.hidden = true;
    page.join(everConnected);
    everConnected = true;
  });
  socket.on("disconnect", function (reason) {
    statusBox.textContent = t("reconnecting");
    statusBox.hidden = false;
    if (reason === "io server disconnect") {
      // The server ended this socket (sign-out, role change): connect afresh with the cookie
      // this browser holds now, after a pause.
      window.setTimeout(function () { socket.connect(); }, 2000 + Math.random() * 2000);
    }
  });
  socket.on("notification_created", function () {
    // The bell in the header: one more unread notification for this member.
    var count = document.getElementById("notification-count");
    if (!count) { return; }
    count.textContent = String((parseInt(count.textContent, 10) || 0) + 1);
    count.classList.remove("is-zero");
  });
  socket.on("connect_error", function () {
    statusBox.textContent = t("reconnecting");
    statusBox.hidden = false;
  });

  /* -- thread pages --------------------------------------------------------------------------- */

  function threadPage() {
    var posts = document.getElementById("posts");
    if (!posts || !posts.dataset.thread) { return null; }
    var threadId = parseInt(posts.dataset.thread, 10);
    var onLastPage = posts.dataset.page === posts.dataset.lastPage;
    var head = document.querySelector(".thread-head");
    var presence = element("p", "meta live-presence");
    var typing = element("p", "meta live-typing");
    var notice = null;
    var typers = {};
    if (head) { head.appendChild(presence); }
    posts.parentNode.insertBefore(typing, posts.nextSibling);

    function lastSeenId() {
      var max = 0;
      posts.querySelectorAll("[data-post-id]").forEach(function (node) {
        max = Math.max(max, parseInt(node.dataset.postId, 10) || 0);
      });
      return max;
    }

    function upgrade(postId) {
      // Swap the neutral fragment for this viewer's own (with their controls), spread over a
      // second so a busy thread does not see every reader ask at the same instant. The neutral
      // fragment is rendered in English: visitors reading another language swap it too.
      var english = (document.documentElement.lang || "en").split("-")[0] === "en";
      if ((!signedIn && english) || !fragmentUrl) { return; }
      window.setTimeout(function () {
        fetch(fragmentUrl.replace(/0$/, String(postId)), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.text() : null; })
          .then(function (html) {
            var current = document.getElementById("post-" + postId);
            var fresh = html && fromHtml(html);
            if (current && fresh) { current.replaceWith(fresh); }
          })
          .catch(function () { /* the neutral version stays */ });
      }, Math.random() * 1000);
    }

    function place(data) {
      var node = fromHtml(data.html);
      if (!node) { return false; }
      var existing = document.getElementById("post-" + data.post_id);
      if (existing) { existing.replaceWith(node); upgrade(data.post_id); return false; }
      var after = null;
      posts.querySelectorAll("[data-post-number]").forEach(function (other) {
        if (parseInt(other.dataset.postNumber, 10) < data.number) { after = other; }
      });
      if (after) { after.after(node); } else { posts.prepend(node); }
      upgrade(data.post_id);
      return true;
    }

    function elsewhereNotice() {
      if (notice) { return; }
      notice = element("p", "notice live-notice", { role: "status" });
      notice.textContent = t("new_replies_elsewhere") + " ";
      var link = element("a", "", { href: "?page=" + (posts.dataset.lastPage || "1") + "#posts" });
      link.textContent = t("last_page");
      notice.appendChild(link);
      posts.parentNode.insertBefore(notice, posts.nextSibling);
    }

    function onNewPost(data) {
      if (data.thread_id !== threadId) { return; }
      delete typers[data.author_id];
      showTyping();
      if (!onLastPage) { elsewhereNotice(); return; }
      if (place(data)) { announce(t("new_reply", { name: data.author_name })); }
    }

    function onChangedPost(data) {
      if (data.thread_id !== threadId) { return; }
      var existing = document.getElementById("post-" + data.post_id);
      if (existing) {
        existing.replaceWith(fromHtml(data.html));
        upgrade(data.post_id);
      }
    }

    function onThreadUpdated(data) {
      if (data.thread_id !== threadId || !head) { return; }
      var title = head.querySelector("h1");
      if (title && data.title) { title.textContent = data.title; }
      var locked = head.querySelector(".live-locked, p.notice[role=note]");
      if (data.is_locked && !locked) {
        locked = element("p", "notice live-locked", { role: "note" });
        locked.textContent = t("locked");
        head.appendChild(locked);
      } else if (!data.is_locked && locked) {
        locked.remove();
      }
      var meta = head.querySelector("p.meta");
      var pin = meta && meta.querySelector(".badge:not(.badge-role)");
      if (data.is_pinned && !pin && meta) {
        pin = element("span", "badge");
        pin.textContent = t("pinned");
        meta.prepend(pin, " ");
      } else if (!data.is_pinned && pin) {
        pin.remove();
      }
    }

    function onThreadRemoved(data) {
      if (data.thread_id !== threadId || !head) { return; }
      var notice = head.querySelector(".live-removed") || element("p", "notice live-removed", { role: "alert" });
      notice.textContent = t(data.moved_to ? "moved" : "closed") + " ";
      if (data.moved_to) {
        var link = element("a", "", { href: data.moved_to });
        link.textContent = t("moved_link");
        notice.appendChild(link);
      }
      head.appendChild(notice);
      document.querySelectorAll("form[action*='/reply']").forEach(function (form) { form.hidden = true; });
    }

    function showTyping() {
      var names = Object.keys(typers).map(function (id) { return typers[id].name; });
      typing.textContent = names.length ? t("typing", { name: names.join(", ") }) : "";
    }

    function onTyping(data) {
      if (data.thread_id !== threadId) { return; }
      var entry = typers[data.user_id];
      if (entry) { window.clearTimeout(entry.timer); }
      typers[data.user_id] = {
        name: data.name,
        timer: window.setTimeout(function () { delete typers[data.user_id]; showTyping(); }, 6000)
      };
      showTyping();
    }

    function shownVersions() {
      var shown = {};
      posts.querySelectorAll("[data-post-id][data-version]").forEach(function (node) {
        shown[node.dataset.postId] = node.dataset.version;
      });
      return shown;
    }

    function catchUp() {
      var request = { thread: threadId, after: lastSeenId(), shown: shownVersions() };
      socket.emit("catch_up", request, function (answer) {
        if (!answer || !answer.ok) { return; }
        (answer.changed || []).forEach(onChangedPost);
        (answer.gone || []).forEach(function (postId) {
          var node = document.getElementById("post-" + postId);
          if (node) { node.remove(); }
        });
        if (!onLastPage) { if (answer.posts.length) { elsewhereNotice(); } return; }
        answer.posts.forEach(place);
        if (answer.more) {
          var more = element("p", "notice live-notice", { role: "status" });
          more.textContent = t("more_missed");
          posts.parentNode.insertBefore(more, posts.nextSibling);
        }
      });
    }

    var box = document.querySelector("#reply textarea[name=body]");
    var lastTyping = 0;
    if (box) {
      box.addEventListener("input", function () {
        var now = Date.now();
        if (now - lastTyping < 3000) { return; }
        lastTyping = now;
        socket.emit("typing", { thread: threadId });
      });
    }

    socket.on("post_created", onNewPost);
    socket.on("post_edited", onChangedPost);
    socket.on("post_restored", onChangedPost);
    socket.on("post_hidden", onChangedPost);
    socket.on("post_removed", onChangedPost);
    socket.on("thread_updated", onThreadUpdated);
    socket.on("thread_removed", onThreadRemoved);
    socket.on("typing", onTyping);
    socket.on("presence", function (data) {
      if (data.thread_id === threadId) { presence.textContent = plural("reading", data.reading); }
    });

    return {
      join: function (again) {
        socket.emit("join", { thread: threadId }, function (answer) {
          if (answer && answer.ok && answer.reading) {
            presence.textContent = plural("reading", answer.reading);
          }
          if (again) { catchUp(); }
        });
      }
    };
  }

  /* -- sector and home pages -------------------------------------------------------------------- */

  function listPage() {
    var section = document.querySelector("[data-live-list]");
    if (!section) { return null; }
    var kind = section.dataset.liveList;
    var firstPage = !/[?&]page=([2-9]|\d\d+)/.test(window.location.search);
    var pending = {};
    var order = [];
    var bar = element("div", "live-bar", { "aria-live": "polite" });
    var button = element("button", "button small", { type: "button" });
    bar.appendChild(button);
    bar.hidden = true;
    section.insertBefore(bar, section.querySelector(".thread-list, .empty-state"));

    function list() {
      var ul = section.querySelector(".thread-list");
      if (!ul) {
        ul = element("ul", "thread-list");
        var empty = section.querySelector(".empty-state");
        if (empty) { empty.replaceWith(ul); } else { section.appendChild(ul); }
      }
      return ul;
    }

    var readLanguages = (section.dataset.readLanguages || "").split(",").filter(Boolean);

    /* A member who reads only some languages gets no live rows of threads in others. */
    function inReadLanguages(html) {
      if (!readLanguages.length) { return true; }
      var title = fromHtml(html).querySelector(".thread-title a[lang]");
      return !title || readLanguages.indexOf(title.getAttribute("lang")) !== -1;
    }

    /* Events carry the row in English with UTC dates: a reader in another language, or a member
       (their time zone), swaps it for /live/threads/<id>/row, spread over a second. */
    function localise(data) {
      var english = (document.documentElement.lang || "en").split("-")[0] === "en";
      if ((!signedIn && english) || !rowUrl) { return; }
      var url = rowUrl.replace(/\/0\/row$/, "/" + data.thread_id + "/row") + (kind === "home" ? "?list=home" : "");
      window.setTimeout(function () {
        fetch(url, { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.text() : null; })
          .then(function (html) {
            // Only the answer to the thread's latest event: an older one would undo a newer row.
            if (!html || !fromHtml(html) || latest[data.thread_id] !== data.seq) { return; }
            if (pending[data.thread_id]) { pending[data.thread_id] = html; return; }
            var existing = section.querySelector('.thread-row[data-thread-id="' + data.thread_id + '"]');
            if (!existing) { return; }
            var focused = existing.contains(document.activeElement);
            var fresh = fromHtml(html);
            existing.replaceWith(fresh);
            if (focused && fresh.querySelector("a")) { fresh.querySelector("a").focus(); }
          })
          .catch(function () { /* the event's version stays */ });
      }, Math.random() * 1000);
    }

    var seq = 0;
    var latest = {};

    function numbered(data) {
      data.seq = ++seq;
      latest[data.thread_id] = data.seq;
    }

    function onRow(data) {
      if (kind === "sector" && data.sector !== section.dataset.sector) { return; }
      if (!inReadLanguages(data.html)) { return; }
      numbered(data);
      var existing = section.querySelector('.thread-row[data-thread-id="' + data.thread_id + '"]');
      if (!firstPage) {
        if (existing) { existing.replaceWith(fromHtml(data.html)); localise(data); }
        return;
      }
      if (!pending[data.thread_id]) { order.push(data.thread_id); }
      pending[data.thread_id] = data.html;
      localise(data);
      button.textContent = plural("new", order.length);
      bar.hidden = false;
    }

    function onUpdated(data) {
      var existing = section.querySelector('.thread-row[data-thread-id="' + data.thread_id + '"]');
      if (existing && data.html) { numbered(data); existing.replaceWith(fromHtml(data.html)); localise(data); }
    }

    button.addEventListener("click", function () {
      var ul = list();
      var anchor = kind === "sector" ? ul.querySelectorAll(".thread-row.pinned") : [];
      var after = anchor.length ? anchor[anchor.length - 1] : null;
      order.forEach(function (threadId) {
        var row = fromHtml(pending[threadId]);
        var old = ul.querySelector('.thread-row[data-thread-id="' + threadId + '"]');
        if (old) { old.remove(); }
        if (row.classList.contains("pinned") || !after) { ul.prepend(row); } else { after.after(row); }
      });
      pending = {};
      order = [];
      bar.hidden = true;
      var first = ul.querySelector(".thread-row a");
      if (first) { first.focus(); }
    });

    socket.on("thread_created", onRow);
    socket.on("thread_activity", onRow);
    socket.on("thread_updated", onUpdated);
    socket.on("thread_removed", function (data) {
      var existing = section.querySelector('.thread-row[data-thread-id="' + data.thread_id + '"]');
      if (existing) { existing.remove(); }
      if (pending[data.thread_id]) {
        delete pending[data.thread_id];
        order = order.filter(function (id) { return id !== data.thread_id; });
        button.textContent = plural("new", order.length);
        bar.hidden = order.length === 0;
      }
    });

    return {
      join: function () {
        socket.emit("join", kind === "home" ? { home: true } : { sector: section.dataset.sector });
      }
    };
  }
})();
