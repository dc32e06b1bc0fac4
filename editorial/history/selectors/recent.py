"""The desk's recent changes (a page of every version of every object) and deleted objects.

A fixed number of queries per page, whatever the number of versions: the page's rows
come from one UNION over the history tables, then each kind's versions and the ones
before them (for the diffs) in one query per kind.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.fields import CharField

from editorial.models import ClaimHighlight, DisputeClaim, Highlight
from sources.models import Source
from sources.search import source_named as source_named_condition

from .versions import KINDS, Change, _attach_users, _newest_first, _rows, _to_changes


def _source_condition(slug: str, sources) -> Q:
    """Rows of kind ``slug`` that concern ``sources`` (ids, or a query of them; deleted
    objects included)."""
    highlights = Highlight.history.filter(source_id__in=sources).values("id")
    claims = ClaimHighlight.history.filter(highlight_id__in=highlights).values(
        "claim_id"
    )
    return {
        "source": Q(id__in=sources),
        "revision": Q(source_id__in=sources),
        "highlight": Q(source_id__in=sources),
        "link": Q(highlight_id__in=highlights),
        "claim": Q(id__in=claims),
        "evidence": Q(claim_id__in=claims),
        "position": Q(claim_id__in=claims),
        "dispute": Q(
            id__in=DisputeClaim.history.filter(claim_id__in=claims).values("dispute_id")
        ),
        "claim-tag": Q(claim_id__in=claims),
        "source-tag": Q(source_id__in=sources),
    }[slug]


def recent_changes(
    *,
    user_id: int | None = None,
    kind: str | None = None,
    source_id: int | None = None,
    source_named: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
):
    """Every version of every object on the desk, newest first, as one queryset of
    ``(history_id, history_date, kind)`` (a UNION over the history tables).

    ``source_id`` keeps one source's changes; ``source_named`` those of the sources
    whose title or publisher contains those words (deleted sources included).
    """
    sources = None
    if source_id:
        sources = [source_id]
    if source_named.strip():
        named = Source.history.filter(source_named_condition(source_named))
        named = named.values("id").distinct()
        sources = named if sources is None else named.filter(id__in=sources)
    parts = []
    for slug, item in KINDS.items():
        if kind and slug != kind:
            continue
        condition = Q()
        if user_id:
            condition &= Q(history_user_id=user_id)
        if since:
            condition &= Q(history_date__date__gte=since)
        if until:
            condition &= Q(history_date__date__lte=until)
        if sources is not None:
            condition &= _source_condition(slug, sources)
        parts.append(
            item.model.history.filter(condition)
            .annotate(desk_kind=Value(slug, output_field=CharField()))
            .values_list("history_id", "history_date", "desk_kind")
            .order_by()
        )
    if not parts:
        return Highlight.history.none().values_list("history_id", "history_date")
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-history_date", "-history_id")


def changes_for_page(page_rows) -> list[Change]:
    """Turn a page of ``recent_changes`` rows into Changes with their diffs."""
    wanted = defaultdict(set)
    for history_id, _, slug in page_rows:
        wanted[slug].add(history_id)
    changes = []
    for slug, ids in wanted.items():
        kind = KINDS[slug]
        history = kind.model.history.model
        object_ids = history.objects.filter(history_id__in=ids).values("id")
        # The wanted rows and the earlier versions of the same objects, for the diffs.
        rows = _rows(
            kind, Q(history_id__in=ids) | Q(id__in=object_ids, history_id__lt=max(ids))
        )
        changes += _to_changes(kind, rows, wanted=ids)
    _attach_users(changes)
    return _newest_first(changes)


# Deleted objects -----------------------------------------------------------------------

RESTORABLE = ("claim", "highlight", "evidence")


def deleted_objects() -> list[Change]:
    """Claims, highlights and evidence that were deleted and not restored, newest first."""
    changes = []
    for slug in RESTORABLE:
        kind = KINDS[slug]
        history = kind.model.history.model
        latest = history.objects.filter(
            id=OuterRef("id"), history_id__gt=OuterRef("history_id")
        )
        deletions = (
            history.objects.filter(history_type="-")
            .exclude(Exists(latest))
            .values("history_id")
        )
        rows = _rows(kind, Q(history_id__in=deletions))
        changes += _to_changes(kind, rows)
    _attach_users(changes)
    return _newest_first(changes)
