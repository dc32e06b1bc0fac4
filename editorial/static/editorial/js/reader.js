// The reader: select words to add a claim (through the JSON API), click a highlight
// to see its claims. Offsets sent to the server are Unicode code points; the browser
// measures text in UTF-16 code units, so every offset is converted before it leaves.
// The page carries only the marks; a highlight's claims and evidence are fetched from
// the API (data-highlights-url) when its panel opens.

import { apiFetch, messagesOf, el } from "./desk.js";

const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
const CONTEXT_CHARS = 32;

const reader = document.querySelector("[data-reader]");
if (reader) setUp(reader);

/** Code points in the first `units` UTF-16 code units of `text`. */
export function codePointOffset(text, units) {
  return Array.from(text.slice(0, units)).length;
}

/** A text swapped in after the page opened is drawn in full at once (desk.css), as
 * the one it replaces was: its heights are real, so nothing above the reader moves. */
function drawnAtOnce(text) {
  if (text) text.dataset.drawn = "";
  return text;
}

/** Draw the parts of a long text the browser has left for later (desk.css), one part
 * per idle moment once the page has loaded: the page opens with only what is on screen
 * drawn, and soon every part has its real height. */
function drawPartsWhenIdle(text) {
  const waiting = text ? [...text.querySelectorAll(":scope > .source-part + .source-part")] : [];
  if (waiting.length === 0) return;
  const idle = window.requestIdleCallback || ((next) => setTimeout(next, 16));
  const next = () => {
    const part = waiting.shift();
    if (part) part.classList.add("drawn");
    if (waiting.length) idle(next, { timeout: 500 });
  };
  if (document.readyState === "complete") idle(next, { timeout: 500 });
  else window.addEventListener("load", () => idle(next, { timeout: 500 }), { once: true });
}

