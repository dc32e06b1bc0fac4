"""The admin: every changelist, change form and history page renders with the demo data."""

import pytest
from django.apps import apps
from django.urls import reverse

from editorial.models import Claim

MODELS = [
    m
    for app in ("sources", "editorial")
    for m in apps.get_app_config(app).get_models()
    if not m.__name__.startswith("Historical")
    # API tokens and check suggestions are not demo data; their own tests cover
    # their admin (test_api_tokens.py, test_check_services.py). Pending imports are
    # scratch rows of the import page, with no admin and no history. The demo has no
    # fact-check update (tests/editorial/publishing/test_admin.py covers its admin).
    and m.__name__ not in {"ApiToken", "Suggestion", "PendingImport", "FactCheckUpdate"}
    # Export jobs are scratch rows of background exports; staff see them on /jobs/.
    and m.__name__ != "ExportJob"
    # The demo has no conversation; tests/editorial/conversation/test_admin.py covers
    # the comments' admin. Follows and notifications have no admin (people manage
    # their own on the desk).
    and m.__name__ not in {"Comment", "Follow", "Notification"}
    # The demo has no tags or webhooks; tests/editorial/tags/test_tags.py and
    # tests/editorial/webhooks/test_webhooks.py cover their admin.
    and m.__name__ not in {"Tag", "ClaimTag", "SourceTag", "Webhook", "WebhookDelivery"}
]


@pytest.fixture
def admin_client_on_desk(client, shipped_desk, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "chief", password="x-long-pass-1"
    )
    client.force_login(admin)
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_change_form_and_history_render(admin_client_on_desk, model):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    response = admin_client_on_desk.get(reverse(f"{prefix}_changelist"))
    assert response.status_code == 200
    obj = model.objects.first()
    assert obj is not None
    for view in ("change", "history"):
        response = admin_client_on_desk.get(reverse(f"{prefix}_{view}", args=[obj.pk]))
        assert response.status_code == 200, view
    first_history = model.history.filter(id=obj.pk).first()
    response = admin_client_on_desk.get(
        reverse(f"{prefix}_simple_history", args=[obj.pk, first_history.history_id])
    )
    assert response.status_code == 200


def test_changelist_filters_and_search(admin_client_on_desk):
    url = reverse("admin:editorial_claim_changelist")
    assert (
        "Rishi Sunak"
        in admin_client_on_desk.get(url, {"status__exact": "false"}).content.decode()
    )
    assert (
        "Rishi Sunak"
        not in admin_client_on_desk.get(
            url, {"status__exact": "disputed"}
        ).content.decode()
    )
    assert "Witkoff" in admin_client_on_desk.get(url, {"q": "Witkoff"}).content.decode()


def test_source_change_form_shows_its_highlights_with_their_quotes(
    admin_client_on_desk,
):
    from sources.models import Source

    source = Source.objects.get(file_name="002_2ca0e659cadc8dd3.txt")
    page = admin_client_on_desk.get(
        reverse("admin:sources_source_change", args=[source.pk])
    ).content.decode()
    assert "British Prime Minister Rishi Sunak" in page


def test_mark_in_review_action_records_history_with_a_reason(admin_client_on_desk):
    claim = Claim.objects.get(statement__startswith="34 countries")
    response = admin_client_on_desk.post(
        reverse("admin:editorial_claim_changelist"),
        {"action": "mark_in_review", "_selected_action": [claim.pk]},
        follow=True,
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == "in_review"
    row = claim.history.order_by("-history_id").first()
    assert row.history_user.username == "chief"
    assert "admin" in row.history_change_reason


def test_admin_edit_needs_a_reason_and_records_it(admin_client_on_desk):
    from sources.models import Source

    source = Source.objects.get(file_name="003_4226081c53cb6bec.txt")
    url = reverse("admin:sources_source_change", args=[source.pk])
    data = {
        "title": source.title,
        "publisher": "Example Times",
        "url": "",
        "kind": source.kind,
        "language": "en",
        "published_on": "2026-01-06",
        "published_on_note": source.published_on_note,
        "revisions-TOTAL_FORMS": 0,
        "revisions-INITIAL_FORMS": 0,
        "highlights-TOTAL_FORMS": 0,
        "highlights-INITIAL_FORMS": 0,
    }
    refused = admin_client_on_desk.post(url, {**data, "change_reason": ""})
    assert refused.status_code == 200
    source.refresh_from_db()
    assert source.publisher == ""
    admin_client_on_desk.post(
        url, {**data, "change_reason": "Outlet found in the byline"}
    )
    source.refresh_from_db()
    assert source.publisher == "Example Times"
    assert (
        source.history.order_by("-history_id").first().history_change_reason
        == "Outlet found in the byline"
    )
