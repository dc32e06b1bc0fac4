"""Reads for the consistency checks: reference data, known claims, texts, suggestions."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from reference.models import Office, Person, Term, lines
from sources.models import Revision, Source

from .checks import Document, KnownClaim
from .checks.reference import OfficeRef, PersonRef, ReferenceData, TermRef
from .checks.text import sentence_at, sentences
from .models import Claim, ClaimHighlight, Suggestion


def reference_data() -> ReferenceData:
    """The reference tables as plain values (three queries)."""
    data = ReferenceData()
    for person in Person.objects.all():
        data.people[person.key] = PersonRef(
            person.key, person.name, tuple(person.names())
        )
    for office in Office.objects.all():
        data.offices[office.key] = OfficeRef(
            office.key,
            office.name,
            office.country,
            office.kind,
            tuple(term.lower() for term in lines(office.role_terms)),
            tuple(lines(office.country_terms)),
        )
    for term in Term.objects.select_related("office", "person"):
        data.terms.append(
            TermRef(
                term.office.key, term.person.key, term.start, term.end, term.citation
            )
        )
    return data


def known_claims() -> list[KnownClaim]:
    """Every claim with its statement, its quotes and the sentences they stand in.

    Three queries whatever the number of claims: the claims, every highlight linked
    to a claim, and each highlighted revision's text once (not once per highlight).
    """
    links: dict[int, list[tuple[int, int, str]]] = {}
    for claim_id, revision_id, start, exact in ClaimHighlight.objects.order_by(
        "id"
    ).values_list(
        "claim_id", "highlight__revision_id", "highlight__start", "highlight__exact"
    ):
        links.setdefault(claim_id, []).append((revision_id, start, exact))
    revisions = {revision for found in links.values() for revision, _, _ in found}
    bodies = dict(
        Revision.objects.filter(pk__in=sorted(revisions)).values_list("pk", "body")
    )
    split: dict[int, list] = {}  # each revision's sentences, computed once
    known = []
    for pk, statement in Claim.objects.values_list("pk", "statement"):
        quotes, contexts = [], []
        for revision_id, start, exact in links.get(pk, ()):
            quotes.append(exact)
            if revision_id not in split:
                split[revision_id] = sentences(bodies[revision_id])
            try:
                contexts.append(sentence_at(split[revision_id], start).text)
            except ValueError:
                continue
        known.append(KnownClaim(pk, statement, tuple(quotes), tuple(contexts)))
    return known


def documents() -> list[Document]:
    """Every source's current text, with the spans of its highlights tied to claims."""
    sources = Source.objects.filter(current_revision__isnull=False).select_related(
        "current_revision"
    )
    linked: dict[int, set] = {}
    for link in ClaimHighlight.objects.select_related("highlight").only(
        "claim_id", "highlight__revision_id", "highlight__start", "highlight__end"
    ):
        highlight = link.highlight
        linked.setdefault(highlight.revision_id, set()).add(
            (highlight.start, highlight.end, link.claim_id)
        )
    return [
        Document(
            str(source.pk),
            source.current_revision.body,
            source.published_on,
            frozenset(linked.get(source.current_revision_id, ())),
        )
        for source in sources.order_by("pk")
    ]


def sources_checked(ids) -> dict[int, Source]:
    """The sources a run stores suggestions on, by id, without their texts."""
    return {
        source.pk: source
        for source in Source.objects.filter(pk__in=sorted(ids)).only(
            "pk", "title", "published_on", "current_revision_id"
        )
    }


def suggestion_fingerprints(source_ids) -> set[tuple[int, str]]:
    """``(source_id, fingerprint)`` of every suggestion stored on these sources."""
    return set(
        Suggestion.objects.filter(source_id__in=sorted(source_ids)).values_list(
            "source_id", "fingerprint"
        )
    )


def suggestions_for_list(
    *, source: Source | None = None, status: str = Suggestion.Status.OPEN
) -> QuerySet[Suggestion]:
    queryset = Suggestion.objects.select_related(
        "source", "claim", "highlight", "dispute", "decided_by"
    )
    if source is not None:
        queryset = queryset.filter(source=source)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by(
        "group", "source__published_on", "source_id", "start", "id"
    )


def suggestion_counts(*, source: Source) -> dict[str, int]:
    counts = Suggestion.objects.filter(source=source).aggregate(
        **{
            status: Count("id", filter=Q(status=status))
            for status in Suggestion.Status.values
        }
    )
    return counts
