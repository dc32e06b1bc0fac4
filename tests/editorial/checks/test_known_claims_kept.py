"""A check after an import reads the desk's claims once per change to them, not once
per run: on a desk of 100,000 claims that read was most of a run's time."""

import pytest

from editorial.checks import selectors
from editorial.claims import services as claim_services
from editorial.highlights import services as highlight_services

pytestmark = pytest.mark.django_db

TEXT = "Harbour strike\nDockers at the port struck on Monday. The port was shut."


def _statements(known):
    return sorted((claim.statement, claim.quotes) for claim in known)


def test_the_claims_are_read_again_only_after_a_write_to_them(
    source_factory, claim_factory, editor, django_assert_num_queries
):
    source = source_factory(TEXT)
    claim = claim_factory(source, "Dockers at the port struck", "Dockers struck.")
    first = selectors.known_claims()
    with django_assert_num_queries(5):  # the stamp only
        assert selectors.known_claims() is first

    claim_services.claim_update(
        claim=claim, statement="The dockers struck.", user=editor, reason="Wording"
    )
    edited = selectors.known_claims()
    assert _statements(edited) == [
        ("The dockers struck.", ("Dockers at the port struck",))
    ]

    start = source.current_revision.body.index("The port was shut")
    highlight = highlight_services.highlight_create(
        source=source, start=start, end=start + 17, user=editor, reason="Mark"
    )
    claim_services.claim_link_highlight(
        claim=claim, highlight=highlight, user=editor, reason="Also says it"
    )
    linked = selectors.known_claims()
    assert _statements(linked) == [
        (
            "The dockers struck.",
            ("Dockers at the port struck", "The port was shut"),
        )
    ]

    highlight_services.highlight_delete(highlight=highlight, user=editor, reason="No")
    assert _statements(selectors.known_claims()) == _statements(edited)
