"""``core.inserts.insert_with_history`` writes the rows and history rows that
simple_history's ``bulk_create_with_history`` writes, only faster."""

import pytest
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.inserts import insert_with_history
from editorial.models import Suggestion

#: Made anew for each row (its id, uid and creation time) or told apart on purpose.
OWN = {"id", "uid", "created_at", "fingerprint"}


def _suggestions(source, claim, tag: str) -> list[Suggestion]:
    return [
        Suggestion(
            kind=kind,
            source=source,
            revision_id=source.current_revision_id,
            start=number,
            end=number + 5,
            exact="Title",
            statement=f"Statement {number}",
            explanation="Why it is proposed",
            stance="assert",
            evidence=[{"citation": "c", "note": "“Quoted” é", "supports": True}],
            group=f"story-1:{number}" if number else "",
            question="How many?" if number else "",
            claim=claim if number == 1 else None,
            fingerprint=f"{tag}-{number}",
        )
        for number, kind in enumerate(["figures", "restated", "anachronism"])
    ]


def _without(row: dict, names) -> dict:
    return {name: value for name, value in row.items() if name not in names}


def test_insert_with_history_writes_what_bulk_create_with_history_writes(
    source_factory, claim_factory, editor
):
    source = source_factory()
    claim = claim_factory(source, "Some body")
    ours, theirs = _suggestions(source, claim, "ours"), _suggestions(source, claim, "x")
    began = timezone.now()
    insert_with_history(ours, user=editor, reason="Consistency checks", batch_size=2)
    bulk_create_with_history(
        theirs,
        Suggestion,
        batch_size=2,
        default_user=editor,
        default_change_reason="Consistency checks",
    )
    for mine, other in zip(ours, theirs, strict=True):
        row = Suggestion.objects.values().get(pk=mine.pk)
        expected = Suggestion.objects.values().get(pk=other.pk)
        assert (row["uid"], row["created_at"]) == (mine.uid, mine.created_at)
        assert _without(row, OWN) == _without(expected, OWN)
        [history] = Suggestion.history.filter(id=mine.pk).values()
        [expected_history] = Suggestion.history.filter(id=other.pk).values()
        assert _without(history, {"history_id", "history_date"}) == row | {
            "history_type": "+",
            "history_change_reason": "Consistency checks",
            "history_user_id": editor.pk,
        }
        assert began <= history["history_date"] <= timezone.now()
        own = OWN | {"history_id", "history_date"}
        assert _without(history, own) == _without(expected_history, own)


def test_insert_with_history_refuses_saved_rows_and_needs_a_reason(
    source_factory, editor
):
    source = source_factory()
    [first, *_] = made = _suggestions(source, None, "a")
    assert insert_with_history([], user=editor, reason="Checks") == []
    insert_with_history(made, user=editor, reason="Checks")
    with pytest.raises(ValueError, match="new rows"):
        insert_with_history([first], user=editor, reason="Checks")
    with pytest.raises(Exception, match="reason"):
        insert_with_history(_suggestions(source, None, "b"), user=editor, reason=" ")
    assert Suggestion.objects.count() == Suggestion.history.count() == 3
