// Tables and panels that scroll sideways (or down) can be reached and scrolled with the keyboard:
// each one that overflows its box takes a place in the tab order (WCAG 2.1.1), and loses it when it
// no longer overflows (a wider window).
(function () {
  "use strict";
  var SELECTOR = ".stat-table, .scroll, main table";

  function mark() {
    document.querySelectorAll(SELECTOR).forEach(function (el) {
      var overflows = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
      if (overflows && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.dataset.scrollFocus = "1";
      } else if (!overflows && el.dataset.scrollFocus) {
        el.removeAttribute("tabindex");
        delete el.dataset.scrollFocus;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
}());
