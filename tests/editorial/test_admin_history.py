"""History is evidence: the admin shows it and can revert (a new version), never rewrite it."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.models import Claim
from sources.models import Revision


def history_rows(model) -> list[dict]:
    return list(model.history.order_by("history_id").values())


@pytest.fixture
def claim(editor):
    claim = claim_services.claim_create(
        statement="26 nations joined", user=editor, reason="From the article"
    )
    return claim_services.claim_update(
        claim=claim, statement="26 nations signed", user=editor, reason="Exact verb"
    )


@pytest.fixture
def chief_client(client, django_user_model):
    chief = django_user_model.objects.create_superuser("chief", password="x-pass-12")
    client.force_login(chief)
    return client


def revert_form(row, reason="Back to the first wording"):
    return {
        "statement": row.statement,
        "status": row.status,
        "verdict_note": row.verdict_note,
        "change_reason": reason,
        "links-TOTAL_FORMS": 0,
        "links-INITIAL_FORMS": 0,
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
    }


def test_no_history_model_has_an_admin_of_its_own():
    """Registered, a historical model would get add, change and delete pages."""
    registered = [model._meta.label for model in admin.site._registry]
    assert not [label for label in registered if ".Historical" in label]


def test_editing_history_rows_is_switched_off():
    assert settings.SIMPLE_HISTORY_EDIT is False
    from simple_history import admin as history_admin

    assert history_admin.SIMPLE_HISTORY_EDIT is False


def test_revert_adds_a_new_version_and_leaves_earlier_rows_as_they_were(
    chief_client, claim
):
    before = history_rows(Claim)
    first = claim.history.order_by("history_id").first()
    response = chief_client.post(
        reverse("admin:editorial_claim_simple_history", args=[claim.pk, first.pk]),
        revert_form(first),
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.statement == "26 nations joined"
    after = history_rows(Claim)
    assert after[: len(before)] == before
    assert len(after) == len(before) + 1
    newest = claim.history.order_by("-history_id").first()
    assert newest.history_user.username == "chief"
    # The admin reverts through claim_revert, whose reason says what it brought back.
    assert newest.history_change_reason.startswith("Restored version 1 of ")
    assert newest.history_change_reason.endswith(": Back to the first wording")
    assert newest.history_type == "~"


def test_asking_to_change_a_history_row_only_reverts(chief_client, claim):
    first = claim.history.order_by("history_id").first()
    before = history_rows(Claim)
    chief_client.post(
        reverse("admin:editorial_claim_simple_history", args=[claim.pk, first.pk]),
        {**revert_form(first), "statement": "Rewritten past", "_change_history": "1"},
    )
    after = history_rows(Claim)
    assert after[: len(before)] == before


def test_immutable_revisions_cannot_be_changed_through_their_history_page(
    chief_client, source_factory
):
    revision = source_factory("Title\nOriginal body.").current_revision
    row = revision.history.first()
    url = reverse("admin:sources_revision_simple_history", args=[revision.pk, row.pk])
    assert chief_client.get(url).status_code == 200
    response = chief_client.post(
        url,
        {
            "source": revision.source_id,
            "number": 1,
            "body": "Forged body.",
            "sha256": revision.sha256,
            "reason": "Forged",
            "change_reason": "Forged",
        },
    )
    assert response.status_code == 403
    revision.refresh_from_db()
    assert revision.body == "Title\nOriginal body."
    assert Revision.history.count() == 1


def test_staff_who_may_only_view_claims_cannot_revert(client, user_factory, claim):
    viewer = user_factory("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(viewer)
    first = claim.history.order_by("history_id").first()
    url = reverse("admin:editorial_claim_simple_history", args=[claim.pk, first.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, revert_form(first)).status_code == 403
    claim.refresh_from_db()
    assert claim.statement == "26 nations signed"


def test_deleting_in_the_admin_keeps_every_history_row_and_adds_one(
    chief_client, claim
):
    before = history_rows(Claim)
    response = chief_client.post(
        reverse("admin:editorial_claim_delete", args=[claim.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Claim.objects.filter(pk=claim.pk).exists()
    after = history_rows(Claim)
    assert after[: len(before)] == before
    assert after[-1]["history_type"] == "-"
    assert after[-1]["history_change_reason"] == "Deleted in the admin"


def test_history_pages_are_read_only_to_every_other_method(chief_client, claim):
    first = claim.history.order_by("history_id").first()
    urls = [
        reverse("admin:editorial_claim_history", args=[claim.pk]),
    ]
    before = history_rows(Claim)
    for url in urls:
        assert chief_client.get(url).status_code == 200
        for method in ("put", "patch", "delete"):
            getattr(chief_client, method)(url)
    chief_client.post(urls[0], {"statement": "x"})
    assert history_rows(Claim) == before
    assert first.statement == "26 nations joined"


def historical_rows() -> dict[str, set]:
    from tests.dbdump import full_dump

    return {
        label: set(rows)
        for label, rows in full_dump().items()
        if label.split(".")[1].startswith("historical")
    }


def test_api_writes_only_add_history_rows(editor_client, editor, source_factory):
    """No API route edits or deletes a history row: every earlier row survives as it was."""
    import json

    source = source_factory("Envoy\nThe envoy Steve Witkoff met the coalition leaders.")
    claim = claim_services.claim_create(
        statement="An envoy", user=editor, reason="Seen"
    )
    before = historical_rows()
    created = editor_client.post(
        reverse("api:annotations"),
        json.dumps(
            {
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "type": "Annotation",
                "body": [
                    {
                        "type": "TextualBody",
                        "purpose": "describing",
                        "value": "Witkoff met the leaders",
                        "stance": "assert",
                    }
                ],
                "target": {
                    "source": f"/sources/{source.pk}/",
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": "Steve Witkoff"}
                    ],
                },
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 201
    changed = editor_client.patch(
        reverse("api:claim", args=[claim.pk]),
        json.dumps({"status": "in_review", "reason": "Checking", "version": 1}),
        content_type="application/json",
    )
    assert changed.status_code == 200
    after = historical_rows()
    for label, rows in before.items():
        assert rows <= after[label], f"{label}: an earlier history row changed"
    assert sum(map(len, after.values())) > sum(map(len, before.values()))


def test_an_admin_revert_raises_the_version_past_the_current_one(chief_client, claim):
    """Reverting to an old version must not hand out its old version number again,
    or an edit started before the revert would pass as current."""
    current = Claim.objects.get(pk=claim.pk).version
    first = claim.history.order_by("history_id").first()
    chief_client.post(
        reverse("admin:editorial_claim_simple_history", args=[claim.pk, first.pk]),
        revert_form(first),
    )
    assert Claim.objects.get(pk=claim.pk).version == current + 1
