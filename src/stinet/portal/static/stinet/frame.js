/* The /widget/ frame tells the page that embeds it how tall its content is.
 *
 * The page listens with the one line of the frame snippet (stinet.portal.widget.snippets) and sets
 * the frame's height, so results, paging and suggestions show without a scroll bar inside the frame.
 * Without that line (a site that allows no script at all) the frame keeps the height it was given.
 * The message carries nothing but a number, so any parent may read it.
 */
(function () {
  "use strict";
  if (window.parent === window) return;
  var told = 0;
  function tell() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === told) return;
    told = height;
    window.parent.postMessage({ stinet: "frame-height", height: height }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(tell).observe(document.documentElement);
  window.addEventListener("load", tell);
  tell();
})();
