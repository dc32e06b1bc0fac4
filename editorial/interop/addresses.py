"""Web addresses compared as a newsroom means them (pure, no Django).

``https://www.example.com/story?utm_source=x#top`` and ``http://m.example.com/story``
name the same article: the scheme, a ``www.``/``m.``/``amp.`` host prefix, the
fragment, tracking parameters, default ports and a trailing slash do not count.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

TRACKING = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "ocid",
    "cmpid",
    "ref",
    "ref_src",
    "smid",
    "s_cid",
    "_ga",
    "guccounter",
}
HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")


def normalised(url: str) -> str | None:
    """The comparable form of ``url`` (``host/path?query``), or None if it is not a
    web address."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(("utm_", "at_")) and key.lower() not in TRACKING
    )
    return host + path + (f"?{urlencode(query)}" if query else "")
