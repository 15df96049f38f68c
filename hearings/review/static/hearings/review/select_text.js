/* Redaction by selection: staff select the words to withhold in a response text, and the form
 * beside it receives the selected text and where it starts in the stored text. The server finds
 * the text again near that position, so nobody counts characters.
 *
 * Markup: a text container with data-select-text="<form id>" and data-offset="<position of the
 * container's first character in the stored text>", optionally data-source="<source value>".
 * The form holds [data-selected-text] (text field), [data-selected-near] (hidden) and optionally
 * [data-selected-source] (select) and [data-selected-preview] (output).
 */
(function () {
  "use strict";

  function offsetWithin(container, range) {
    var before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(range.startContainer, range.startOffset);
    return before.toString().length;
  }

  function containerOf(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    return element ? element.closest("[data-select-text]") : null;
  }

  function fill(container, range) {
    var form = document.getElementById(container.dataset.selectText);
    if (!form) return;
    var raw = range.toString();
    var text = raw.trim();
    if (!text) return;
    var lead = raw.length - raw.replace(/^\s+/, "").length;
    var near = offsetWithin(container, range) + lead + parseInt(container.dataset.offset || "0", 10);
    var field = form.querySelector("[data-selected-text]");
    field.value = text;
    form.querySelector("[data-selected-near]").value = String(near);
    var source = form.querySelector("[data-selected-source]");
    if (source && container.dataset.source) source.value = container.dataset.source;
    var preview = form.querySelector("[data-selected-preview]");
    if (preview) preview.textContent = text;
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function onSelectionEnd() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    var container = containerOf(range.startContainer);
    if (!container || containerOf(range.endContainer) !== container) return;
    fill(container, range);
  }

  document.addEventListener("mouseup", onSelectionEnd);
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey) onSelectionEnd();
  });

  /* Typing in the field itself is a choice of text too; the position then comes from the field. */
  document.addEventListener("input", function (event) {
    var field = event.target.closest && event.target.closest("[data-selected-text]");
    if (!field) return;
    var near = field.form && field.form.querySelector("[data-selected-near]");
    if (near) near.value = near.defaultValue;
    var preview = field.form && field.form.querySelector("[data-selected-preview]");
    if (preview) preview.textContent = field.value;
  });
})();
