"""Characters that change how text looks without being seen, made visible. No Django.

A right-to-left override (U+202E) makes "exe.live" read "evil.exe"; a highlight of
only a zero-width joiner marks nothing a reader can see. Pages show each bidi control
as a marked token, and highlights must hold at least one visible character.
"""

from __future__ import annotations

import unicodedata
from html import escape

#: The bidi controls, with the short name shown for each.
BIDI_CONTROLS = {
    "\u061c": "ALM",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}

#: Categories with nothing to see on their own: controls, format characters (zero-width
#: joiners and spaces, bidi controls, the byte-order mark), combining marks, separators.
_UNSEEN_CATEGORIES = {"Cc", "Cf", "Mn", "Me", "Mc", "Zs", "Zl", "Zp"}
#: Letters that render as blank space (Hangul fillers, the braille blank).
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


def code_point_name(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def has_visible_character(text: str) -> bool:
    return any(
        unicodedata.category(char) not in _UNSEEN_CATEGORIES
        and char not in _BLANK_LETTERS
        for char in text
    )


def _token(char: str) -> str:
    # The element holds the control itself, so the text (and every offset the reader
    # measures in it) is unchanged; the stylesheet shows the name before it
    # (content: attr(data-bidi)) and isolates it, so it turns no text around.
    return (
        f'<span class="bidi-control" data-bidi="{BIDI_CONTROLS[char]}" '
        f'title="{code_point_name(char)}">{char}</span>'
    )


_MARKUP = str.maketrans({char: _token(char) for char in BIDI_CONTROLS})


def show_bidi_controls(escaped_html: str) -> str:
    """``escaped_html`` with every bidi control wrapped in its visible token.

    Takes text already escaped for HTML (or markup whose tags hold no bidi control).
    """
    return escaped_html.translate(_MARKUP)


def show_bidi_controls_in_text(text: str) -> str:
    """Plain ``text`` escaped for HTML, its bidi controls shown."""
    return show_bidi_controls(escape(text))
