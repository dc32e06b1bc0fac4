"""Reading articles from plain text, Markdown and saved web pages (no database)."""

import datetime
import hashlib
import types
from pathlib import Path

import pytest

from sources import extract

ARTICLES = Path(__file__).parent / "articles"


def read(name: str) -> extract.Extracted:
    return extract.extract((ARTICLES / name).read_bytes(), name)


def test_html_and_markdown_give_the_plain_article_s_body():
    plain = read("coalition.txt")
    assert read("coalition.html").body == plain.body
    assert read("coalition.md").body == plain.body


def test_plain_text_is_kept_exactly_with_its_first_line_as_title():
    data = b"  Title here  \r\nBody\twith  odd   spacing\r\n\r\n"
    extracted = extract.extract(data, "odd.txt")
    assert extracted.body == data.decode()
    assert extracted.title == "Title here"
    assert extracted.format == extract.TEXT


def test_html_metadata_comes_from_the_page():
    extracted = read("coalition.html")
    assert extracted.format == extract.HTML
    assert extracted.title == "Coalition pledges troops"
    assert extracted.author == "Jane Reporter"
    assert extracted.publisher == "Daily Example"
    assert extracted.url == "https://news.example.com/2026/01/06/coalition-pledges"
    assert extracted.published_on == datetime.date(2026, 1, 6)
    assert "metadata" in extracted.published_on_note


def test_html_main_text_leaves_out_navigation_and_footer():
    body = read("coalition.html").body
    assert "Home" not in body and "All rights reserved" not in body


def test_the_original_file_s_name_and_sha256_are_kept():
    data = (ARTICLES / "coalition.html").read_bytes()
    extracted = extract.extract(data, "/some/folder/coalition.html")
    assert extracted.file_name == "coalition.html"
    assert extracted.file_sha256 == hashlib.sha256(data).hexdigest()


def test_a_page_saved_without_a_suffix_is_read_as_html():
    data = (ARTICLES / "coalition.html").read_bytes()
    assert extract.extract(data, "saved-page").format == extract.HTML


def test_a_non_web_address_from_a_page_is_left_out_with_a_note(monkeypatch):
    import trafilatura

    page = types.SimpleNamespace(
        text="Body text.",
        title="T",
        author=None,
        sitename=None,
        url="ftp://files.example.org/a",
        date="not a date",
    )
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: page)
    extracted = extract.extract(b"<html><body>x</body></html>", "page.html")
    assert extracted.url == ""
    assert extracted.published_on is None
    assert any("not a web address" in note for note in extracted.notes)
    assert any("could not be read" in note for note in extracted.notes)


def test_markdown_title_comes_from_the_first_heading_and_markup_is_dropped():
    extracted = extract.extract(
        b"# The *headline*\n\nSome `code` and [a link](https://x.org).\n", "a.md"
    )
    assert extracted.title == "The headline"
    assert extracted.body == "The headline\nSome code and a link."


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 31)) * 20, "binary"),
        ("Caf\u00e9 au lait".encode("latin-1"), "not UTF-8"),
        ("T\n".encode("utf-16"), "binary"),
    ],
    ids=["empty", "whitespace", "png", "control-bytes", "latin-1", "utf-16"],
)
def test_files_that_are_not_text_are_refused_with_a_reason(data, reason):
    with pytest.raises(extract.ExtractionError, match=reason):
        extract.extract(data, "bad.txt")


def test_a_page_with_no_article_text_is_refused():
    with pytest.raises(extract.ExtractionError, match="no article text"):
        extract.extract(
            b"<html><body><script>var a = 1;</script></body></html>", "empty.html"
        )


def test_a_byte_order_mark_is_not_part_of_the_body():
    assert extract.extract(b"\xef\xbb\xbfTitle\nBody", "bom.txt").body == "Title\nBody"
