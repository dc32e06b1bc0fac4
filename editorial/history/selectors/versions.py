"""Versions of the desk's objects: timelines with their diffs, one version, a claim as of a moment.

Every function here runs a fixed number of queries, whatever the number of versions:
history rows are fetched per model in one query, paired with the version before in
Python, and users are looked up once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from core.diffs import FieldChange, changed_fields
from editorial.models import (
    Claim,
    ClaimHighlight,
    ClaimTag,
    Dispute,
    DisputeClaim,
    Evidence,
    Highlight,
    SourceTag,
)
from sources.models import Revision, Source

from .describe import describe


@dataclass(frozen=True)
class Kind:
    """A kind of object whose history the desk shows."""

    slug: str
    label: str
    model: type
    long_text: frozenset = frozenset()
    hidden: frozenset = frozenset({"id", "uid"})
    users: frozenset = frozenset()
    #: Values read through a relation with each row (a tagging's tag's name), so a
    #: version describes itself without a query per row.
    extra: tuple = ()


KINDS = {
    kind.slug: kind
    for kind in [
        Kind(
            "source",
            "source",
            Source,
            frozenset({"published_on_note", "title"}),
            users=frozenset({"imported_by_id"}),
        ),
        Kind(
            "revision",
            "revision",
            Revision,
            frozenset({"body"}),
            users=frozenset({"created_by_id"}),
        ),
        Kind(
            "highlight",
            "highlight",
            Highlight,
            frozenset({"exact"}),
            users=frozenset({"created_by_id"}),
        ),
        Kind(
            "claim",
            "claim",
            Claim,
            frozenset({"statement", "verdict_note"}),
            users=frozenset({"created_by_id", "assigned_to_id", "reviewed_by_id"}),
        ),
        Kind(
            "link",
            "claim–highlight link",
            ClaimHighlight,
            users=frozenset({"created_by_id"}),
        ),
        Kind(
            "evidence",
            "evidence",
            Evidence,
            frozenset({"note", "citation"}),
            users=frozenset({"added_by_id"}),
        ),
        Kind(
            "dispute",
            "dispute",
            Dispute,
            frozenset({"question", "resolution_note"}),
            users=frozenset({"created_by_id", "resolved_by_id"}),
        ),
        Kind(
            "position",
            "dispute position",
            DisputeClaim,
            users=frozenset({"added_by_id"}),
        ),
        Kind(
            "claim-tag",
            "tag on a claim",
            ClaimTag,
            users=frozenset({"added_by_id"}),
            extra=("tag__name",),
        ),
        Kind(
            "source-tag",
            "tag on a source",
            SourceTag,
            users=frozenset({"added_by_id"}),
            extra=("tag__name",),
        ),
    ]
}
KIND_BY_MODEL = {kind.model: kind for kind in KINDS.values()}

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass
class Change:
    """One version of one object, with what changed since the version before."""

    kind: Kind
    object_id: int
    history_id: int
    when: datetime.datetime
    user: object
    reason: str
    history_type: str
    title: str
    values: dict
    changes: list[FieldChange] = field(default_factory=list)
    previous_history_id: int | None = None
    #: Set by ``describe``: the object in words, as parts and as plain text, and the
    #: changed fields an editor rarely needs (offsets, keys), shown folded.
    subject: list = field(default_factory=list)
    summary: str = ""
    technical: list[FieldChange] = field(default_factory=list)

    @property
    def action(self) -> str:
        return ACTIONS[self.history_type]

    @property
    def anchor(self) -> str:
        return f"{self.kind.slug}-{self.history_id}"

    @property
    def version(self):
        return self.values.get("version")


def _field_labels(kind: Kind) -> dict[str, str]:
    history = kind.model.history.model
    live = {f.attname for f in kind.model._meta.concrete_fields}
    labels = {}
    for f in history._meta.concrete_fields:
        if (
            f.name.startswith("history_")
            or f.attname not in live
            or f.attname in kind.hidden
        ):
            continue
        labels[f.attname] = str(f.verbose_name)
    return labels


def _title(kind: Kind, values: dict) -> str:
    if "tag__name" in values:
        return f"tag “{values['tag__name']}”"
    model = kind.model
    instance = model(
        **{
            name: values[name]
            for name in values
            if name in {f.attname for f in model._meta.concrete_fields}
        }
    )
    return str(instance)


def _rows(kind: Kind, condition: Q) -> list[dict]:
    history = kind.model.history.model
    names = [f.attname for f in history._meta.concrete_fields]
    return list(
        history.objects.filter(condition)
        .order_by("id", "history_id")
        .values(*names, *kind.extra)
    )


def _to_changes(
    kind: Kind, rows: list[dict], wanted: set[int] | None = None
) -> list[Change]:
    """Pair each row with the one before it of the same object (rows ordered by id, history_id)."""
    labels = _field_labels(kind)
    out = []
    previous: dict | None = None
    for row in rows:
        if previous is not None and previous["id"] != row["id"]:
            previous = None
        if wanted is None or row["history_id"] in wanted:
            values = (
                {name: row[name] for name in labels}
                | {"id": row["id"]}
                | {name: row[name] for name in kind.extra}
            )
            before = (
                None if previous is None else {name: previous[name] for name in labels}
            )
            changes = (
                []
                if row["history_type"] == "-"
                else changed_fields(before, values, labels, kind.long_text)
            )
            out.append(
                Change(
                    kind=kind,
                    object_id=row["id"],
                    history_id=row["history_id"],
                    when=row["history_date"],
                    user=row["history_user_id"],
                    reason=row["history_change_reason"] or "",
                    history_type=row["history_type"],
                    title=_title(kind, values),
                    values=values,
                    changes=changes,
                    previous_history_id=None
                    if previous is None
                    else previous["history_id"],
                )
            )
        previous = row
    return out


def _attach_users(changes: list[Change]) -> None:
    """Replace user ids (the actor and user fields) by users, in one query, then say
    what each object is (``describe``: four more queries)."""
    ids = set()
    for change in changes:
        ids.add(change.user)
        for item in change.changes:
            if item.name in change.kind.users:
                ids.update({item.old, item.new})
    ids.discard(None)
    users = get_user_model().objects.in_bulk(ids) if ids else {}
    for change in changes:
        change.user = users.get(change.user)
        change.changes = [
            FieldChange(
                item.name,
                item.label,
                users.get(item.old, item.old),
                users.get(item.new, item.new),
                item.pieces,
            )
            if item.name in change.kind.users
            else item
            for item in change.changes
        ]
    describe(changes)


def _newest_first(changes: list[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (c.when, c.history_id), reverse=True)


def claim_timeline(*, claim_id: int) -> list[Change]:
    """The story of a claim in one list: its versions, its links to highlights, the
    highlights themselves, its evidence and its dispute positions, newest first."""
    link_rows = _rows(KINDS["link"], Q(claim_id=claim_id))
    highlight_ids = {row["highlight_id"] for row in link_rows}
    changes = [
        *_to_changes(KINDS["claim"], _rows(KINDS["claim"], Q(id=claim_id))),
        *_to_changes(KINDS["link"], link_rows),
        *_to_changes(
            KINDS["highlight"], _rows(KINDS["highlight"], Q(id__in=highlight_ids))
        ),
        *_to_changes(KINDS["evidence"], _rows(KINDS["evidence"], Q(claim_id=claim_id))),
        *_to_changes(KINDS["position"], _rows(KINDS["position"], Q(claim_id=claim_id))),
        *_to_changes(
            KINDS["claim-tag"], _rows(KINDS["claim-tag"], Q(claim_id=claim_id))
        ),
    ]
    _attach_users(changes)
    return _newest_first(changes)


def source_timeline(*, source_id: int) -> list[Change]:
    """A source's metadata versions, its revisions and the highlights made on it, newest first."""
    highlight_rows = _rows(KINDS["highlight"], Q(source_id=source_id))
    highlight_ids = {row["id"] for row in highlight_rows}
    changes = [
        *_to_changes(KINDS["source"], _rows(KINDS["source"], Q(id=source_id))),
        *_to_changes(
            KINDS["revision"], _rows(KINDS["revision"], Q(source_id=source_id))
        ),
        *_to_changes(KINDS["highlight"], highlight_rows),
        *_to_changes(
            KINDS["link"], _rows(KINDS["link"], Q(highlight_id__in=highlight_ids))
        ),
        *_to_changes(
            KINDS["source-tag"], _rows(KINDS["source-tag"], Q(source_id=source_id))
        ),
    ]
    _attach_users(changes)
    return _newest_first(changes)


