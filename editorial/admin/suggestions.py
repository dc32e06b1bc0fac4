"""The checks' suggestions in the admin: read-only, decided through the check services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from core.admin import DeskModelAdmin, refusals
from editorial.checks import services as check_services
from editorial.models import Suggestion


def _decide(modeladmin, request, queryset, decide, done: str) -> None:
    """Apply ``decide`` to each open suggestion selected; report refusals one by one."""
    decided = 0
    for suggestion in queryset.filter(status=Suggestion.Status.OPEN):
        try:
            decide(suggestion)
        except (PermissionDenied, ValidationError) as error:
            text = " ".join(getattr(error, "messages", [])) or str(error)
            modeladmin.message_user(
                request, f"Suggestion {suggestion.pk}: {text}", messages.ERROR
            )
            continue
        decided += 1
    modeladmin.message_user(
        request, f"{decided} suggestion(s) {done}.", messages.SUCCESS
    )


@admin.action(description="Accept selected suggestions", permissions=["change"])
def accept(modeladmin, request, queryset):
    """Each through ``suggestion_accept``: its highlight, claim and evidence are made."""

    def accept_one(suggestion):
        if suggestion.group:
            raise ValidationError(
                "It is a position of a proposed dispute; accept the dispute on the "
                "suggestions page."
            )
        check_services.suggestion_accept(
            suggestion=suggestion, user=request.user, reason="Accepted in the admin"
        )

    _decide(modeladmin, request, queryset, accept_one, "accepted")


@admin.action(description="Dismiss selected suggestions", permissions=["change"])
def dismiss(modeladmin, request, queryset):
    """Each through ``suggestion_dismiss``: kept, and never proposed again."""
    _decide(
        modeladmin,
        request,
        queryset,
        lambda suggestion: check_services.suggestion_dismiss(
            suggestion=suggestion, user=request.user, reason="Dismissed in the admin"
        ),
        "dismissed",
    )


@admin.register(Suggestion)
class SuggestionAdmin(DeskModelAdmin):
    """Suggestions are made by the checks and decided on the desk's suggestions page,
    or here with the list's actions, through the same services."""

    list_display = ["__str__", "kind", "source", "status", "decided_by", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["exact", "statement", "decision_reason", "source__title"]
    list_select_related = ["source", "decided_by"]
    readonly_fields = [
        "kind",
        "source",
        "revision",
        "start",
        "end",
        "exact",
        "statement",
        "explanation",
        "evidence",
        "group",
        "question",
        "claim",
        "highlight",
        "dispute",
        "fingerprint",
        "status",
        "decided_by",
        "decided_at",
        "decision_reason",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False

    actions = [accept, dismiss]

    def save_model(self, request, obj, form, change):
        """Every field is read-only: a change writes nothing, a revert is refused."""
        with refusals():
            if self.reverting_to(request) is not None:
                raise ValidationError(
                    "A suggestion is not reverted: accept or dismiss it on the "
                    "suggestions page."
                )

    def has_delete_permission(self, request, obj=None):
        # A dismissed suggestion is what keeps the checks from proposing the same
        # words again; no service deletes one.
        return False
