"""A comment's Markdown-lite and mentions (pure, no database)."""

from editorial.conversation import text


def test_emphasis_strong_code_and_links_render_and_raw_html_stays_text():
    html = text.render(
        "*so* **very** `x<y` [the minutes](https://example.org/m) <b onclick=x>hi</b>"
    )
    assert "<em>so</em>" in html
    assert "<strong>very</strong>" in html
    assert "<code>x&lt;y</code>" in html
    assert (
        '<a href="https://example.org/m" rel="nofollow noopener noreferrer">'
        "the minutes</a>" in html
    )
    assert "<b" not in html and "&lt;b onclick=x&gt;" in html


def test_links_other_than_http_https_and_mailto_stay_plain_text():
    for address in ("javascript:alert(1)", "data:text/html,x", "vbscript:x", "/x"):
        assert "<a" not in text.render(f"[click]({address})"), address


def test_headings_lists_and_images_are_not_markdown_here():
    html = text.render("# title\n- item\n![i](https://example.org/i.png)")
    assert "<h1" not in html and "<li" not in html and "<img" not in html


def test_mentions_are_found_once_each_and_email_addresses_are_not_mentions():
    assert text.mentioned_names("@ana and @Rev, @ana. write to x@ana.org") == [
        "ana",
        "Rev",
    ]


def test_the_partial_mention_before_the_caret_is_read_for_completion():
    assert text.typed_mention("ask @an", 7) == "an"
    assert text.typed_mention("ask @", 5) == ""
    assert text.typed_mention("mail x@an", 9) is None
