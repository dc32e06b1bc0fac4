"""Reads for the consistency checks: reference data, known claims, texts, suggestions."""

from __future__ import annotations

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Max,
    Min,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat

from editorial.checks import Document, KnownClaim
from editorial.checks.desk_work import DeskWork, same_question
from editorial.checks.memory import checks_memory
from editorial.checks.reference import (
    OfficeRef,
    PersonRef,
    ReferenceData,
    TermRef,
    watch_from,
)
from editorial.checks.text import sentence_at, sentences
from editorial.checks.titles import not_in_reference
from editorial.models import (
    Claim,
    ClaimHighlight,
    Dispute,
    DisputeClaim,
    Highlight,
    Suggestion,
)
from reference.models import Office, Person, StoryEvent, StoryFigure, Term, lines
from sources.models import Revision, Source


def reference_data(*, stories: bool = True) -> ReferenceData:
    """The reference tables as plain values (three queries), with the stories'
    figures and events unless ``stories`` is false (two more)."""
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
    watches = (
        ((StoryFigure, "reference.storyfigure"), (StoryEvent, "reference.storyevent"))
        if stories
        else ()
    )
    for model, label in watches:
        for fields in model.objects.values(*_WATCH_FIELDS[label], "story__slug"):
            data.watched.setdefault(fields["story__slug"], []).append(
                watch_from(label, fields)
            )
    return data


_WATCH_FIELDS = {
    "reference.storyfigure": (
        "key",
        "question",
        "statement",
        "counted",
        "context",
        "excluded",
    ),
    "reference.storyevent": ("key", "question", "statement", "names", "as_news"),
}


def claims_stamp() -> tuple:
    """A value that changes with every write to claims, their links and highlights.

    Every such write goes through a service and leaves a history row (the desk's
    rule; ``editorial.history.audit`` checks it), deletions included, so the newest
    history row of each, with the counts of claims and links, changes with any of
    them. Five indexed queries, against three that read the whole desk.
    """
    newest = [
        model.history.aggregate(newest=Max("history_id"))["newest"]
        for model in (Claim, ClaimHighlight, Highlight)
    ]
    return (*newest, Claim.objects.count(), ClaimHighlight.objects.count())


def known_claims() -> list[KnownClaim]:
    """Every claim with its statement, its quotes and the sentences they stand in;
    the list read last when nothing was written to claims since (``claims_stamp``).

    Three queries whatever the number of claims (the claims, every highlight linked
    to a claim, the texts of highlighted revisions not read before: none when every
    sentence is known), each text read once, not once per highlight. The sentence a
    highlight stands in is kept in ``checks_memory`` by its revision's SHA-256 and its
    start: a revision's text never changes, so a run reads only new highlights' texts.
    """
    stamp = claims_stamp()
    known = checks_memory.known_claims(stamp)
    if known is None:
        known = _read_known_claims()
        checks_memory.keep_known_claims(stamp, known)
    return known


def _read_known_claims() -> list[KnownClaim]:
    kept = checks_memory.contexts
    checks_memory.bound_contexts()
    links: dict[int, list[tuple[str, int, str]]] = {}
    missing: set[int] = set()
    for claim_id, revision_id, sha256, start, exact in ClaimHighlight.objects.order_by(
        "id"
    ).values_list(
        "claim_id",
        "highlight__revision_id",
        "highlight__revision__sha256",
        "highlight__start",
        "highlight__exact",
    ):
        links.setdefault(claim_id, []).append((sha256, start, exact))
        if (sha256, start) not in kept:
            missing.add(revision_id)
    if missing:
        read = Revision.objects.filter(pk__in=sorted(missing)).values_list(
            "sha256", "body"
        )
        starts: dict[str, set[int]] = {}
        for found in links.values():
            for sha256, start, _ in found:
                starts.setdefault(sha256, set()).add(start)
        for sha256, body in read:
            split = sentences(body)
            for start in starts.get(sha256, ()):
                try:
                    kept[(sha256, start)] = sentence_at(split, start).text
                except ValueError:
                    kept[(sha256, start)] = None
    known = []
    for pk, statement in Claim.objects.values_list("pk", "statement"):
        quotes, contexts = [], []
        for sha256, start, exact in links.get(pk, ()):
            quotes.append(exact)
            context = kept.get((sha256, start))
            if context is not None:
                contexts.append(context)
        known.append(KnownClaim(pk, statement, tuple(quotes), tuple(contexts)))
    return known


def documents(*, linked_for=None) -> list[Document]:
    """Every source's current text, with the spans of its highlights tied to claims.

    The spans are read for the sources in ``linked_for`` only (default: all): the
    checks use them for the sources they check, never for the rest of the desk. Plain
    rows, not model instances: a desk of 5,000 sources and 100,000 links builds none.
    """
    rows = list(
        Source.objects.filter(current_revision__isnull=False)
        .order_by("pk")
        .values_list(
            "pk",
            "published_on",
            "current_revision_id",
            "current_revision__body",
            "current_revision__sha256",
            "title",
            "story__slug",
        )
    )
    links = ClaimHighlight.objects.all()
    if linked_for is not None:
        wanted = {int(pk) for pk in linked_for}
        links = links.filter(
            highlight__revision_id__in=sorted(
                revision for pk, _, revision, *_ in rows if pk in wanted
            )
        )
    linked: dict[int, set] = {}
    for claim_id, revision_id, start, end in links.values_list(
        "claim_id", "highlight__revision_id", "highlight__start", "highlight__end"
    ):
        linked.setdefault(revision_id, set()).add((start, end, claim_id))
    return [
        Document(
            str(pk),
            body,
            published_on,
            frozenset(linked.get(revision, ())),
            sha256,
            title,
            story or "",
        )
        for pk, published_on, revision, body, sha256, title, story in rows
    ]


