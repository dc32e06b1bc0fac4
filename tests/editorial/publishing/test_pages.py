"""The public pages (no login) and the claim page's publishing forms."""

from __future__ import annotations

import datetime

from django.urls import reverse

from editorial.models import FactCheck, FactCheckUpdate
from editorial.publishing import services as publishing_services


def test_anyone_reads_a_published_fact_check_without_logging_in(client, published):
    response = client.get(reverse("publishing:detail", args=[published.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "Sunak was not prime minister in January 2026",
        "Rishi Sunak was British prime minister on 6 January 2026.",
        'Example Wire, <time datetime="2026-01-06">6 January 2026</time>',
        "False",
        "1 on a scale from 1 (false) to 5 (true)",
        "Keir Starmer has been prime minister since 5 July 2024.",
        'href="https://example.org/paris-talks"',
        'href="https://www.gov.uk/government/people/keir-starmer"',
        "(first appearance)",
        "Editorial desk",
    ]:
        assert text in page
    assert 'class="masthead"' not in page
    assert reverse("claims:list") not in page


def test_the_list_is_newest_first_searchable_and_paged(
    client,
    published,
    publish,
    source_factory,
    claim_factory,
    reviewer,
    django_assert_num_queries,
):
    from editorial.claims import services as claim_services

    for number in range(3):
        claim = claim_factory(
            source_factory(),
            "the coalition",
            f"Coalition claim {number}",
            status="verified",
            status_by=reviewer,
        )
        claim_services.claim_update(
            claim=claim, verdict_note="Confirmed.", user=reviewer, reason="Note"
        )
        publish(claim, headline=f"Coalition check {number}")
    with django_assert_num_queries(2):
        page = client.get(reverse("publishing:list")).content.decode()
    assert page.index("Coalition check 2") < page.index("Coalition check 0")
    assert page.index("Coalition check 0") < page.index("Sunak was not")
    found = client.get(reverse("publishing:list"), {"q": "sunak"}).content.decode()
    assert "Sunak was not" in found and "Coalition check" not in found
    from editorial.publishing import views

    views.PER_PAGE, before = 2, views.PER_PAGE
    try:
        second = client.get(reverse("publishing:list"), {"page": 2}).content.decode()
    finally:
        views.PER_PAGE = before
    assert "Coalition check 0" in second and "Page 2 of 2" in second


def test_an_unpublished_fact_check_is_gone(client, published, reviewer):
    publishing_services.fact_check_unpublish(
        fact_check=published, user=reviewer, reason="Withdrawn"
    )
    response = client.get(reverse("publishing:detail", args=[published.slug]))
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert client.get(reverse("publishing:detail", args=["no-such"])).status_code == 404


def test_an_update_and_a_correction_are_shown_with_their_dates(
    client, published, reviewer
):
    from editorial.claims import services as claim_services

    publishing_services.fact_check_update(
        fact_check=published,
        summary="Sunak had left office.",
        note="A shorter summary.",
        user=reviewer,
        reason="Shorter",
    )
    claim_services.claim_set_status(
        claim=published.claim, status="misleading", user=reviewer, reason="Context"
    )
    page = client.get(
        reverse("publishing:detail", args=[published.slug])
    ).content.decode()
    today = datetime.date.today().strftime("%-d %B %Y")
    assert (
        "Updated on <time" in page
        and f"{today}</time>:</strong> A shorter summary." in page
    )
    assert "the rating changed from False to Misleading." in page
    assert "Corrected on" in page


def test_a_reviewer_publishes_updates_and_unpublishes_from_the_claim_page(
    client, rated_claim, reviewer
):
    client.force_login(reviewer)
    detail = reverse("claims:detail", args=[rated_claim.pk])
    page = client.get(detail).content.decode()
    assert "Publish as a fact check" in page and 'name="publish-headline"' in page
    response = client.post(
        reverse("publishing:publish", args=[rated_claim.pk]),
        {
            "publish-headline": "Sunak was not prime minister",
            "publish-claimant": "Example Wire",
            "publish-claimant_kind": "organisation",
            "publish-claim_date": "2026-01-06",
            "publish-summary": "",
            "publish-reason": "Ready",
        },
    )
    assert response.status_code == 302
    fact_check = FactCheck.objects.get()
    page = client.get(detail).content.decode()
    assert (
        f'href="{reverse("publishing:detail", args=[fact_check.slug])}">Published</a>'
        in page
    )
    response = client.post(
        reverse("publishing:update", args=[rated_claim.pk]),
        {
            "update-headline": "Sunak was not prime minister in 2026",
            "update-claimant": "Example Wire",
            "update-claimant_kind": "organisation",
            "update-claim_date": "2026-01-06",
            "update-summary": fact_check.summary,
            "update-note": "The year is named.",
            "update-reason": "Precise",
            "update-version": fact_check.version,
        },
    )
    assert response.status_code == 302
    assert FactCheckUpdate.objects.get().note == "The year is named."
    fact_check.refresh_from_db()
    response = client.post(
        reverse("publishing:unpublish", args=[rated_claim.pk]),
        {"unpublish-reason": "Withdrawn", "unpublish-version": fact_check.version},
    )
    assert response.status_code == 302
    fact_check.refresh_from_db()
    assert not fact_check.is_public


def test_an_editor_is_refused_with_a_message_and_nothing_changes(
    client, rated_claim, editor
):
    client.force_login(editor)
    assert (
        "Publish as a fact check"
        not in client.get(
            reverse("claims:detail", args=[rated_claim.pk])
        ).content.decode()
    )
    response = client.post(
        reverse("publishing:publish", args=[rated_claim.pk]),
        {
            "publish-headline": "Mine",
            "publish-claimant": "Someone",
            "publish-claimant_kind": "person",
            "publish-claim_date": "2026-01-06",
            "publish-reason": "Mine",
        },
    )
    assert response.status_code == 403
    assert "Only reviewers can publish fact checks." in response.content.decode()
    assert not FactCheck.objects.exists()


def test_a_form_without_a_reason_is_shown_again_with_the_error(
    client, rated_claim, reviewer
):
    client.force_login(reviewer)
    response = client.post(
        reverse("publishing:publish", args=[rated_claim.pk]),
        {
            "publish-headline": "Sunak",
            "publish-claimant": "X",
            "publish-claimant_kind": "person",
            "publish-claim_date": "2026-01-06",
        },
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not FactCheck.objects.exists()
