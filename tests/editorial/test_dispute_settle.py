"""Disputes settled without one winner: each position right at its date, or none can be."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from editorial.disputes import services as dispute_services
from editorial.disputes import services_settle
from editorial.models import Claim, Dispute, DisputeClaim

SEPT, NOV, JAN = (
    datetime.date(2025, 9, 20),
    datetime.date(2025, 11, 12),
    datetime.date(2026, 1, 6),
)


@pytest.fixture
def counts(source_factory, claim_factory):
    """Three sources giving the coalition's size at three dates."""
    claims = []
    for when, number in ((SEPT, "about twenty"), (NOV, "34"), (JAN, "35")):
        source = source_factory(
            f"Coalition {number}\nThe coalition has {number} nations.",
            published_on=when,
        )
        claims.append(
            claim_factory(source, f"{number} nations", f"The coalition has {number}.")
        )
    return claims


@pytest.fixture
def dispute(counts, editor):
    return dispute_services.dispute_open(
        question="How many nations joined the coalition?",
        claims=counts,
        user=editor,
        reason="the figures differ",
    )


def fresh(claims):
    return [Claim.objects.get(pk=claim.pk) for claim in claims]


def test_each_right_at_its_date_verifies_every_position_as_of_its_source_date(
    dispute, counts, reviewer
):
    services_settle.dispute_resolve_each_at_its_date(
        dispute=dispute,
        note="The count grew as nations joined.",
        user=reviewer,
        reason="figures at their dates",
    )
    dispute.refresh_from_db()
    assert dispute.status == "resolved"
    assert dispute.resolution == Dispute.Resolution.EACH_AT_ITS_DATE
    assert dispute.resolution_note == "The count grew as nations joined."
    assert [c.status for c in fresh(counts)] == ["verified"] * 3
    dates = dict(
        DisputeClaim.objects.filter(dispute=dispute).values_list(
            "claim_id", "verified_as_of"
        )
    )
    assert dates == {counts[0].pk: SEPT, counts[1].pk: NOV, counts[2].pk: JAN}
    assert fresh(counts)[1].verdict_note.startswith("Right as of 12 Nov 2025.")
    position = DisputeClaim.objects.get(dispute=dispute, claim=counts[0])
    row = position.history.first()
    assert row.history_user == reviewer
    assert "each right at its date" in row.history_change_reason


def test_a_given_date_overrides_the_source_date_and_an_undated_position_is_refused(
    dispute, counts, reviewer, claim_factory, source_factory
):
    undated = claim_factory(source_factory("Undated\nSome say 26 nations."), "26")
    dispute_services.dispute_add_claim(
        dispute=dispute, claim=undated, user=reviewer, reason="one more figure"
    )
    dispute.refresh_from_db()
    with pytest.raises(ValidationError, match="no source stating it has a date"):
        services_settle.dispute_resolve_each_at_its_date(
            dispute=dispute, note="Dated figures.", user=reviewer, reason="timeline"
        )
    assert Dispute.objects.get(pk=dispute.pk).status == "open"
    assert [c.status for c in fresh(counts)] == ["unverified"] * 3
    assert not DisputeClaim.objects.exclude(verified_as_of=None).exists()
    services_settle.dispute_resolve_each_at_its_date(
        dispute=dispute,
        note="Dated figures.",
        user=reviewer,
        reason="timeline",
        as_of={undated.pk: datetime.date(2025, 10, 1), counts[2].pk: JAN},
    )
    position = DisputeClaim.objects.get(dispute=dispute, claim=undated)
    assert position.verified_as_of == datetime.date(2025, 10, 1)


def test_cannot_be_settled_makes_every_position_unverifiable_with_the_reason(
    dispute, counts, reviewer
):
    services_settle.dispute_resolve_cannot_be_settled(
        dispute=dispute,
        note="No official list was ever published.",
        user=reviewer,
        reason="no record",
    )
    dispute.refresh_from_db()
    assert dispute.resolution == Dispute.Resolution.CANNOT_BE_SETTLED
    assert [c.status for c in fresh(counts)] == ["unverifiable"] * 3
    assert {c.verdict_note for c in fresh(counts)} == {
        "No official list was ever published."
    }


