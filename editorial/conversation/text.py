"""A comment's words: Markdown-lite rendered safely, and the @mentions in them.

Pure: no Django. Markdown is markdown-it-py's "zero" preset with only links,
*emphasis*, **strong**, `code` and line breaks turned on. Raw HTML is off, so a ``<``
in a comment is text; links keep only http, https and mailto addresses (everything
else, ``javascript:`` among them, stays plain text) and open with
``rel="nofollow noopener noreferrer"``.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

#: ``@name`` not preceded by a word character or an @ (so an e-mail address is no mention).
MENTION = re.compile(r"(?<![\w@])@([\w.+-]*\w)")

_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _markdown() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "breaks": True})
    md.enable(["emphasis", "backticks", "link", "escape", "newline"])
    md.validateLink = lambda url: url.strip().lower().startswith(_SAFE_SCHEMES)

    def link_open(renderer, tokens, idx, options, env):
        tokens[idx].attrSet("rel", "nofollow noopener noreferrer")
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


_MD = _markdown()


def render(text: str) -> str:
    """The comment as HTML: every character of ``text`` escaped but the Markdown-lite."""
    return _MD.render(text or "")


def mentioned_names(text: str) -> list[str]:
    """The usernames ``text`` mentions with ``@``, in order, each once (case kept)."""
    seen: dict[str, str] = {}
    for match in MENTION.finditer(text or ""):
        name = match.group(1)
        seen.setdefault(name.lower(), name)
    return list(seen.values())


def typed_mention(text: str, caret: int) -> str | None:
    """The partial ``@name`` right before ``caret``, for the autocomplete; else None."""
    match = re.search(r"(?<![\w@])@([\w.+-]*)$", (text or "")[:caret])
    return match.group(1) if match else None
