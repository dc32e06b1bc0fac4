"""Putting tags on claims and sources, and taking them off, with history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.history import clean_reason, delete_with_history, stamp
from core.roles import require_editor
from editorial.models import Claim, ClaimTag, SourceTag, Tag
from editorial.tags import names as tag_names
from sources.models import Source


def tag_for(name: str, *, user, reason: str) -> Tag:
    """The tag called ``name`` (normalised), made when the desk has none yet."""
    try:
        name = tag_names.normalise(name)
    except tag_names.BadTag as bad:
        raise ValidationError({"tags": str(bad)}) from bad
    existing = Tag.objects.filter(name=name).first()
    if existing:
        return existing
    slug = base = tag_names.slug_for(name)
    number = 2
    while Tag.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    tag = Tag(name=name, slug=slug, created_by=user)
    stamp(tag, user=user, reason=reason)
    try:
        with transaction.atomic():
            tag.save()
    except IntegrityError:  # someone made it at the same moment
        return Tag.objects.get(name=name)
    return tag


def _set_tags(*, owner_field: str, owner, model, text: str, user, reason: str):
    require_editor(user)
    reason = clean_reason(reason)
    try:
        wanted = tag_names.parse(text)
    except tag_names.BadTag as bad:
        raise ValidationError({"tags": str(bad)}) from bad
    with transaction.atomic():
        current = {
            tagging.tag.name: tagging
            for tagging in model.objects.select_related("tag")
            .select_for_update()
            .filter(**{owner_field: owner})
        }
        for name, tagging in current.items():
            if name not in wanted:
                delete_with_history(tagging, user=user, reason=reason)
        for name in wanted:
            if name in current:
                continue
            tagging = model(
                **{owner_field: owner},
                tag=tag_for(name, user=user, reason=reason),
                added_by=user,
            )
            stamp(tagging, user=user, reason=reason)
            tagging.save()
    return wanted


def claim_set_tags(*, claim: Claim, text: str, user, reason: str) -> list[str]:
    """Make ``claim``'s tags exactly those in ``text`` (comma-separated)."""
    return _set_tags(
        owner_field="claim",
        owner=claim,
        model=ClaimTag,
        text=text,
        user=user,
        reason=reason,
    )


def source_set_tags(*, source: Source, text: str, user, reason: str) -> list[str]:
    """Make ``source``'s tags exactly those in ``text`` (comma-separated)."""
    return _set_tags(
        owner_field="source",
        owner=source,
        model=SourceTag,
        text=text,
        user=user,
        reason=reason,
    )
