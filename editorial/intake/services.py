"""The desk's writes for sources: importing them, then checking; new texts, then
re-anchoring.

The sources app stores sources and their revisions and knows nothing of the desk. A new
text moves the highlights that point into the old one, and a new source is worth
checking against the rest of the desk, so the desk's pages and commands import and
revise through these: each calls the sources app's service, then does the desk's part,
re-anchoring in the same transaction and the checks once the import is committed.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import clean_reason
from core.roles import require_editor
from editorial.checks.tasks import check_source
from editorial.highlights.reanchoring import reanchor_apply, reanchor_plan, summarise
from editorial.models import PendingImport
from sources import services as source_services
from sources.models import Source, Story


@transaction.atomic
def source_import_text(
    *, story: Story | None = None, **fields
) -> source_services.ImportResult:
    """Import a text as a new source (``sources.services.source_import_text`` takes the
    same arguments) in ``story`` or the story the desk proposes for it, then check it
    once the import is committed."""
    result = source_services.source_import_text(
        story=story, propose_story=story is None, **fields
    )
    if result.created:
        _check_after_commit(result.source, fields["user"])
    return result


def _check_after_commit(
    source: Source, user, reason: str = "Checks after import"
) -> None:
    """Queue the consistency checks (``editorial.checks.tasks``) once the import or
    revision is committed: a worker runs them, never the request.

    ``robust``: whatever enqueueing does, the import stands (failures are logged).
    """
    if not settings.EDITORIAL_CHECK_AFTER_IMPORT:
        return
    source_id, user_id = source.pk, getattr(user, "pk", None)
    transaction.on_commit(
        lambda: check_source.enqueue(source_id, user_id, reason), robust=True
    )


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
) -> source_services.ImportResult:
    """Give ``source`` a new text and keep its highlights on their words.

    The text is checked first (``sources.services.revision_check``: nothing is planned
    for a text that will be refused). Every live highlight is re-anchored on the new
    text (``editorial.highlights.anchoring``) and ends up anchored, moved or orphaned,
    each with a history row; the counts are kept on the revision.
    """
    reason = clean_reason(reason)
    source = source_services.revision_check(
        source=source, body=body, expected_number=expected_number
    )
    plan = reanchor_plan(source=source, body=body)
    counts = summarise(plan)
    result = source_services.revision_save(
        source=source,
        body=body,
        user=user,
        reason=reason,
        file_name=file_name,
        file_sha256=file_sha256,
        highlights_stayed=counts.stayed,
        highlights_moved=counts.moved,
        highlights_orphaned=counts.orphaned,
    )
    summary = reanchor_apply(
        plan=plan, revision=result.revision, user=user, reason=reason
    )
    _check_after_commit(source, user, "Checks after a new revision")
    return source_services.ImportResult(
        result.source,
        True,
        f"{result.message.removesuffix('.')}: {summary.message}.",
        revision=result.revision,
        summary=summary,
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
) -> source_services.ImportResult:
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
        or Source.objects.filter(
            revisions__sha256=source_services.sha256_text(extracted.body)
        ).first()
    )
    if known is not None:
        return source_services.ImportResult(
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


# Articles waiting for review on the import page (scratch rows, no history). ----------


@transaction.atomic
def pending_import_store(*, user, items: list[dict]) -> str:
    """Keep the articles read from one upload for ``user``'s review; returns the batch.

    Each item holds the article's ``body`` and its metadata; each gets a token the
    review form names it by. Any batch ``user`` had before is dropped.
    """
    require_editor(user)
    PendingImport.objects.filter(owner=user).delete()
    batch = uuid.uuid4().hex
    PendingImport.objects.bulk_create(
        PendingImport(
            owner=user,
            batch=batch,
            token=uuid.uuid4().hex,
            body=item["body"],
            metadata={key: value for key, value in item.items() if key != "body"},
        )
        for item in items
    )
    return batch


def pending_import_discard(*, user, batch: str | None = None) -> int:
    """Drop ``user``'s waiting articles (of ``batch`` only, when given): saved, or
    started again. Returns how many were dropped."""
    pending = PendingImport.objects.filter(owner=user)
    if batch is not None:
        pending = pending.filter(batch=batch)
    return pending.delete()[0]


def pending_imports_expire(*, now: datetime.datetime | None = None) -> int:
    """Drop every waiting article older than ``EDITORIAL_PENDING_IMPORT_HOURS``."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        hours=settings.EDITORIAL_PENDING_IMPORT_HOURS
    )
    return PendingImport.objects.filter(created_at__lt=cutoff).delete()[0]
