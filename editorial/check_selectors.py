"""Reads for the consistency checks: reference data, known claims, texts, suggestions."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from reference.models import Office, Person, Term, lines
from sources.models import Source

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
    """Every claim with its statement, its quotes and the sentences they stand in."""
    links = ClaimHighlight.objects.select_related("highlight__revision").order_by("id")
    known = []
    split: dict[int, list] = {}  # each revision's sentences, computed once
    for claim in Claim.objects.prefetch_related(Prefetch("links", queryset=links)):
        quotes, contexts = [], []
        for link in claim.links.all():
            highlight = link.highlight
            quotes.append(highlight.exact)
            if highlight.revision_id not in split:
                split[highlight.revision_id] = sentences(highlight.revision.body)
            try:
                contexts.append(
                    sentence_at(split[highlight.revision_id], highlight.start).text
                )
            except ValueError:
                continue
        known.append(
            KnownClaim(claim.pk, claim.statement, tuple(quotes), tuple(contexts))
        )
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
