/* On a phone the facets sit above the results as a row of closed filters (site.css): the ones a
 * wide screen shows open are closed there, so the first result is on the first screen. */
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(max-width: 720px)").matches) return;
  document.querySelectorAll(".facets details[open]").forEach(function (d) {
    if (!d.querySelector("li.active")) d.open = false;  // a chosen filter stays in view
  });
})();
