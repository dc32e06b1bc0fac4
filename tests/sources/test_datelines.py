"""A dateline at the top of an article gives its date; without one, nothing is guessed."""

import datetime

import pytest

from sources.datelines import dateline
from sources.extract import extract

TODAY = datetime.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Envoy meets leaders\nPARIS, Jan. 6 (Reuters) - The envoy met.", "2026-01-06"),
        ("Title\nLONDON, 6 January 2025 (AP) — Talks went on.", "2025-01-06"),
        ("Title\nKYIV, Ukraine, March 3, 2025 - Shelling.", "2025-03-03"),
        ("Title\nWASHINGTON, Sept. 30 (Reuters) – A vote.", "2025-09-30"),
        ("Title\nBERLIN, Feb 28 - Ministers met.", "2026-02-28"),
    ],
)
def test_a_dateline_gives_the_day(text, day):
    found = dateline(text, TODAY)
    assert found is not None and found.day.isoformat() == day


def test_a_dateline_without_a_year_takes_the_latest_such_day_and_says_so():
    found = dateline("T\nPARIS, Dec. 24 (Reuters) - Late talks.", TODAY)
    assert found.day == datetime.date(2025, 12, 24)
    assert not found.year_printed
    assert "PARIS, Dec. 24 (Reuters)" in found.note() and "year" in found.note()


@pytest.mark.parametrize(
    "text",
    [
        "Title\nWASHINGTON (AP) — No day in this dateline.",
        "Title\nThe envoy met on Jan. 6 - a Tuesday.",
        "Title\nPARIS, Smarch 6 (Reuters) - Not a month.",
        "Title\nPARIS, Feb. 30 2025 - Not a day.",
        "Title\nPARIS, Jan. 6 2027 - After the import.",
        "T\n1\n2\n3\n4\nPARIS, Jan. 6 (Reuters) - Too far down to be a dateline.",
    ],
)
def test_no_dateline_no_date(text):
    assert dateline(text, TODAY) is None


def test_a_pasted_article_with_a_dateline_and_no_date_gets_the_datelines_day():
    text = "Coalition meets\nPARIS, Jan. 6, 2026 (Reuters) - The coalition met.\n"
    extracted = extract(text.encode(), "pasted text", "text")
    assert extracted.published_on == datetime.date(2026, 1, 6)
    assert "dateline" in extracted.published_on_note
    assert extracted.body == text


def test_a_page_that_states_its_date_keeps_it_over_the_dateline():
    page = (
        '<html><head><title>Coalition</title><meta property="article:published_time"'
        ' content="2026-01-07"></head><body><article><h1>Coalition</h1>'
        "<p>PARIS, Jan. 6, 2026 (Reuters) - The coalition met in Paris on Tuesday "
        "and talked late into the evening about the force and its mandate.</p>"
        "</article></body></html>"
    )
    extracted = extract(page.encode(), "page.html")
    assert extracted.published_on == datetime.date(2026, 1, 7)
