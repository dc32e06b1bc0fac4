// The reader's "Orphaned highlights" panel: "Use the selected words" copies the words
// selected in the article text, with their offsets, into an orphan's re-attach form.
// The form then posts as any form does; the server re-checks the words against the text.
// Offsets are Unicode code points; the browser counts UTF-16 code units, so they are
// converted here.

const panel = document.querySelector("[data-orphans]");
if (panel) {
  panel.addEventListener("click", onClick);
  panel.addEventListener("input", onInput);
}

/** Code points in the first `units` UTF-16 code units of `text`. */
function codePoints(text, units) {
  return Array.from(text.slice(0, units)).length;
}

/** The selection inside the article body as {start, end, words}, or null. */
function selectedWords() {
  const body = document.querySelector("[data-source-body]");
  const chosen = window.getSelection();
  if (!body || !chosen || chosen.rangeCount === 0 || chosen.isCollapsed) return null;
  const range = chosen.getRangeAt(0);
  if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return null;
  const text = body.textContent;
  const before = document.createRange();
  before.setStart(body, 0);
  before.setEnd(range.startContainer, range.startOffset);
  let start = before.toString().length;
  let end = start + range.toString().length;
  while (start < end && /\s/.test(text[start])) start += 1;
  while (end > start && /\s/.test(text[end - 1])) end -= 1;
  if (start >= end) return null;
  return { start: codePoints(text, start), end: codePoints(text, end), words: text.slice(start, end) };
}

let remembered = null;
// Pressing the button can clear the selection first (focus moves), so remember the
// last selection made in the article text.
document.addEventListener("selectionchange", () => {
  const found = selectedWords();
  if (found) remembered = found;
});

function onClick(event) {
  const button = event.target.closest("[data-use-selection]");
  if (!button) return;
  const form = button.closest("[data-reattach-form]");
  const note = form.querySelector("[data-selection-note]");
  const found = selectedWords() || remembered;
  if (!found) {
    note.textContent = "Select the new words in the article text first.";
    note.hidden = false;
    return;
  }
  note.hidden = true;
  form.querySelector("[data-quote]").value = found.words;
  form.querySelector("[data-start]").value = String(found.start);
  form.querySelector("[data-end]").value = String(found.end);
  form.querySelector("input[name=reason]").focus();
}

function onInput(event) {
  const quote = event.target.closest("[data-quote]");
  if (!quote) return;
  // Typed words are found by the server; offsets from an earlier selection no longer apply.
  const form = quote.closest("[data-reattach-form]");
  form.querySelector("[data-start]").value = "";
  form.querySelector("[data-end]").value = "";
}
