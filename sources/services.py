"""Writes to sources and their revisions. Every write records its user and reason in history."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from editorial.history import clean_reason, stamp

from .models import Revision, Source


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ImportResult:
    """What an import did: a new source, a new revision of one, or nothing (a duplicate)."""

    source: Source
    created: bool
    message: str
    revision: Revision | None = None
    #: For a new revision: what happened to the source's highlights
    #: (``editorial.anchoring_services.ReanchorSummary``).
    summary: object = None


def title_from_text(text: str) -> str:
    """The first non-empty line: plain-text articles carry their title there."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:500]
    return ""


@transaction.atomic
def source_import_text(
    *,
    text: str,
    user,
    reason: str = "Imported",
    title: str | None = None,
    publisher: str = "",
    author: str = "",
    url: str = "",
    kind: str = Source.Kind.NEWS_ARTICLE,
    language: str = "en",
    published_on: date | None = None,
    published_on_note: str = "",
    file_name: str = "",
    original_sha256: str | None = None,
) -> ImportResult:
    """Import a text as a new source with its first revision.

    The body is kept exactly as given. Importing a text the desk already has changes
    nothing and says which source holds it.
    """
    reason = clean_reason(reason)
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(
            {"body": "The text is empty; there is nothing to import."}
        )
    if len(text) > settings.EDITORIAL_MAX_BODY_CHARS:
        raise ValidationError(
            {
                "body": f"The text has {len(text):,} characters; the limit is {settings.EDITORIAL_MAX_BODY_CHARS:,}."
            }
        )
    body_sha = sha256_text(text)
    source_sha = original_sha256 or body_sha
    existing = (
        Source.objects.filter(sha256=source_sha).first()
        or Source.objects.filter(revisions__sha256=body_sha).first()
        or Source.objects.filter(revisions__file_sha256=source_sha).first()
    )
    if existing is not None:
        return ImportResult(
            existing,
            False,
            f"Already imported as source {existing.pk}: “{existing.title}”.",
        )

    source = Source(
        title=(title or title_from_text(text)).strip(),
        publisher=publisher,
        author=author,
        url=url,
        kind=kind,
        language=language,
        published_on=published_on,
        published_on_note=published_on_note,
        sha256=source_sha,
        file_name=file_name,
        imported_by=user,
    )
    source.full_clean(exclude=["current_revision"])
    # The source's first history row is written once, below, when it has its text.
    source.skip_history_when_saving = True
    source.save()
    revision = Revision(
        source=source,
        number=1,
        body=text,
        sha256=body_sha,
        created_by=user,
        reason=reason,
        file_name=file_name,
        file_sha256=original_sha256 or "",
    )
    revision.full_clean()
    stamp(revision, user=user, reason=reason)
    revision.save()
    source.current_revision = revision
    source.save(update_fields=["current_revision"])
    del source.skip_history_when_saving
    Source.history.bulk_history_create(
        [source], default_user=user, default_change_reason=reason
    )
    _check_after_commit(source, user)
    return ImportResult(source, True, f"Imported source {source.pk}: “{source.title}”.")


def _check_after_commit(source: Source, user) -> None:
    """Run the consistency checks once the import is committed.

    ``robust``: whatever the checks do, the import stands (failures are logged).
    """
    if not settings.EDITORIAL_CHECK_AFTER_IMPORT:
        return
    from editorial.check_services import checks_after_import

    transaction.on_commit(
        lambda: checks_after_import(source.pk, getattr(user, "pk", None)), robust=True
    )


METADATA_FIELDS = (
    "title",
    "publisher",
    "author",
    "url",
    "kind",
    "language",
    "published_on",
    "published_on_note",
)


@transaction.atomic
def source_update_metadata(
    *, source: Source, user, reason: str, expected_version: int | None = None, **changes
) -> Source:
    """Change a source's descriptive fields. Its text is never touched here.

    With ``expected_version``, a save based on an older version is refused with
    EditConflict and nothing is written.
    """
    from editorial.services import EditConflict, require_editor

    unknown = set(changes) - set(METADATA_FIELDS)
    if unknown:
        raise ValidationError(
            {name: "This field cannot be changed here." for name in sorted(unknown)}
        )
    require_editor(user)
    source = Source.objects.select_for_update().get(pk=source.pk)
    if expected_version is not None and source.version != expected_version:
        raise EditConflict(source, expected_version)
    for name, value in changes.items():
        setattr(source, name, value)
    source.version += 1
    source.full_clean()
    stamp(source, user=user, reason=reason)
    source.save(update_fields=[*changes, "version"])
    return source


# Revisions -----------------------------------------------------------------------------


class StaleRevision(ValidationError):
    """The source got a newer revision after the editor started from an older one."""


