"""Writes to sources and their revisions. Every write records its user and reason in history."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from core.conflicts import EditConflict
from core.history import clean_reason, stamp
from core.roles import require_editor
from sources.metadata import METADATA_FIELDS
from sources.models import Revision, Source, Story
from sources.stories.services import story_for_new_source


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ImportResult:
    """What an import did: a new source, a new revision of one, or nothing (a duplicate)."""

    source: Source
    created: bool
    message: str
    revision: Revision | None = None
    #: For a new revision: what happened to whatever pointed into the old text, as
    #: the caller that moved it reports it (the desk's re-anchoring summary).
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
    story: Story | None = None,
    propose_story: bool = False,
) -> ImportResult:
    """Import a text as a new source with its first revision.

    The body is kept exactly as given. Importing a text the desk already has changes
    nothing and says which source holds it. The source goes in ``story``, or, with
    ``propose_story``, in the story the desk proposes for it
    (``sources.stories.services.story_for_new_source``).
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
    if story is not None or propose_story:
        source.story = story_for_new_source(
            text=text,
            published_on=source.published_on,
            title=source.title,
            user=user,
            reason=reason,
            story=story,
        )
    source.save(update_fields=["current_revision", "story"])
    del source.skip_history_when_saving
    Source.history.bulk_history_create(
        [source], default_user=user, default_change_reason=reason
    )
    return ImportResult(source, True, f"Imported source {source.pk}: “{source.title}”.")


@transaction.atomic
def source_update_metadata(
    *, source: Source, user, reason: str, expected_version: int | None = None, **changes
) -> Source:
    """Change a source's descriptive fields (``METADATA_FIELDS``), never its text.

    With ``expected_version``, a save based on an older version is refused with
    EditConflict and nothing is written.
    """
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


def revision_check(
    *, source: Source, body: str, expected_number: int | None = None
) -> Source:
    """The source, locked for a new text, once ``body`` is known to be one it may take.

    Must run inside ``transaction.atomic``. Refuses an empty or oversized text, the
    current text again, a text another revision already holds, and (with
    ``expected_number``) a text based on an older revision than the current one
    (StaleRevision). Nothing is written.
    """
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
    return source


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

    The old revisions stay as they were. Checked as ``revision_check`` checks. The desk
    moves its highlights onto the new text as well (``editorial.intake.services``),
    which is what its pages and commands call.
    """
    source = revision_check(source=source, body=body, expected_number=expected_number)
    return revision_save(
        source=source,
        body=body,
        user=user,
        reason=reason,
        file_name=file_name,
        file_sha256=file_sha256,
    )


def revision_save(
    *,
    source: Source,
    body: str,
    user,
    reason: str,
    file_name: str = "",
    file_sha256: str = "",
    highlights_stayed: int = 0,
    highlights_moved: int = 0,
    highlights_orphaned: int = 0,
) -> ImportResult:
    """Save ``body`` as ``source``'s new current revision, with history.

    Precondition: ``source`` comes from ``revision_check`` with the same ``body``, in
    the same transaction (it is locked and the text is known to be acceptable). The
    counts of highlights that stayed, moved or were orphaned are kept on the revision
    for whoever re-anchored them.
    """
    reason = clean_reason(reason)
    revision = Revision(
        source=source,
        number=source.revisions.count() + 1,
        body=body,
        sha256=sha256_text(body),
        created_by=user,
        reason=reason,
        file_name=file_name,
        file_sha256=file_sha256,
        highlights_stayed=highlights_stayed,
        highlights_moved=highlights_moved,
        highlights_orphaned=highlights_orphaned,
    )
    revision.full_clean()
    stamp(revision, user=user, reason=reason)
    revision.save()
    source.current_revision = revision
    stamp(source, user=user, reason=f"New text, revision {revision.number}: {reason}")
    source.save(update_fields=["current_revision"])
    return ImportResult(
        source,
        True,
        f"Saved revision {revision.number} of “{source.title}”.",
        revision=revision,
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
