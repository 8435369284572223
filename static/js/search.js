/* Search page: suggestions as you type (from /api/search/suggest/) and filters that
   apply on change. The page works fully without this script. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    var form = document.querySelector("[data-search-form]");
    if (!form) { return; }
    var input = form.querySelector("input[name=q]");
    var list = document.getElementById("search-suggestions");
    var url = input && input.getAttribute("data-suggest-url");
    var timer = null, controller = null, items = [], active = -1, lastQuery = "";

    form.querySelectorAll("[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () {
        if (input.value.trim()) { form.submit(); }
      });
    });
    if (!input || !list || !url) { return; }

    function close() {
      list.hidden = true;
      list.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      items = []; active = -1;
    }

    function mark(index) {
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) { input.setAttribute("aria-activedescendant", items[index].id); }
    }

    function show(suggestions) {
      close();
      if (!suggestions.length) { return; }
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = "search-suggestion-" + i;
        li.setAttribute("role", "option");
        var title = document.createElement("span");
        title.textContent = s.title;          // text only: nothing from the server becomes markup
        var type = document.createElement("span");
        type.className = "search-suggestions__type";
        type.textContent = s.type_label || "";
        li.appendChild(title);
        li.appendChild(type);
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = s.url;
        });
        list.appendChild(li);
        items.push(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q === lastQuery) { return; }
      lastQuery = q;
      if (!q) { close(); return; }
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(q.slice(0, 100)), {
        headers: { "Accept": "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      }).then(function (data) {
        if (input.value.trim() === q) { show(data.suggestions || []); }
      }).catch(function () { /* aborted or offline: no suggestions */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden || !items.length) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); mark((active + 1) % items.length); }
      else if (event.key === "ArrowUp") { event.preventDefault(); mark((active - 1 + items.length) % items.length); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        items[active].dispatchEvent(new MouseEvent("mousedown"));
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  });
})();
