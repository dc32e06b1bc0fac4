// Live updates and @-completion, for every signed-in page.
//
// Polling, not a push channel: every few seconds the page asks its small live URL
// (data-live-url on <body>) with the ETag it last saw; the desk answers 304 when
// nothing changed, or a few bytes of JSON: the unread count and the page's stamp.
// Only when the stamp moved does the page fetch the changed fragment (a thread) or
// swap the changed parts (a status badge, the reader's text). What someone is typing
// is never replaced: an item holding focus, typed text or an open reply box is left
// as it is until it is free, and fetched again then.

import { el } from "./desk.js";

const POLL_MS = 2000;
const HIDDEN_POLL_MS = 10000;

const body = document.body;
const unread = document.querySelector("[data-unread-count]");
let etag = null;
let pageStamp = null;

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether `node` holds something of the editor's: focus, typed text, an open reply box. */
function busy(node) {
  const active = document.activeElement;
  if (active && active !== document.body && node.contains(active)) return true;
  for (const field of node.querySelectorAll("textarea, input[type=text], input:not([type])")) {
    if (field.value.trim()) return true;
  }
  return node.querySelector("details[open]") !== null;
}

function showUnread(count) {
  if (!unread) return;
  unread.replaceChildren(String(count), el("span", { class: "visually-hidden" }, " unread"));
  unread.hidden = count === 0;
}

/** Merge a thread's fresh items into the page; false when a busy item had to wait. */
async function refreshThread(thread) {
  const response = await fetch(thread.dataset.threadUrl, {
    credentials: "same-origin",
    headers: { Accept: "text/html" },
  });
  if (!response.ok) return true;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.querySelector("[data-thread-list]");
  const list = thread.querySelector("[data-thread-list]");
  if (!fresh || !list) return true;
  let complete = true;
  const keyOf = (item) => item.dataset.threadItem || "empty";
  const old = new Map([...list.children].map((item) => [keyOf(item), item]));
  let previous = null;
  for (const item of [...fresh.children]) {
    const key = keyOf(item);
    const current = old.get(key);
    old.delete(key);
    if (current && current.dataset.version === item.dataset.version) {
      previous = current;
      continue;
    }
    if (current && busy(current)) {
      complete = false;
      previous = current;
      continue;
    }
    const incoming = document.importNode(item, true);
    if (current) current.replaceWith(incoming);
    else if (previous) previous.after(incoming);
    else list.prepend(incoming);
    previous = incoming;
  }
  for (const gone of old.values()) {
    if (busy(gone)) complete = false;
    else gone.remove();
  }
  return complete;
}

async function refreshThreads(root = document) {
  let complete = true;
  for (const thread of root.querySelectorAll("[data-thread]")) {
    if (!(await refreshThread(thread))) complete = false;
  }
  return complete;
}

function setBadge(badge, status, label) {
  if (!badge || !status) return;
  badge.dataset.status = status;
  badge.textContent = label;
}

/** The reader: swap the text and its colours, unless words are being selected. */
async function refreshReader() {
  const picked = window.getSelection();
  const text = document.querySelector("[data-source-body]");
  if (!text) return true;
  if (picked && !picked.isCollapsed && text.contains(picked.anchorNode)) return false;
  const response = await fetch(window.location.pathname, { credentials: "same-origin" });
  if (!response.ok) return true;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const freshText = page.querySelector("[data-source-body]");
  const legend = page.querySelector(".legend");
  if (freshText) {
    const fresh = document.importNode(freshText, true);
    fresh.dataset.drawn = ""; // in full at once, as the text it replaces (desk.css)
    text.replaceWith(fresh);
  }
  const oldLegend = document.querySelector(".legend");
  if (legend && oldLegend) oldLegend.replaceWith(document.importNode(legend, true));
  return true;
}

/** Say once, under the badge, that the page's forms hold an older version. */
function noticeChanged(badge) {
  if (!badge || document.querySelector("[data-live-notice]")) return;
  const line = badge.closest("p") || badge;
  line.after(
    el(
      "p",
      { class: "message live-notice", role: "status", "data-live-notice": "" },
      "Someone else changed this while you were reading; reload before changing its status.",
    ),
  );
}

/**
 * Bring the page up to `data`. On the first answer (`first`), the page's own state is
 * not known from a stamp, as it was drawn before: what may have changed between the
 * drawing and this answer is brought in by merging (threads by version, badges by
 * status), which changes nothing when nothing changed; the reader's text is left for
 * the next change, since fetching it again would double every reader's cost.
 */
async function applyPage(data, first) {
  if ("status_label" in data) {
    const badge = document.querySelector("[data-claim-status]");
    if (badge && badge.dataset.status !== data.status) noticeChanged(badge);
    setBadge(badge, data.status, data.status_label);
  }
  if (data.positions) {
    for (const [id, [status, label]] of Object.entries(data.positions)) {
      setBadge(document.querySelector(`[data-position="${id}"] .badge[data-status]`), status, label);
    }
  }
  let complete = await refreshThreads();
  if ("revision" in data && !first) complete = (await refreshReader()) && complete;
  return complete;
}

