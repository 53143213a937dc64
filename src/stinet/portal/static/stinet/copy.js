// The widget page's "Copy" buttons: the snippet of the textarea a button names into the clipboard.
document.querySelectorAll("button[data-copy]").forEach(function (button) {
  button.addEventListener("click", function () {
    var area = document.getElementById(button.dataset.copy);
    area.select();
    var done = function () { button.textContent = button.dataset.done; };
    if (navigator.clipboard) navigator.clipboard.writeText(area.value).then(done, function () { document.execCommand("copy"); done(); });
    else { document.execCommand("copy"); done(); }
  });
});
