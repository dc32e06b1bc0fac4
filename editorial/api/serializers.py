"""The API's JSON for claims, and the checks on what a client sends."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.formats import date_format
from rest_framework import serializers

from editorial.claims import selectors as claim_selectors
from editorial.exports.annotations import w3c_datetime
from editorial.highlights import marks
from editorial.models import Claim, ClaimStatus, Stance


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _username(user):
    return user.get_username() if user is not None else None


def claim_summary(claim: Claim, request) -> dict:
    """A claim as lists show it; needs ``links`` with ``highlight__source`` loaded."""
    sources = {}
    for link in claim.links.all():
        source = link.highlight.source
        sources[source.pk] = {"id": source.pk, "title": source.title}
    return {
        "id": claim.pk,
        "url": _absolute(request, reverse("claims:detail", args=[claim.pk])),
        "statement": claim.statement,
        "status": claim.status,
        "status_label": claim.get_status_display(),
        "version": claim.version,
        "sources": list(sources.values()),
    }


def highlights_panel(highlights) -> list[dict]:
    """Highlights as the reader's side panel shows them, with their claims and evidence.

    Needs ``panel_links`` and each claim's ``panel_evidence``
    (``highlight_selectors.highlights_for_panel``). Claim links are desk paths, as the page's
    own links are.
    """
    status_labels = dict(ClaimStatus.choices)
    stance_labels = dict(Stance.choices)
    claim_url = reverse("claims:detail", args=[0]).removesuffix("0/") + "{}/"
    return [
        {
            "id": highlight.pk,
            "start": highlight.start,
            "end": highlight.end,
            "exact": highlight.exact,
            "status": marks.highlight_status(
                link.claim.status for link in highlight.panel_links
            ),
            "claims": [
                {
                    "id": link.claim.pk,
                    "statement": link.claim.statement,
                    "status": link.claim.status,
                    "statusLabel": status_labels[link.claim.status],
                    "stance": link.stance,
                    "stanceLabel": stance_labels[link.stance],
                    "url": claim_url.format(link.claim.pk),
                    "version": link.claim.version,
                    "assignedTo": _username(link.claim.assigned_to),
                    "priority": link.claim.priority,
                    "priorityLabel": link.claim.get_priority_display(),
                    "dueOn": link.claim.due_on.isoformat()
                    if link.claim.due_on
                    else None,
                    "dueOnLabel": date_format(link.claim.due_on, "j M Y")
                    if link.claim.due_on
                    else None,
                    "evidence": [
                        {
                            "url": evidence.url,
                            "citation": evidence.citation,
                            "note": evidence.note,
                            "supports": evidence.supports,
                        }
                        for evidence in link.claim.panel_evidence
                    ],
                }
                for link in highlight.panel_links
            ],
        }
        for highlight in highlights
    ]


def claim_data(claim: Claim, request) -> dict:
    """The whole claim: statement, status, verdict note, version, people and highlights."""
    if not hasattr(claim, "_prefetched_objects_cache"):
        claim = claim_selectors.claim_for_page(pk=claim.pk)
    return {
        "id": claim.pk,
        "url": _absolute(request, reverse("claims:detail", args=[claim.pk])),
        "api_url": _absolute(request, reverse("api:claim", args=[claim.pk])),
        "statement": claim.statement,
        "status": claim.status,
        "status_label": claim.get_status_display(),
        "verdict_note": claim.verdict_note,
        "version": claim.version,
        "created_at": w3c_datetime(claim.created_at),
        "created_by": _username(claim.created_by),
        "assigned_to": _username(claim.assigned_to),
        "reviewed_by": _username(claim.reviewed_by),
        "reviewed_at": w3c_datetime(claim.reviewed_at) if claim.reviewed_at else None,
        "highlights": [
            {
                "id": link.highlight.pk,
                "annotation": _absolute(
                    request, reverse("api:annotation", args=[link.highlight.pk])
                ),
                "stance": link.stance,
                "start": link.highlight.start,
                "end": link.highlight.end,
                "exact": link.highlight.exact,
                "source": {
                    "id": link.highlight.source.pk,
                    "title": link.highlight.source.title,
                    "url": link.highlight.source.url,
                    "page": _absolute(
                        request,
                        reverse("sources:detail", args=[link.highlight.source.pk]),
                    ),
                },
            }
            for link in claim.links.all()
        ],
    }


class ClaimChangeSerializer(serializers.Serializer):
    """What ``PATCH /api/claims/<id>/`` accepts. Only the fields sent are changed."""

    version = serializers.IntegerField(
        min_value=1,
        error_messages={
            "required": "Give the version you are changing (from GET), so no one "
            "else's change is overwritten."
        },
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    status = serializers.ChoiceField(
        choices=Claim.Status.choices,
        required=False,
        error_messages={
            "invalid_choice": "“{input}” is not a status. Choose one of: "
            + ", ".join(Claim.Status.values)
            + "."
        },
    )
    statement = serializers.CharField(required=False, max_length=2000)
    verdict_note = serializers.CharField(
        required=False, allow_blank=True, max_length=10000
    )
    assigned_to = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": "There is no active user “{value}”."},
    )

    priority = serializers.ChoiceField(choices=Claim.Priority.choices, required=False)
    due_on = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs):
        unknown = set(self.initial_data) - set(self.fields)
        if unknown:
            raise serializers.ValidationError(
                {name: "This field cannot be changed." for name in sorted(unknown)}
            )
        if "status" in attrs and not (attrs.get("reason") or "").strip():
            raise serializers.ValidationError(
                {
                    "reason": "Give a reason for the status change; it is kept in history."
                }
            )
        if set(attrs) <= {"version", "reason"}:
            raise serializers.ValidationError(
                "Nothing to change: send status, statement, verdict_note, assigned_to, "
                "priority or due_on."
            )
        return attrs
