// The review queue (/admin/coverage/review/) with single keys: v verify, h hide, s skip,
// c correct, b back; in the correction, Ctrl+Enter saves and Escape closes it. Every action is a plain form post or link
// that works without this script; it presses the same buttons and keeps focus on the record.
(function () {
  "use strict";
  var root = document.querySelector("[data-review]");
  if (!root) return;
  var keys = document.querySelector(".review-keys");
  if (keys) keys.hidden = false;
  var details = root.querySelector(".review-correct");
  var busy = false;

  root.querySelectorAll("[data-review-key]").forEach(function (el) {
    el.setAttribute("aria-keyshortcuts", el.getAttribute("data-review-key"));
  });

  function firstField() {
    var fields = "input:not([type=hidden]), select, textarea";
    return details.querySelector(".review-field--error :is(" + fields + ")") ||
      details.querySelector(fields);
  }

  function openCorrection() {
    details.open = true;
    var field = firstField();
    if (field) field.focus();
  }

  function typing(el) {
    return el.closest && el.closest("input, textarea, select, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    var save = details && details.querySelector("button[value=correct]");
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && details && details.open) {
      event.preventDefault();
      if (!busy) {
        busy = true;
        save.click();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (event.key === "Escape" && details && details.open) {
      details.open = false;
      details.querySelector("summary").focus();
      event.preventDefault();
      return;
    }
    if (typing(event.target) || event.repeat || busy) return;
    var target = root.querySelector('[data-review-key="' + event.key.toLowerCase() + '"]');
    if (!target) return;
    event.preventDefault();
    if (target.tagName === "SUMMARY") {
      openCorrection();
      return;
    }
    busy = true; // one key press, one post: a second key before the next page is ignored
    target.click();
  });

  // The next record's heading takes focus, so the editor (and a screen reader) starts there;
  // a correction sent back with errors opens on its first wrong field instead.
  if (details && details.open) {
    openCorrection();
  } else {
    document.getElementById("review-heading").focus();
  }
})();
