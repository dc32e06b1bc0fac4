"""The dispute forms offer a short menu of likely claims, never every claim on the desk
(issue 19); any other claim is still given by its number."""

import re

import pytest
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.disputes import services as dispute_services
from editorial.disputes import views as dispute_views
from editorial.disputes.selectors import OFFERED_CLAIMS
from editorial.models import Claim, Dispute
from sources.stories.services import story_create


@pytest.fixture
def desk(editor, source_factory, claim_factory):
    """Two positions on a story's source, a claim on the story's other source (made
    first, so older than everything else), and more new claims than the menu holds."""
    story = story_create(name="Paris meeting", user=editor, reason="Test")
    first = source_factory("Paris\nSunak and Witkoff met the envoys.", story=story)
    second = source_factory("Paris later\nThe envoys were 26 nations.", story=story)
    related = claim_factory(second, "26 nations")
    sunak = claim_factory(first, "Sunak")
    witkoff = claim_factory(first, "Witkoff")
    many = [
        claim_services.claim_create(statement=f"Filler {n}", user=editor, reason="x")
        for n in range(OFFERED_CLAIMS + 10)
    ]
    dispute = dispute_services.dispute_open(
        question="Who met?", claims=[sunak, witkoff], user=editor, reason="Test"
    )
    return {
        "dispute": dispute,
        "related": related,
        "sunak": sunak,
        "witkoff": witkoff,
        "many": many,
    }


def _add_menu(page: str) -> list[str]:
    menu = re.search(r'<select name="claim"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="(\d+)"', menu)


def test_the_add_menu_is_short_and_puts_the_same_storys_claims_first(
    desk, editor_client
):
    page = editor_client.get(reverse("disputes:detail", args=[desk["dispute"].pk]))
    offered = _add_menu(page.content.decode())
    assert len(offered) == OFFERED_CLAIMS < Claim.objects.count() - 2
    assert offered[0] == str(desk["related"].pk)
    assert str(desk["sunak"].pk) not in offered  # already a position
    assert str(desk["many"][0].pk) not in offered  # the oldest filler: not in the menu


def test_a_claim_beyond_the_menu_is_added_by_its_number(desk, editor_client):
    dispute, oldest = desk["dispute"], desk["many"][0]
    response = editor_client.post(
        reverse("disputes:add-claim", args=[dispute.pk]),
        {"number": oldest.pk, "reason": "also said", "version": dispute.version},
    )
    assert response.status_code == 302
    assert dispute.claims.filter(pk=oldest.pk).exists()


@pytest.mark.parametrize(
    ("number", "message"),
    [(999999, "No claim has the number 999999."), (None, "is already a position")],
)
def test_a_wrong_number_is_refused_clearly_and_changes_nothing(
    desk, editor_client, number, message
):
    dispute = desk["dispute"]
    number = number or desk["sunak"].pk
    response = editor_client.post(
        reverse("disputes:add-claim", args=[dispute.pk]),
        {"number": number, "reason": "x", "version": dispute.version},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert dispute.claims.count() == 2
    assert Dispute.objects.get(pk=dispute.pk).version == dispute.version


def test_the_open_page_ticks_the_given_claim_and_offers_a_short_list(
    desk, editor_client
):
    page = editor_client.get(reverse("disputes:open"), {"claim": desk["sunak"].pk})
    html = page.content.decode()
    boxes = re.findall(r'<input type="checkbox" name="claims" value="(\d+)"', html)
    assert len(boxes) == OFFERED_CLAIMS + 1 < Claim.objects.count()
    assert html.count('type="checkbox" name="claims"') == len(boxes)  # no empty box
    # The given claim, then its story's (the related one though older), then the newest.
    same_story = [desk["sunak"], desk["witkoff"], desk["related"]]
    assert boxes[:3] == [str(claim.pk) for claim in same_story]
    assert str(desk["many"][0].pk) not in boxes
    assert re.search(rf'value="{desk["sunak"].pk}"[^>]*checked', html)


def test_the_open_page_takes_claims_by_number(desk, editor_client):
    oldest = desk["many"][0]
    response = editor_client.post(
        reverse("disputes:open"),
        {
            "question": "Who else?",
            "claims": [desk["sunak"].pk],
            "numbers": f"{oldest.pk}, #{desk['many'][1].pk}",
            "reason": "compare",
        },
    )
    dispute = Dispute.objects.get(question="Who else?")
    assert response.url == reverse("disputes:detail", args=[dispute.pk])
    assert set(dispute.claims.values_list("pk", flat=True)) == {
        desk["sunak"].pk,
        oldest.pk,
        desk["many"][1].pk,
    }


def test_unknown_numbers_are_listed_and_nothing_is_opened(desk, editor_client):
    response = editor_client.post(
        reverse("disputes:open"),
        {
            "question": "Who else?",
            "numbers": f"{desk['sunak'].pk} 999998 999999",
            "reason": "compare",
        },
    )
    assert response.status_code == 400
    assert "No claim has the number 999998, 999999." in response.content.decode()
    assert not Dispute.objects.filter(question="Who else?").exists()


def test_the_claims_list_filters_on_one_dispute_without_a_menu_of_every_dispute(
    desk, editor_client
):
    page = editor_client.get(reverse("claims:list")).content.decode()
    assert 'name="dispute"' not in page
    chosen = desk["dispute"]
    filtered = editor_client.get(reverse("claims:list"), {"dispute": chosen.pk})
    html = filtered.content.decode()
    assert "data-chosen-dispute" in html and "Who met?" in html
    assert "2 claims match these filters." in html
    missing = editor_client.get(reverse("claims:list"), {"dispute": 999999})
    assert "There is no dispute with that number." in missing.content.decode()


def test_the_admin_opens_a_dispute_with_claims_by_number_not_a_menu(desk, admin_client):
    """The admin's add form names positions by number (its raw-id lookup)."""
    opening = admin_client.get(reverse("admin:editorial_dispute_add"))
    html = opening.content.decode()
    assert 'name="positions"' in html and "vManyToManyRawIdAdminField" in html
    assert not any(claim.statement in html for claim in desk["many"])


def test_the_dispute_list_is_shown_a_page_at_a_time(desk, editor, editor_client):
    for n in range(2):
        dispute_services.dispute_open(
            question=f"Other question {n}",
            claims=desk["many"][2 * n : 2 * n + 2],
            user=editor,
            reason="Test",
        )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dispute_views, "DISPUTES_PER_PAGE", 2)
        first = editor_client.get(reverse("disputes:list")).content.decode()
        last = editor_client.get(reverse("disputes:list"), {"page": 2})
    assert first.count('<span class="badge dispute-') == 2
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert "Page 2 of 2" in last.content.decode()