def test_settling_needs_a_reviewer_and_a_reason_and_changes_nothing_otherwise(
    dispute, counts, editor, reviewer
):
    with pytest.raises(PermissionDenied):
        services_settle.dispute_resolve_each_at_its_date(
            dispute=dispute, note="Dated.", user=editor, reason="timeline"
        )
    with pytest.raises(PermissionDenied):
        services_settle.dispute_resolve_cannot_be_settled(
            dispute=dispute, note="Unknown.", user=editor, reason="none"
        )
    with pytest.raises(ValidationError, match="Say why"):
        services_settle.dispute_resolve_cannot_be_settled(
            dispute=dispute, note="  ", user=reviewer, reason="none"
        )
    assert Dispute.objects.get(pk=dispute.pk).status == "open"
    assert [c.status for c in fresh(counts)] == ["unverified"] * 3


def test_reopening_clears_the_dates_and_one_right_is_recorded_as_such(
    dispute, counts, reviewer
):
    services_settle.dispute_resolve_each_at_its_date(
        dispute=dispute, note="Dated.", user=reviewer, reason="timeline"
    )
    dispute.refresh_from_db()
    dispute_services.dispute_reopen(dispute=dispute, user=reviewer, reason="recount")
    dispute.refresh_from_db()
    assert dispute.resolution == ""
    assert not DisputeClaim.objects.exclude(verified_as_of=None).exists()
    dispute_services.dispute_resolve(
        dispute=dispute, chosen=counts[2], note="Latest.", user=reviewer, reason="one"
    )
    assert Dispute.objects.get(pk=dispute.pk).resolution == "one_right"


def test_the_dispute_page_resolves_each_at_its_date_and_shows_the_timeline(
    dispute, counts, reviewer_client
):
    url = reverse("disputes:detail", args=[dispute.pk])
    form = reviewer_client.get(url).content.decode()
    assert "Each right at its date" in form and "Cannot be settled" in form
    response = reviewer_client.post(
        reverse("disputes:resolve", args=[dispute.pk]),
        {
            "resolution": "each_at_its_date",
            "note": "The count grew.",
            "reason": "timeline",
            "version": dispute.version,
        },
    )
    assert response.status_code == 302
    page = reviewer_client.get(url).content.decode()
    timeline = page[page.index('class="timeline"') : page.index("</ol>")]
    assert timeline.index("20 Sep 2025") < timeline.index("12 Nov 2025")
    assert timeline.index("12 Nov 2025") < timeline.index("6 Jan 2026")
    assert "The coalition has 34." in timeline
    assert "Settled:</strong> each right at its date" in page


def test_one_position_is_right_still_needs_the_chosen_position(
    dispute, reviewer_client
):
    response = reviewer_client.post(
        reverse("disputes:resolve", args=[dispute.pk]),
        {
            "resolution": "one_right",
            "note": "One.",
            "reason": "one",
            "version": dispute.version,
        },
    )
    assert response.status_code == 400
    assert "Choose the position the evidence supports." in response.content.decode()
    assert Dispute.objects.get(pk=dispute.pk).status == "open"


def test_exports_say_each_position_is_right_as_of_its_date(
    dispute, counts, reviewer, editor_client
):
    services_settle.dispute_resolve_each_at_its_date(
        dispute=dispute, note="The count grew.", user=reviewer, reason="timeline"
    )
    response = editor_client.get(reverse("export:claims-csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["statement"]: r["verified as of"] for r in rows} == {
        "The coalition has about twenty.": "2025-09-20",
        "The coalition has 34.": "2025-11-12",
        "The coalition has 35.": "2026-01-06",
    }
    review = editor_client.get(reverse("export:claimreview", args=[counts[1].pk]))
    review = review.json()
    assert review["reviewRating"]["alternateName"].endswith("as of 12 Nov 2025")
    assert review["itemReviewed"]["temporalCoverage"] == "2025-11-12"
    data = editor_client.get(reverse("export:annotations")).json()
    bodies = [
        body
        for item in data["first"]["items"]
        for body in item["body"]
        if body.get("value") == "The coalition has 35."
    ]
    assert bodies and bodies[0]["verifiedAsOf"] == "2026-01-06"
