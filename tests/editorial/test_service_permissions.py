"""The write services check who acts, whoever calls them: views, API, admin, commands.

Editors (and reviewers) may mark, link and cite; only reviewers give verdicts. Anyone
else, signed in or not, is refused with PermissionDenied and nothing is written. The
desk's own system account (commands, fixture builds, the checks) may do an editor's
work, never a reviewer's.
"""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core import roles
from editorial.claims import services as claim_services
from editorial.highlights import reanchoring
from editorial.highlights import services as highlight_services
from editorial.models import Claim, ClaimHighlight, Evidence, Highlight

TEXT = "Envoy\nThe envoy Steve Witkoff met the coalition leaders in Paris."
DESK_MODELS = (Highlight, Claim, ClaimHighlight, Evidence)


def desk_rows() -> dict[str, int]:
    """How many rows the desk's records and their history hold."""
    counts = {}
    for model in DESK_MODELS:
        counts[model.__name__] = model.objects.count()
        counts[f"{model.__name__} history"] = model.history.count()
    return counts


@pytest.fixture
def desk(source_factory, claim_factory, editor):
    """A source with one linked claim, a spare highlight and a piece of evidence."""
    source = source_factory(TEXT)
    claim = claim_factory(source, "Steve Witkoff", "Witkoff met the leaders")
    start = TEXT.index("Paris")
    spare = highlight_services.highlight_create(
        source=source,
        start=start,
        end=start + len("Paris"),
        exact="Paris",
        user=editor,
        reason="Where",
    )
    evidence = claim_services.evidence_add(
        claim=claim,
        supports=True,
        citation="Agency report",
        user=editor,
        reason="Found",
    )
    return {"source": source, "claim": claim, "spare": spare, "evidence": evidence}


def _outsider(kind, user_factory):
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "no group":
        return user_factory("outsider")
    if kind == "staff without a group":
        return user_factory("clerk", is_staff=True)
    if kind == "inactive editor":
        return user_factory("gone", group=roles.EDITORS, is_active=False)
    if kind == "a person named system":
        return user_factory(roles.SYSTEM_USERNAME)
    raise AssertionError(kind)


OUTSIDERS = [
    "anonymous",
    "no group",
    "staff without a group",
    "inactive editor",
    "a person named system",
]

WRITES = {
    "highlight_create": lambda desk, user: highlight_services.highlight_create(
        source=desk["source"],
        start=TEXT.index("coalition"),
        end=TEXT.index("coalition") + len("coalition"),
        user=user,
        reason="Marked",
    ),
    "highlight_delete": lambda desk, user: highlight_services.highlight_delete(
        highlight=desk["claim"].links.get().highlight, user=user, reason="Gone"
    ),
    "claim_create": lambda desk, user: claim_services.claim_create(
        statement="Leaders met in Paris", user=user, reason="Seen"
    ),
    "claim_link_highlight": lambda desk, user: claim_services.claim_link_highlight(
        claim=desk["claim"], highlight=desk["spare"], user=user, reason="Where"
    ),
    "evidence_add": lambda desk, user: claim_services.evidence_add(
        claim=desk["claim"], supports=False, citation="Denial", user=user, reason="R"
    ),
    "evidence_update": lambda desk, user: claim_services.evidence_update(
        evidence=desk["evidence"], note="Second source", user=user, reason="R"
    ),
    "evidence_delete": lambda desk, user: claim_services.evidence_delete(
        evidence=desk["evidence"], user=user, reason="Gone"
    ),
    "reanchor_apply": lambda desk, user: reanchoring.reanchor_apply(
        plan=reanchoring.reanchor_plan(source=desk["source"], body=TEXT + " Later."),
        revision=desk["source"].current_revision,
        user=user,
        reason="New text",
    ),
}


@pytest.mark.parametrize("outsider", OUTSIDERS)
@pytest.mark.parametrize("write", WRITES)
def test_a_write_by_anyone_but_an_editor_is_refused_and_nothing_is_written(
    desk, user_factory, write, outsider
):
    user = _outsider(outsider, user_factory)
    before = desk_rows()
    with pytest.raises(PermissionDenied):
        WRITES[write](desk, user)
    assert desk_rows() == before


@pytest.mark.parametrize("write", WRITES)
def test_an_editor_may_make_every_write(desk, editor, write):
    before = desk_rows()
    WRITES[write](desk, editor)
    assert desk_rows() != before


@pytest.mark.parametrize("write", WRITES)
def test_the_desks_system_account_may_do_an_editors_work(desk, write):
    """Commands, fixture builds and the checks act as the system account."""
    system = roles.system_user()
    assert not system.is_active and not roles.is_editor(system)
    before = desk_rows()
    WRITES[write](desk, system)
    assert desk_rows() != before


