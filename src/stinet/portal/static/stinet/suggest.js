// Autocomplete for the portal's search box (and the /widget/ frame's): titles, authors and subjects
// from /api/suggest, as the ARIA combobox of the script widget (stinet/widget.js, loaded before this
// file: STINetWidget.combobox), so both boxes behave and are announced the same way.
(function () {
  "use strict";
  var TEXT = {
    vi: { label: "Gợi ý", authors: "tác giả", subjects: "chủ đề" },
    en: { label: "Suggestions", authors: "author", subjects: "subject" }
  };
  if (!window.STINetWidget || !window.STINetWidget.combobox) return;  // no suggestions, the box still searches
  var t = TEXT[document.documentElement.lang === "en" ? "en" : "vi"];
  document.querySelectorAll("input[data-suggest]").forEach(function (input, n) {
    var box = input.form.querySelector(".suggest");
    window.STINetWidget.combobox(input, box, {
      id: "suggest" + n, label: t.label, kinds: { authors: t.authors, subjects: t.subjects },
      url: function (q) { return input.dataset.suggest + "?q=" + encodeURIComponent(q); },
      choose: function () { input.form.submit(); }
    });
  });
})();
