/* Progressive enhancements. Every page reads fully without this script. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  function store(key, value) {
    try { if (value === null) { localStorage.removeItem(key); } else { localStorage.setItem(key, value); } } catch (e) { /* private mode */ }
  }
  function read(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  // 适老化: large text and high contrast, remembered across pages.
  ["large-text", "high-contrast"].forEach(function (mode) {
    if (read("portal-" + mode) === "1") { root.classList.add(mode); }
  });

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    // Phone menu: the button opens and closes the list of sections; Escape closes it.
    document.querySelectorAll("[data-nav-toggle]").forEach(function (button) {
      var list = document.getElementById(button.getAttribute("aria-controls"));
      if (!list) { return; }
      var set = function (open) { button.setAttribute("aria-expanded", open ? "true" : "false"); };
      button.addEventListener("click", function () { set(button.getAttribute("aria-expanded") !== "true"); });
      list.addEventListener("keydown", function (event) {
        if (event.key === "Escape") { set(false); button.focus(); }
      });
    });

    document.querySelectorAll("[data-mode]").forEach(function (button) {
      var mode = button.getAttribute("data-mode");
      button.hidden = false;
      button.setAttribute("aria-pressed", root.classList.contains(mode) ? "true" : "false");
      button.addEventListener("click", function () {
        var on = root.classList.toggle(mode);
        button.setAttribute("aria-pressed", on ? "true" : "false");
        store("portal-" + mode, on ? "1" : null);
      });
    });

    // 字号 大/中/小 on a notice body.
    var body = document.getElementById("doc-body");
    var tools = document.querySelector(".font-size-tools");
    if (body && tools) {
      tools.hidden = false;
      var buttons = tools.querySelectorAll("[data-font]");
      var apply = function (size) {
        body.classList.remove("font-large", "font-small");
        if (size !== "medium") { body.classList.add("font-" + size); }
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", b.getAttribute("data-font") === size ? "true" : "false"); });
      };
      apply(read("portal-font") || "medium");
      buttons.forEach(function (b) {
        b.addEventListener("click", function () {
          var size = b.getAttribute("data-font");
          apply(size);
          store("portal-font", size === "medium" ? null : size);
        });
      });
    }

    // Copy the share link.
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var input = document.querySelector(button.getAttribute("data-copy"));
      if (!input) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        input.select();
        var done = function () { button.textContent = "已复制"; };
        if (navigator.clipboard) { navigator.clipboard.writeText(input.value).then(done, done); }
        else { try { document.execCommand("copy"); } catch (e) { /* ignore */ } done(); }
      });
    });

    // Print view.
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });

    // 浏览量 beacon: counted apart from the (cacheable) page.
    var article = document.querySelector("[data-page-id]");
    if (article && window.fetch) {
      fetch("/api/views/" + article.getAttribute("data-page-id") + "/", { method: "POST", credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          var out = document.querySelector("[data-view-count]");
          if (data && out) { out.textContent = data.count; }
        })
        .catch(function () { /* counting is best effort */ });
    }
  });
})();
