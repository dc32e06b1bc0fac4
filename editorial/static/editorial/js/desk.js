// Small helpers shared by the desk's scripts.

/** The CSRF token from the page (a {% csrf_token %} input), for writes through fetch. */
export function csrfToken() {
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

/** Call the JSON API; resolves to {ok, status, data}, never throws on HTTP errors. */
export async function apiFetch(url, { method = "GET", body, contentType = "application/json" } = {}) {
  const headers = { Accept: "application/json, application/ld+json" };
  if (body !== undefined) {
    headers["Content-Type"] = contentType;
    headers["X-CSRFToken"] = csrfToken();
  }
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    return { ok: false, status: 0, data: { detail: "The desk could not be reached. Check your connection and try again." } };
  }
  let data = null;
  try {
    data = await response.json();
  } catch (error) {
    data = { detail: `The desk answered ${response.status} ${response.statusText}.` };
  }
  return { ok: response.ok, status: response.status, data };
}

/** Every message in an API error answer, as lines ("field: message"). */
export function messagesOf(data) {
  if (!data || typeof data !== "object") return ["Something went wrong; nothing was saved."];
  const lines = [];
  for (const [field, value] of Object.entries(data)) {
    if (field === "current") continue;
    const texts = Array.isArray(value) ? value : [value];
    for (const text of texts) {
      if (typeof text !== "string") continue;
      lines.push(field === "detail" || field === "non_field_errors" ? text : `${label(field)}: ${text}`);
    }
  }
  return lines.length ? lines : ["Something went wrong; nothing was saved."];
}

function label(field) {
  if (field.startsWith("body")) return "Claim";
  if (field.startsWith("target")) return "Selection";
  return field.replace(/_/g, " ");
}

/** Build an element; strings become text nodes, never HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === "") continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