async function poll() {
  const headers = { Accept: "application/json" };
  if (etag) headers["If-None-Match"] = etag;
  let response;
  try {
    response = await fetch(body.dataset.liveUrl, { credentials: "same-origin", headers });
  } catch (error) {
    return; // offline for a moment: ask again next time
  }
  if (response.status === 304 || !response.ok) return;
  // Signed out meanwhile: the answer is the log-in page, not the stamp.
  if (!(response.headers.get("Content-Type") || "").includes("json")) return;
  const data = await response.json();
  showUnread(data.unread);
  if (data.page && data.page !== pageStamp) {
    if (!(await applyPage(data, pageStamp === null))) {
      etag = null; // something waited for the editor: ask again next time
      return;
    }
  }
  pageStamp = data.page;
  etag = response.headers.get("ETag");
}

async function loop() {
  // The first question at once: whatever changed while the page travelled is merged
  // in then (see applyPage), not missed until the next change.
  for (;;) {
    try {
      await poll();
    } catch (error) {
      etag = null; // a fragment failed to arrive: start afresh next time
    }
    await sleep(document.hidden ? HIDDEN_POLL_MS : POLL_MS);
  }
}

// The reader's panel: each highlight it shows gets its thread under it. -------------

function watchReaderPanel() {
  const panel = document.querySelector("[data-panel-highlights]");
  const links = document.querySelector("[data-highlight-threads]");
  if (!panel || !links) return;
  const addThreads = async () => {
    for (const card of panel.querySelectorAll("[data-panel-highlight]")) {
      if (card.dataset.threadAsked) continue;
      card.dataset.threadAsked = "true";
      const id = card.dataset.panelHighlight;
      const back = `${links.dataset.readerPage}#highlight-${id}`;
      const url = `${links.dataset.highlightThreads.replace("/0/", `/${id}/`)}?next=${encodeURIComponent(back)}`;
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!response.ok) continue;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const thread = page.querySelector("[data-thread]");
      if (thread) card.append(document.importNode(thread, true));
    }
  };
  new MutationObserver(addThreads).observe(panel, { childList: true });
}

// @-completion: type @ and letters in a comment box; pick a colleague from the list. ----

const peopleUrl = body.dataset.peopleUrl;
let completionTimer = null;

function typedMention(field) {
  const before = field.value.slice(0, field.selectionStart);
  const match = before.match(/(?:^|[^\w@])@([\w.+-]*)$/);
  return match ? match[1] : null;
}

function closeCompletion(field) {
  const list = field.parentElement.querySelector("[data-mention-list]");
  if (list) list.remove();
}

async function complete(field) {
  const typed = typedMention(field);
  if (typed === null) {
    closeCompletion(field);
    return;
  }
  const response = await fetch(`${peopleUrl}?q=${encodeURIComponent(typed)}`, {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  });
  if (!response.ok) return;
  const { people } = await response.json();
  closeCompletion(field);
  if (!people.length) return;
  const list = el(
    "ul",
    { class: "mention-list", "data-mention-list": "", "aria-label": "Colleagues to mention" },
    ...people.map((person) =>
      el(
        "li",
        {},
        el(
          "button",
          { type: "button", class: "link", "data-mention": person.username },
          `@${person.username}`,
          person.name ? el("span", { class: "muted" }, ` ${person.name}`) : "",
        ),
      ),
    ),
  );
  field.after(list);
}

function insertMention(field, username) {
  const caret = field.selectionStart;
  const before = field.value.slice(0, caret).replace(/@([\w.+-]*)$/, `@${username} `);
  field.value = before + field.value.slice(caret);
  field.focus();
  field.setSelectionRange(before.length, before.length);
  closeCompletion(field);
}

if (peopleUrl) {
  document.addEventListener("input", (event) => {
    const field = event.target;
    if (!field.matches || !field.matches("textarea[data-mentions]")) return;
    clearTimeout(completionTimer);
    completionTimer = setTimeout(() => complete(field), 150);
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-mention]");
    if (!button) return;
    const field = button.closest("[data-mention-list]").previousElementSibling;
    if (field && field.matches("textarea[data-mentions]")) insertMention(field, button.dataset.mention);
  });
  document.addEventListener("keydown", (event) => {
    const field = event.target;
    if (!field.matches) return;
    if (field.matches("textarea[data-mentions]")) {
      const list = field.parentElement.querySelector("[data-mention-list]");
      if (!list) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        list.querySelector("button").focus();
      } else if (event.key === "Escape") {
        closeCompletion(field);
      }
    } else if (field.matches("[data-mention]") && event.key === "Escape") {
      const textarea = field.closest("[data-mention-list]").previousElementSibling;
      closeCompletion(textarea);
      textarea.focus();
    }
  });
}

if (body.dataset.liveUrl) {
  watchReaderPanel();
  body.dataset.live = "ready"; // tests wait for this
  loop();
}