def stories_of() -> dict[int, int | None]:
    """Each source's story, by source id (one query, plain values)."""
    return dict(Source.objects.values_list("pk", "story_id"))


def titles_not_in_reference(*, source: Source) -> list[str]:
    """Titles with a name in ``source``'s text whose office the reference data lacks.

    Four queries (the reference tables, the text); the text is read once, in time
    linear in its length.
    """
    body = (
        Revision.objects.filter(pk=source.current_revision_id)
        .values_list("body", flat=True)
        .first()
    )
    if not body:
        return []
    reader = checks_memory.readings.reader(reference_data(stories=False))
    parts = sentences(body)
    placed = [
        (item.start, item.end)
        for item in reader.attributions(str(source.pk), body, parts)
        if item.offices
    ]
    return not_in_reference(str(source.pk), body, parts, placed)


def desk_work(source_ids) -> DeskWork:
    """What the desk already has for these sources (three queries): the spans of their
    current texts tied to claims, the claims already proposed on each, and the claims
    of every open dispute by its question."""
    ids = sorted(source_ids)
    work = DeskWork()
    for source_id, start, end, claim_id in ClaimHighlight.objects.filter(
        highlight__source_id__in=ids,
        highlight__revision_id=F("highlight__source__current_revision_id"),
    ).values_list(
        "highlight__source_id", "highlight__start", "highlight__end", "claim_id"
    ):
        work.linked.setdefault(source_id, []).append((start, end, claim_id))
    work.proposed = set(
        Suggestion.objects.filter(source_id__in=ids, claim__isnull=False).values_list(
            "source_id", "kind", "claim_id"
        )
    )
    for question, claim_id in DisputeClaim.objects.filter(
        dispute__status=Dispute.Status.OPEN
    ).values_list("dispute__question", "claim_id"):
        work.disputed.setdefault(same_question(question), set()).add(claim_id)
    return work


def open_dispute_on(*, question: str, claims) -> Dispute | None:
    """The open dispute asking ``question`` (in any case and spacing) or holding one
    of ``claims`` as a position: a proposed dispute joins it rather than opening
    another."""
    wanted = same_question(question)
    open_ = Dispute.objects.filter(status=Dispute.Status.OPEN).order_by("pk")
    for dispute in open_.filter(positions__claim__in=list(claims)).distinct():
        return dispute
    for pk, asked in open_.values_list("pk", "question"):
        if wanted and same_question(asked) == wanted:
            return open_.get(pk=pk)
    return None


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


# Triage: the suggestions page groups, counts and pages what the checks propose. ------


def _unit():
    """What the page shows as one: a proposed dispute (its group, which names its
    story), or single findings of one kind stating the same thing in one story (the
    same number found 31 times is one unit)."""
    return Case(
        When(
            group="",
            then=Concat(
                Value("single:"),
                Coalesce(Cast("source__story_id", CharField()), Value("-")),
                Value(":"),
                F("kind"),
                Value(":"),
                F("statement"),
                output_field=TextField(),
            ),
        ),
        default=F("group"),
        output_field=TextField(),
    )


def suggestions_filtered(
    *, source=None, story=None, status: str = "", kind: str = ""
) -> QuerySet[Suggestion]:
    queryset = Suggestion.objects.all()
    if source is not None:
        queryset = queryset.filter(source=source)
    if story is not None:
        queryset = queryset.filter(source__story=story)
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def triage_units(queryset: QuerySet[Suggestion]):
    """One row per unit (``unit``, ``mentions``, ``story_name``), by story then
    question: what the page pages through."""
    return (
        queryset.annotate(unit=_unit())
        .values("unit")
        .annotate(
            mentions=Count("id"),
            story_name=Min("source__story__name"),
            first=Min("id"),
        )
        .order_by(F("story_name").asc(nulls_last=True), "unit")
    )


def triage_members(queryset: QuerySet[Suggestion], units) -> QuerySet[Suggestion]:
    """The suggestions of ``units`` (all of the queryset's with None), with what the
    page shows of each."""
    queryset = queryset.annotate(unit=_unit())
    if units is not None:
        queryset = queryset.filter(unit__in=list(units))
    return queryset.select_related(
        "source", "source__story", "claim", "highlight", "dispute", "decided_by"
    ).order_by("unit", "source__published_on", "source_id", "start", "id")


def counts_by_kind(queryset: QuerySet[Suggestion]) -> list[tuple[str, int]]:
    """``(kind label, count)`` of the filtered suggestions, every kind listed."""
    found = dict(queryset.values_list("kind").annotate(count=Count("id")))
    return [(label, found.get(kind, 0)) for kind, label in Suggestion.Kind.choices]
