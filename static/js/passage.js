// Progressive enhancement for /documents/<id>/: CSS :target emphasises the first segment of
// the linked passage; this also emphasises the rest of it when a passage spans several marks.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll("mark.is-current").forEach(function (el) {
      el.classList.remove("is-current");
    });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    document.querySelectorAll("mark[data-records]").forEach(function (el) {
      if (el.getAttribute("data-records").split(" ").indexOf(id) !== -1) {
        el.classList.add("is-current");
      }
    });
  }
  window.addEventListener("hashchange", mark);
  mark();
})();
