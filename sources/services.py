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
    source: Source
    created: bool
    message: str


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
    return ImportResult(source, True, f"Imported source {source.pk}: “{source.title}”.")


METADATA_FIELDS = (
    "title",
    "publisher",
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
