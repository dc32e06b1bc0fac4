"""The spreadsheet's formula guard sees past what a reader does not see (issue 20, finding 6)."""

import pytest

from editorial.exports import claims_csv


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        '＝HYPERLINK("http://x")',  # full-width equals sign
        "＋1",
        "－1",
        "＠SUM(A1)",
        "﹦1",  # small form
        "\u200b=1",  # zero-width space
        "\u200c\u200d=1",  # zero-width non-joiner and joiner
        "\u2060=1",  # word joiner
        "\ufeff=1",  # byte-order mark
        "\u202e=1",  # right-to-left override
        "\u2066\u200f=1",  # bidi isolate and mark
        "  =1",
        "\u00a0=1",
        "\t=1",
        "\r=1",
    ],
)
def test_a_cell_whose_first_visible_character_is_a_formula_trigger_is_text(text):
    assert claims_csv.spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize(
    "text",
    [
        "26 nations\n=1+1",
        "first line\r\n\u200b＝1",
        "first line\r+1",
        "a\n\n  @SUM(A1)",
        "a\u2028-1",
    ],
)
def test_a_cell_with_any_line_starting_with_a_formula_trigger_is_text(text):
    assert claims_csv.spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize(
    "text",
    ["26 nations", "a=b", "a\nb=c", "\u200bplain", "e-mail", "", "\u200b"],
)
def test_cells_with_no_formula_trigger_first_stay_as_they_are(text):
    assert claims_csv.spreadsheet_cell(text) == text


def test_the_written_sheet_neutralises_a_hidden_formula():
    class Claim:
        pk = 1
        statement = "\ufeff=cmd|' /C calc'!A0"
        status = "open"
        verdict_note = "fine\n\u200b＝1"
        reviewed_by = None
        last_change = None

        class links:
            @staticmethod
            def all():
                return []

    lines = list(claims_csv.csv_lines([Claim()]))
    assert "'\ufeff=cmd" in lines[1]
    assert "'fine\n\u200b＝1" in lines[1]