def test_the_system_account_made_able_to_log_in_is_judged_as_a_person(db):
    system = roles.system_user()
    system.set_password("now-a-login-1")
    system.is_active = True
    system.save()
    with pytest.raises(PermissionDenied):
        claim_services.claim_create(statement="A claim", user=system, reason="R")
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    "actor", ["editor", "system"], ids=["an editor", "the system account"]
)
def test_a_verdict_needs_a_reviewer_and_nothing_changes_without_one(
    desk, editor, actor
):
    user = editor if actor == "editor" else roles.system_user()
    claim = desk["claim"]
    rows = claim.history.count()
    with pytest.raises(PermissionDenied, match="Only reviewers can give a verdict"):
        claim_services.claim_set_status(
            claim=claim,
            status=Claim.Status.VERIFIED,
            verdict_note="Test verdict note",
            user=user,
            reason="Checked",
        )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.UNVERIFIED
    assert claim.reviewed_by is None
    assert claim.history.count() == rows


def test_a_reviewer_gives_a_verdict_and_is_named_for_it(desk, reviewer):
    claim = claim_services.claim_set_status(
        claim=desk["claim"],
        status=Claim.Status.VERIFIED,
        verdict_note="Test verdict note",
        user=reviewer,
        reason="Two agencies confirm",
    )
    assert claim.status == Claim.Status.VERIFIED
    assert claim.reviewed_by == reviewer


# The admin writes through the same services ------------------------------------------


def _staff(user_factory, username, group=None, *codenames):
    user = user_factory(username, group=group, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_staff_outside_the_desk_cannot_add_a_highlight_in_the_admin(
    client, user_factory, desk
):
    clerk = _staff(user_factory, "clerk", None, "add_highlight", "view_highlight")
    client.force_login(clerk)
    source = desk["source"]
    before = desk_rows()
    start = TEXT.index("coalition")
    response = client.post(
        reverse("admin:editorial_highlight_add"),
        {
            "source": source.pk,
            "revision": source.current_revision_id,
            "start": start,
            "end": start + len("coalition"),
            "created_at_0": "2026-01-01",
            "created_at_1": "10:00:00",
            "change_reason": "Marked",
            "links-TOTAL_FORMS": 0,
            "links-INITIAL_FORMS": 0,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Only editors and reviewers" in response.content.decode()
    assert desk_rows() == before


def test_an_editor_adds_a_highlight_in_the_admin_through_the_service(
    client, user_factory, desk
):
    staff_editor = _staff(
        user_factory, "deskhand", roles.EDITORS, "add_highlight", "view_highlight"
    )
    client.force_login(staff_editor)
    source = desk["source"]
    start = TEXT.index("coalition")
    client.post(
        reverse("admin:editorial_highlight_add"),
        {
            "source": source.pk,
            "revision": source.current_revision_id,
            "start": start,
            "end": start + len("coalition"),
            "created_at_0": "2026-01-01",
            "created_at_1": "10:00:00",
            "change_reason": "Marked in the admin",
            "links-TOTAL_FORMS": 0,
            "links-INITIAL_FORMS": 0,
        },
    )
    highlight = Highlight.objects.get(source=source, start=start)
    assert highlight.exact == "coalition"
    assert highlight.prefix.endswith("met the ")
    assert highlight.created_by == staff_editor
    row = highlight.history.get()
    assert row.history_user == staff_editor
    assert row.history_change_reason == "Marked in the admin"


@pytest.mark.parametrize(
    "model, key",
    [("highlight", "spare"), ("evidence", "evidence"), ("claim", "claim")],
)
def test_staff_outside_the_desk_cannot_delete_in_the_admin(
    client, user_factory, desk, model, key
):
    # Django's own delete page also asks for permission to delete what goes with it.
    clerk = _staff(
        user_factory,
        "clerk",
        None,
        f"delete_{model}",
        f"view_{model}",
        "delete_claimhighlight",
        "delete_evidence",
    )
    client.force_login(clerk)
    obj = desk[key]
    before = desk_rows()
    response = client.post(
        reverse(f"admin:editorial_{model}_delete", args=[obj.pk]),
        {"post": "yes"},
        follow=True,
    )
    assert "Only editors and reviewers" in response.content.decode()
    assert desk_rows() == before


def test_an_admin_delete_of_a_highlight_takes_its_links_with_history(
    chief_client_on_desk, desk
):
    highlight = desk["claim"].links.get().highlight
    chief_client_on_desk.post(
        reverse("admin:editorial_highlight_delete", args=[highlight.pk]),
        {"post": "yes"},
    )
    assert not Highlight.objects.filter(pk=highlight.pk).exists()
    link_rows = ClaimHighlight.history.filter(highlight_id=highlight.pk)
    deletion = link_rows.order_by("-history_id").first()
    assert deletion.history_type == "-"
    assert deletion.history_change_reason == "Deleted in the admin"


@pytest.fixture
def chief_client_on_desk(client, django_user_model):
    chief = django_user_model.objects.create_superuser("chief", password="x-pass-12")
    client.force_login(chief)
    return client
