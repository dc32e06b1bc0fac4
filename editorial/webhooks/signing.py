"""How a delivery is signed and what it says (pure, no Django).

The receiver recomputes ``HMAC-SHA256(secret, body)`` over the raw request body and
compares it, in constant time, with the ``X-Editorial-Signature`` header
(``sha256=<hex>``), as GitHub's and Slack's webhooks do.
"""

from __future__ import annotations

import hashlib
import hmac
import json

SIGNATURE_HEADER = "X-Editorial-Signature"
EVENT_HEADER = "X-Editorial-Event"
DELIVERY_HEADER = "X-Editorial-Delivery"


def body_bytes(payload: dict) -> bytes:
    """The exact bytes posted (and signed): compact JSON, UTF-8."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def signature(secret: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does: True when ``header`` signs ``body`` with ``secret``."""
    return hmac.compare_digest(signature(secret, body), header or "")


def slack_text(summary: str, url: str) -> str:
    """A Slack-compatible ``text``: the summary, linked to the change (``<url|text>``).

    Slack's own escaping: ``&``, ``<`` and ``>`` in the summary become entities, so words
    from the desk never turn into a mention or a link in the channel.
    """
    escaped = summary.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<{url}|{escaped}>" if url else escaped
