"""Runs on the desk: no write lock while the checks compute; a bad source is reported."""

import logging
from datetime import date

from django.db import connection

from core import roles
from editorial.checks import reading
from editorial.checks.services import checks_run
from editorial.checks.services import runs as check_runs
from editorial.exports.fixtures_load import fixtures_load
from editorial.models import Suggestion
from sources import services as source_services
from tests.conftest import FIXTURES

SUNAK = "Paris talks\nBritish Prime Minister Rishi Sunak spoke in Paris."


def imported(text, editor, day=date(2026, 1, 6)):
    return source_services.source_import_text(
        text=text, user=editor, reason="Test source", published_on=day
    ).source


def test_the_checks_compute_outside_any_transaction(db, editor, monkeypatch):
    """The findings are made in no transaction of the run's own (no write lock held).

    The test itself runs in a transaction; the run must open none around the checks.
    """
    fixtures_load(paths=[FIXTURES / "reference.json"])
    source = imported(SUNAK, editor)
    outside = list(connection.savepoint_ids)
    seen = []
    original = check_runs.run_checks

    def watching(**arguments):
        seen.append(list(connection.savepoint_ids))
        return original(**arguments)

    monkeypatch.setattr(check_runs, "run_checks", watching)
    report = checks_run(user=roles.system_user(), sources=[source])
    assert seen == [outside]
    assert report.total_created == 1
    assert Suggestion.objects.filter(source=source, kind="anachronism").exists()


def test_a_source_that_cannot_be_checked_is_named_in_the_report_and_logged(
    db, editor, monkeypatch, caplog
):
    fixtures_load(paths=[FIXTURES / "reference.json"])
    good = imported(SUNAK, editor)
    bad = imported("Bad text\nThe text that breaks a check.", editor)
    original = reading.read

    def breaking(reference, reader, document):
        if "breaks a check" in document.body:
            raise RecursionError("maximum recursion depth exceeded")
        return original(reference, reader, document)

    monkeypatch.setattr(reading, "read", breaking)
    with caplog.at_level(logging.WARNING, logger=check_runs.__name__):
        report = checks_run(user=roles.system_user(), sources=[good, bad])
    assert report.created == {good.pk: 1}
    assert list(report.skipped) == [bad]
    assert "Not checked: “Bad text”: the checks failed on its text (RecursionError" in (
        str(report)
    )
    assert f"skipped source {bad.pk}" in caplog.text
