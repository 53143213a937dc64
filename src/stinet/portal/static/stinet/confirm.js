// A button with data-confirm asks before its form is sent ("Delete this item for good?"). Here, not in an
// onclick attribute: the site's Content-Security-Policy runs no inline script.
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) event.preventDefault();
});
