"""The Chromium benchmark's arithmetic: Chromium's counters, spreads, ratios, verdict."""

import pytest

from . import browser


def test_chromium_counters_become_milliseconds_and_a_node_count():
    metrics = [
        {"name": "ScriptDuration", "value": 0.0123},
        {"name": "LayoutDuration", "value": 0.2},
        {"name": "Nodes", "value": 11969.0},
        {"name": "JSHeapUsedSize", "value": 123456.0},
    ]
    assert browser.chromium_figures(metrics) == {
        "script_ms": 12.3,
        "layout_ms": 200.0,
        "dom_nodes": 11969,
    }


def views(*loads, ready_offset=-10):
    return [{"load_ms": load, "ready_ms": load + ready_offset} for load in loads]


def test_each_kind_is_compared_with_the_bare_page_by_its_medians():
    summary = browser.summarise(
        {
            "bare": views(100, 200, 900),
            "highlights": views(150, 300, 310),
            "first view after a change": views(280, 290, 1000),
        }
    )
    assert summary["bare"]["load_ms"] == {
        "min": 100,
        "median": 200,
        "max": 900,
        "runs": 3,
    }
    assert "ratio_to_bare" not in summary["bare"]
    assert summary["highlights"]["ratio_to_bare"] == {
        "load_ms": 1.5,
        "ready_ms": round(290 / 190, 2),
    }
    assert summary["first view after a change"]["ratio_to_bare"]["load_ms"] == 1.45
    assert browser.verdict(summary) == (False, round(290 / 190, 2))
    assert browser.verdict(summary, allowed=1.6) == (True, round(290 / 190, 2))


def test_a_view_without_its_ready_mark_fails_the_summary_rather_than_leaving_it_out():
    with pytest.raises(ValueError, match="ready_ms"):
        browser.summarise(
            {
                "bare": views(100, 200),
                "highlights": [{"load_ms": 150, "ready_ms": None}, *views(160)],
            }
        )