@transaction.atomic
def revision_create(
    *,
    source: Source,
    body: str,
    user,
    reason: str,
    file_name: str = "",
    file_sha256: str = "",
    expected_number: int | None = None,
) -> ImportResult:
    """Give ``source`` a new text: a correction, or a newer version of the article.

    The old revisions stay as they were. Every live highlight is re-anchored on the new
    text (``editorial.anchoring``) and ends up anchored, moved or orphaned, each with a
    history row; the counts are kept on the revision. With ``expected_number``, a
    revision based on an older text than the current one is refused (StaleRevision).
    """
    from editorial.anchoring_services import reanchor_apply, reanchor_plan, summarise

    reason = clean_reason(reason)
    source = (
        Source.objects.select_for_update(of=("self",))
        .select_related("current_revision")
        .get(pk=source.pk)
    )
    current = source.current_revision
    if expected_number is not None and current.number != expected_number:
        raise StaleRevision(
            f"The source has a newer text (revision {current.number}) than the one "
            f"you started from (revision {expected_number}). Nothing was saved; "
            "look at the new text and try again."
        )
    _check_body(body)
    body_sha = sha256_text(body)
    if body_sha == current.sha256:
        raise ValidationError(
            {
                "body": f"The text is the same as revision {current.number}; there is nothing to save."
            }
        )
    clash = Revision.objects.filter(sha256=body_sha).select_related("source").first()
    if clash is not None:
        where = (
            "of this source"
            if clash.source_id == source.pk
            else f"of source {clash.source_id} (“{clash.source.title}”)"
        )
        raise ValidationError(
            {"body": f"This text is already revision {clash.number} {where}."}
        )
    plan = reanchor_plan(source=source, body=body)
    counts = summarise(plan)
    revision = Revision(
        source=source,
        number=source.revisions.count() + 1,
        body=body,
        sha256=body_sha,
        created_by=user,
        reason=reason,
        file_name=file_name,
        file_sha256=file_sha256,
        highlights_stayed=counts.stayed,
        highlights_moved=counts.moved,
        highlights_orphaned=counts.orphaned,
    )
    revision.full_clean()
    stamp(revision, user=user, reason=reason)
    revision.save()
    source.current_revision = revision
    stamp(source, user=user, reason=f"New text, revision {revision.number}: {reason}")
    source.save(update_fields=["current_revision"])
    summary = reanchor_apply(plan=plan, revision=revision, user=user, reason=reason)
    return ImportResult(
        source,
        True,
        f"Saved revision {revision.number} of “{source.title}”: {summary.message}.",
        revision=revision,
        summary=summary,
    )


def _check_body(text) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ValidationError({"body": "The text is empty; there is nothing to save."})
    if len(text) > settings.EDITORIAL_MAX_BODY_CHARS:
        raise ValidationError(
            {
                "body": f"The text has {len(text):,} characters; the limit is {settings.EDITORIAL_MAX_BODY_CHARS:,}."
            }
        )


@transaction.atomic
def source_import_extracted(
    *,
    extracted,
    user,
    reason: str,
    revision_of: Source | None = None,
    match_url: bool = True,
    **metadata,
) -> ImportResult:
    """Import an article read from a file (``sources.extract.Extracted``).

    It becomes a new revision of ``revision_of`` when given, or (with ``match_url``)
    of the one source with the same URL; otherwise a new source. ``metadata`` overrides what the file says.
    A file or text the desk already has changes nothing and says where it is.
    """
    reason = clean_reason(reason)
    fields = {**extracted.metadata(), **metadata}
    known = (
        Source.objects.filter(sha256=extracted.file_sha256).first()
        or Source.objects.filter(revisions__file_sha256=extracted.file_sha256).first()
        or Source.objects.filter(revisions__sha256=sha256_text(extracted.body)).first()
    )
    if known is not None:
        return ImportResult(
            known, False, f"Already imported as source {known.pk}: “{known.title}”."
        )
    if revision_of is None and match_url and fields.get("url"):
        same_url = list(Source.objects.filter(url=fields["url"])[:3])
        if len(same_url) > 1:
            raise ValidationError(
                {
                    "url": f"Sources {', '.join(str(s.pk) for s in same_url)} all have the address "
                    f"{fields['url']}; choose which one this is a newer version of."
                }
            )
        revision_of = same_url[0] if same_url else None
    if revision_of is not None:
        return revision_create(
            source=revision_of,
            body=extracted.body,
            user=user,
            reason=reason,
            file_name=extracted.file_name,
            file_sha256=extracted.file_sha256,
        )
    return source_import_text(
        text=extracted.body,
        user=user,
        reason=reason,
        file_name=extracted.file_name,
        original_sha256=extracted.file_sha256,
        **fields,
    )