function setUp(reader) {
  const panelHelp = reader.querySelector("[data-panel-help]");
  const panelHighlights = reader.querySelector("[data-panel-highlights]");
  const form = reader.querySelector("[data-claim-form]");
  const addButton = reader.querySelector("[data-add-claim]");
  let panelRequest = 0; // the latest panel asked for; older answers are dropped
  let selection = null; // the words under the mouse, in code points
  let chosen = null; // the words the open form is about, fixed when it opens
  let opened = null; // the mark whose panel is open, kept in view on a narrow window

  function body() {
    return reader.querySelector("[data-source-body]");
  }

  // Selecting words ---------------------------------------------------------------

  /** The selection inside the body as {start, end, exact, prefix, suffix} in code points, or null. */
  function currentSelection() {
    const picked = window.getSelection();
    const container = body();
    if (!container || !picked || picked.rangeCount === 0 || picked.isCollapsed) return null;
    const range = picked.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) {
      return null;
    }
    const text = container.textContent;
    const before = document.createRange();
    before.setStart(container, 0);
    before.setEnd(range.startContainer, range.startOffset);
    let start = before.toString().length; // UTF-16 code units
    let end = start + range.toString().length;
    // Trim whitespace the mouse picked up at either edge.
    while (start < end && /\s/.test(text[start])) start += 1;
    while (end > start && /\s/.test(text[end - 1])) end -= 1;
    if (start >= end) return null;
    const cpStart = codePointOffset(text, start);
    const cpEnd = codePointOffset(text, end);
    const codePoints = Array.from(text);
    return {
      start: cpStart,
      end: cpEnd,
      exact: text.slice(start, end),
      prefix: codePoints.slice(Math.max(0, cpStart - CONTEXT_CHARS), cpStart).join(""),
      suffix: codePoints.slice(cpEnd, cpEnd + CONTEXT_CHARS).join(""),
      rect: range.getBoundingClientRect(),
      range: range.cloneRange(),
    };
  }

  function showAddButton() {
    if (!addButton) return;
    const found = currentSelection();
    if (!found) {
      addButton.hidden = true;
      return;
    }
    selection = found;
    addButton.hidden = false;
    // Above the selection, so it covers no line still to be read (below it only when
    // the selection starts at the top of the window), and inside the window's width.
    const above = found.rect.top - addButton.offsetHeight - 6;
    const top = above >= 0 ? above : found.rect.bottom + 6;
    const widest = document.documentElement.clientWidth - addButton.offsetWidth - 4;
    const left = Math.max(4, Math.min(found.rect.left, widest));
    addButton.style.top = `${window.scrollY + top}px`;
    addButton.style.left = `${window.scrollX + left}px`;
  }

  document.addEventListener("selectionchange", () => {
    // Wait for the mouse to be released before offering the button.
    if (!pointerDown) showAddButton();
  });
  let pointerDown = false;
  reader.addEventListener("pointerdown", (event) => {
    if (event.target !== addButton) pointerDown = true;
  });
  document.addEventListener("pointerup", () => {
    if (pointerDown) {
      pointerDown = false;
      setTimeout(showAddButton, 0);
    }
  });

  // The claim form ----------------------------------------------------------------

  function openForm() {
    if (!selection || !form) return;
    panelRequest += 1; // a panel still loading must not cover the form
    chosen = selection;
    form.hidden = false;
    panelHelp.hidden = true;
    panelHighlights.hidden = true;
    addButton.hidden = true;
    form.querySelector("[data-selection-quote]").textContent = chosen.exact;
    form.elements.statement.value = chosen.exact.replace(/\s+/g, " ").trim();
    form.elements.target.value = "new";
    toggleTarget();
    showError([]);
    showChosen(chosen.range);
    openSheet(form, chosen.range);
    form.elements.statement.focus({ preventScroll: true });
  }

  function closeForm() {
    form.hidden = true;
    panelHelp.hidden = false;
    selection = null;
    chosen = null;
    showChosen(null);
    closeSheet();
  }

  /** Keep the chosen words marked while the form has the focus (which clears the selection). */
  function showChosen(range) {
    if (!window.CSS || !CSS.highlights) return;
    if (range) CSS.highlights.set("claim-selection", new Highlight(range));
    else CSS.highlights.delete("claim-selection");
  }

  // On a narrow window the panel opens as a sheet over the bottom of the text, so the
  // reader stays where they were; the words it is about are kept in view above it.
  const narrow = window.matchMedia("(max-width: 900px)");

  function openSheet(box, about) {
    if (!narrow.matches) return;
    reader.dataset.sheet = "open";
    const words = about && about.getBoundingClientRect();
    if (!words) return;
    const cover = box.getBoundingClientRect().top - 12;
    if (words.bottom > cover) window.scrollBy(0, words.bottom - cover);
  }

  function closeSheet() {
    delete reader.dataset.sheet;
  }

  // The keyboard's path to a selection: type (or paste) the words, and they are
  // selected in the text as if by the mouse.
  function selectTypedWords() {
    const input = reader.querySelector("[data-quote-words]");
    const note = reader.querySelector("[data-find-note]");
    const words = input.value.trim();
    const text = body().textContent;
    const at = words ? text.indexOf(words) : -1;
    const say = (line) => {
      note.textContent = line;
      note.hidden = !line;
    };
    if (at < 0) {
      say(words ? "These words are not in the text. Type them as the text has them." : "Type words from the text.");
      return;
    }
    const times = text.split(words).length - 1;
    say(times > 1 ? `These words appear ${times} times; the first is used. Type more words around them to pick another.` : "");
    const range = rangeAt(body(), at, at + words.length);
    const picked = window.getSelection();
    picked.removeAllRanges();
    picked.addRange(range);
    selection = currentSelection();
    openForm();
  }

  /** A DOM range over UTF-16 offsets [start, end) of `container`'s text. */
  function rangeAt(container, start, end) {
    const range = document.createRange();
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.data.length;
      if (seen <= start && start <= seen + length) range.setStart(node, start - seen);
      if (seen <= end && end <= seen + length) {
        range.setEnd(node, end - seen);
        break;
      }
      seen += length;
    }
    return range;
  }

  function toggleTarget() {
    const existing = form.elements.target.value === "existing";
    form.querySelector("[data-new-claim]").hidden = existing;
    form.querySelector("[data-existing-claim]").hidden = !existing;
    if (existing) form.querySelector("#claim-search").focus();
  }

  function showError(lines) {
    const box = form.querySelector("[data-form-error]");
    box.replaceChildren(...lines.map((line) => el("span", { class: "line" }, line)));
    box.hidden = lines.length === 0;
  }

  let searchTimer = null;
  async function searchClaims() {
    const words = form.querySelector("#claim-search").value.trim();
    const results = form.querySelector("[data-claim-results]");
    if (!words) {
      results.replaceChildren(el("p", { class: "muted" }, "Type words from the claim's statement."));
      return;
    }
    const url = `${reader.dataset.claimsUrl}?q=${encodeURIComponent(words)}`;
    const { ok, data } = await apiFetch(url);
    if (!ok) {
      results.replaceChildren(el("p", { class: "error" }, messagesOf(data).join(" ")));
      return;
    }
    if (data.results.length === 0) {
      results.replaceChildren(el("p", { class: "muted" }, "No claim has these words."));
      return;
    }
    results.replaceChildren(
      ...data.results.map((claim) =>
        el(
          "label",
          { class: "claim-choice" },
          el("input", { type: "radio", name: "claim", value: claim.url }),
          ` ${claim.statement} `,
          el("span", { class: "badge", "data-status": claim.status }, claim.status_label),
        ),
      ),
    );
  }

  function annotationFor(words) {
    const stance = form.elements.stance.value;
    let body;
    if (form.elements.target.value === "existing") {
      const picked = form.querySelector("input[name=claim]:checked");
      if (!picked) return { error: "Choose the claim to attach the words to." };
      body = { id: picked.value, stance };
    } else {
      const statement = form.elements.statement.value.trim();
      if (!statement) return { error: "Write the statement being checked." };
      body = { type: "TextualBody", purpose: "describing", value: statement, format: "text/plain", stance };
    }
    return {
      annotation: {
        "@context": ANNO_CONTEXT,
        type: "Annotation",
        motivation: "assessing",
        body: [body],
        target: {
          source: reader.dataset.sourcePage,
          selector: [
            { type: "TextPositionSelector", start: words.start, end: words.end },
            { type: "TextQuoteSelector", exact: words.exact, prefix: words.prefix, suffix: words.suffix },
          ],
        },
      },
    };
  }

  async function saveClaim(event) {
    event.preventDefault();
    const built = annotationFor(chosen);
    if (built.error) {
      showError([built.error]);
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const { ok, data } = await apiFetch(reader.dataset.annotationsUrl, {
        method: "POST",
        body: built.annotation,
        contentType: `application/ld+json; profile="${ANNO_CONTEXT}"`,
      });
      if (!ok) {
        showError(messagesOf(data));
        return;
      }
      const highlightId = data.id.match(/\/annotations\/(\d+)\//)[1];
      closeForm();
      window.getSelection().removeAllRanges();
      await refreshText();
      await openPanel([highlightId], "Claim saved.");
    } finally {
      button.disabled = false;
    }
  }

  /** Fetch the page again and swap in the text and its highlights, without a reload. */
  async function refreshText() {
    const response = await fetch(window.location.pathname, { credentials: "same-origin" });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.querySelector("[data-source-body]");
    const legend = page.querySelector(".legend");
    if (fresh) body().replaceWith(drawnAtOnce(document.importNode(fresh, true)));
    if (legend) reader.querySelector(".legend").replaceWith(document.importNode(legend, true));
  }

  // The side panel ----------------------------------------------------------------

  /** Show the claims of the highlights `ids` (innermost first), fetched from the API. */
  async function openPanel(ids, notice) {
    if (form && !form.hidden) closeForm();
    const asked = (panelRequest += 1);
    const url = `${reader.dataset.highlightsUrl}?ids=${ids.map(encodeURIComponent).join(",")}`;
    panelHighlights.setAttribute("aria-busy", "true");
    const { ok, data } = await apiFetch(url);
    if (asked !== panelRequest) return; // another highlight was opened meanwhile
    panelHighlights.removeAttribute("aria-busy");
    if (!ok) {
      showPanel([el("p", { class: "error", role: "alert" }, messagesOf(data).join(" "))]);
      return;
    }
    const byId = new Map(data.highlights.map((item) => [String(item.id), item]));
    const items = ids.map((id) => byId.get(String(id))).filter(Boolean);
    if (items.length === 0) return;
    const children = [];
    if (notice) children.push(el("p", { class: "message success", role: "status" }, notice));
    children.push(el("h2", {}, items.length === 1 ? "Highlight" : `${items.length} highlights here`));
    for (const item of items) children.push(highlightCard(item));
    showPanel(children);
  }

  function showPanel(children) {
    children.push(el("button", { type: "button", class: "secondary", "data-close-panel": "" }, "Close"));
    panelHighlights.replaceChildren(...children);
    panelHighlights.hidden = false;
    panelHelp.hidden = true;
    panelHighlights.focus({ preventScroll: true });
    openSheet(panelHighlights, opened);
  }

  function closePanel() {
    panelRequest += 1;
    panelHighlights.hidden = true;
    panelHelp.hidden = false;
    closeSheet();
  }

  function highlightCard(item) {
    const claims = item.claims.length
      ? el("ul", { class: "claims" }, ...item.claims.map(claimItem))
      : el("p", { class: "muted" }, "No claim is attached to these words yet.");
    return el(
      "section",
      { class: "highlight-card", "data-panel-highlight": String(item.id) },
      el("blockquote", { "data-status": item.status }, item.exact),
      claims,
    );
  }

  function claimItem(claim) {
    const evidence = claim.evidence.length
      ? el(
          "ul",
          { class: "evidence" },
          ...claim.evidence.map((entry) =>
            el(
              "li",
              {},
              el("strong", {}, entry.supports ? "Supports: " : "Refutes: "),
              entry.url ? el("a", { href: entry.url, rel: "noopener noreferrer nofollow" }, entry.url) : entry.citation,
              entry.note ? el("span", { class: "muted" }, ` — ${entry.note}`) : "",
            ),
          ),
        )
      : el("p", { class: "muted" }, "No evidence yet.");
    return el(
      "li",
      { class: "claim" },
      el("a", { href: claim.url }, claim.statement),
      el(
        "p",
        { class: "claim-meta" },
        el("span", { class: "badge", "data-status": claim.status }, claim.statusLabel),
        ` · stance: ${claim.stanceLabel.toLowerCase()}`,
        assignmentText(claim),
      ),
      evidence,
      assignmentForm(claim),
      reader.dataset.canEdit === "true" && reader.dataset.disputeOpenUrl
        ? el(
            "p",
            { class: "claim-actions" },
            el(
              "a",
              { href: `${reader.dataset.disputeOpenUrl}?claim=${encodeURIComponent(claim.id)}` },
              "Group into a dispute",
            ),
          )
        : "",
    );
  }

  function assignmentText(claim) {
    const who = claim.assignedTo ? `assigned to ${claim.assignedTo}` : "unassigned";
    const due = claim.dueOn ? ` · due ${claim.dueOnLabel}` : "";
    return ` · ${who} · ${claim.priorityLabel.toLowerCase()} priority${due}`;
  }

  /** The assignment form, cloned from the page's template and filled with the claim's values. */
  function assignmentForm(claim) {
    const template = reader.querySelector("template[data-assign-template]");
    if (!template || reader.dataset.canEdit !== "true") return "";
    const part = template.content.firstElementChild.cloneNode(true);
    const form = part.querySelector("form");
    form.action = claim.url.replace(/\/$/, "") + "/assignment/";
    form.elements.version.value = claim.version;
    form.elements.assigned_to.value = claim.assignedTo || "";
    form.elements.priority.value = String(claim.priority);
    form.elements.due_on.value = claim.dueOn || "";
    return part;
  }

  function marksAt(node) {
    const ids = [];
    for (let at = node; at && at !== reader; at = at.parentElement) {
      if (at.matches && at.matches("mark[data-highlight-id]")) ids.push(at.dataset.highlightId);
    }
    return ids; // innermost first
  }

  reader.addEventListener("click", (event) => {
    if (event.target.closest("[data-add-claim]")) {
      openForm();
      return;
    }
    if (event.target.closest("[data-cancel]")) {
      closeForm();
      return;
    }
    if (event.target.closest("[data-close-panel]")) {
      closePanel();
      return;
    }
    if (event.target.closest("[data-find-words]")) {
      selectTypedWords();
      return;
    }
    const mark = event.target.closest("mark[data-highlight-id]");
    if (mark && window.getSelection().isCollapsed) {
      opened = mark;
      openPanel(marksAt(mark));
    }
  });

  reader.addEventListener("keydown", (event) => {
    const mark = event.target.closest && event.target.closest("mark[data-highlight-id]");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      opened = mark;
      openPanel(marksAt(mark));
    }
    if (event.key === "Enter" && event.target.matches("[data-quote-words]")) {
      event.preventDefault();
      selectTypedWords();
    }
    if (event.key === "Escape" && form && !form.hidden) closeForm();
    else if (event.key === "Escape" && !panelHighlights.hidden) closePanel();
  });

  if (form) {
    form.addEventListener("submit", saveClaim);
    form.addEventListener("change", (event) => {
      if (event.target.name === "target") toggleTarget();
    });
    form.querySelector("#claim-search").addEventListener("input", () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(searchClaims, 200);
    });
  }

  const linked = window.location.hash.match(/^#highlight-(\d+)$/);
  if (linked) openPanel([linked[1]]);
  drawPartsWhenIdle(body());
  reader.dataset.ready = "true"; // the listeners are in place (tests wait for this)
  // The same moment for a profile or a benchmark (tests/benchmarks/browser.py).
  performance.mark("editorial:reader-ready");
}
