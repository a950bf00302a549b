// Keyboard shortcuts for the workspace: "/" focuses the search box, j and k move between
// the rows of a ticket list (Enter then opens the focused ticket).
(function () {
  "use strict";

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function focusSearch(event) {
    var search = document.querySelector("[data-search-shortcut]");
    if (!search) return;
    event.preventDefault();
    search.focus();
    search.select();
  }

  function moveRow(event, step) {
    var links = Array.prototype.slice.call(document.querySelectorAll("a.row-link"));
    if (!links.length) return;
    event.preventDefault();
    var index = links.indexOf(document.activeElement);
    index = index === -1 ? (step > 0 ? 0 : links.length - 1) : index + step;
    links[Math.max(0, Math.min(links.length - 1, index))].focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape" && event.target.matches && event.target.matches("[data-search-shortcut]")) {
      event.target.blur();
      return;
    }
    if (isTyping(event.target)) return;
    if (event.key === "/") focusSearch(event);
    else if (event.key === "j") moveRow(event, 1);
    else if (event.key === "k") moveRow(event, -1);
  });
})();
