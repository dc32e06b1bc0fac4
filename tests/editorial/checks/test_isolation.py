"""A source the checks cannot handle is skipped with a reason; the others are checked."""

from datetime import date

from editorial.checks import Document, reading, run_checks

DAY = date(2026, 1, 6)
SUNAK = "British Prime Minister Rishi Sunak spoke in Paris."


def test_a_4301_digit_number_stops_no_check(reference):
    absurd = Document("absurd", "There were " + "9" * 4301 + " nations.", DAY)
    other = Document("other", SUNAK, DAY)
    skipped = {}
    findings = run_checks(
        targets=[absurd, other],
        corpus=[absurd, other],
        reference=reference,
        skipped=skipped,
    )
    assert [(f.document, f.exact) for f in findings if f.kind == "anachronism"] == [
        ("other", "British Prime Minister Rishi Sunak")
    ]
    assert set(skipped) <= {"absurd"}


def test_a_source_whose_text_breaks_a_check_is_skipped_with_its_reason(
    reference, monkeypatch
):
    original = reading.read

    def breaking(reference, reader, document):
        if document.key == "bad":
            raise RecursionError("maximum recursion depth exceeded")
        return original(reference, reader, document)

    monkeypatch.setattr(reading, "read", breaking)
    bad = Document("bad", "Pathological text.", DAY)
    good = Document("good", SUNAK, DAY)
    skipped = {}
    findings = run_checks(
        targets=[bad, good], corpus=[bad, good], reference=reference, skipped=skipped
    )
    assert [f.document for f in findings] == ["good"]
    assert skipped == {
        "bad": "the checks failed on its text (RecursionError: maximum recursion "
        "depth exceeded)"
    }