def version_of(*, kind: Kind, history_id: int) -> Change | None:
    """One version of one object with its diff against the version before."""
    history = kind.model.history.model
    row = history.objects.filter(history_id=history_id).values("id").first()
    if row is None:
        return None
    rows = _rows(kind, Q(id=row["id"], history_id__lte=history_id))
    changes = _to_changes(kind, rows, wanted={history_id})
    _attach_users(changes)
    return changes[0] if changes else None


# As of ---------------------------------------------------------------------------------


@dataclass
class ClaimAsOf:
    claim: Claim
    history_id: int
    when: datetime.datetime
    links: list
    evidence: list


def claim_as_of(
    *, claim_id: int, at: datetime.datetime | None = None, history_id: int | None = None
) -> ClaimAsOf | None:
    """The claim, its highlights and evidence exactly as they stood at ``at`` (or at a version)."""
    rows = Claim.history.filter(id=claim_id)
    if history_id is not None:
        row = rows.filter(history_id=history_id).first()
    else:
        row = (
            rows.filter(history_date__lte=at)
            .order_by("-history_date", "-history_id")
            .first()
        )
    if row is None or row.history_type == "-":
        return None
    moment = row.history_date
    links = _live_as_of(ClaimHighlight, moment, Q(claim_id=claim_id))
    highlights = {
        h.id: h
        for h in _live_as_of(
            Highlight, moment, Q(id__in=[link.highlight_id for link in links])
        )
    }
    sources = Source.objects.in_bulk({h.source_id for h in highlights.values()})
    for link in links:
        link.highlight_as_of = highlights.get(link.highlight_id)
        link.source_now = (
            sources.get(link.highlight_as_of.source_id)
            if link.highlight_as_of
            else None
        )
    evidence = _live_as_of(Evidence, moment, Q(claim_id=claim_id))
    return ClaimAsOf(row.instance, row.history_id, moment, links, evidence)


def _live_as_of(model, moment, condition: Q) -> list:
    """Objects of ``model`` matching ``condition`` as they were at ``moment`` (one query)."""
    history = model.history.model
    later = history.objects.filter(
        id=OuterRef("id"),
        history_date__lte=moment,
        history_id__gt=OuterRef("history_id"),
    )
    rows = (
        history.objects.filter(condition, history_date__lte=moment)
        .exclude(Exists(later))
        .exclude(history_type="-")
        .order_by("id")
    )
    return [row.instance for row in rows]
