// Autocomplete for the search box: titles, authors and subjects from /api/suggest.
(function () {
  "use strict";
  var KINDS = { vi: { authors: "tác giả", subjects: "chủ đề" }, en: { authors: "author", subjects: "subject" } };
  function debounce(fn, ms) { var t; return function () { var a = arguments; clearTimeout(t); t = setTimeout(function () { fn.apply(null, a); }, ms); }; }
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = input.form.querySelector(".suggest");
    var items = [], on = -1;
    function close() { list.hidden = true; list.textContent = ""; items = []; on = -1; }
    function choose(text) { input.value = text; close(); input.form.submit(); }
    function show(data) {
      list.textContent = ""; items = [];
      [["titles", ""], ["authors", "author:"], ["subjects", "subject:"]].forEach(function (kind) {
        (data[kind[0]] || []).forEach(function (text) {
          var li = document.createElement("li");
          li.textContent = text;  // textContent: suggestions are never parsed as HTML
          if (kind[1]) {  // a name or a subject, not a title: said beside it
            var what = document.createElement("small");
            what.textContent = KINDS[document.documentElement.lang === "en" ? "en" : "vi"][kind[0]];
            li.appendChild(what);
          }
          var q = kind[1] ? kind[1] + '"' + text + '"' : text;
          li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(q); });
          list.appendChild(li); items.push([li, q]);
        });
      });
      list.hidden = items.length === 0;
    }
    input.addEventListener("input", debounce(function () {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(q)).then(function (r) { return r.json(); }).then(show).catch(close);
    }, 150));
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (on >= 0) items[on][0].classList.remove("on");
        on = (on + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items[on][0].classList.add("on");
      } else if (e.key === "Enter" && on >= 0) { e.preventDefault(); choose(items[on][1]); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  });
})();
