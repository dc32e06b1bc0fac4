"""Disputes and their positions in the admin, saved through the dispute services.

A dispute is opened with ``dispute_open``, resolved with ``dispute_resolve`` (a
reviewer), reopened with ``dispute_reopen`` (a reviewer); a position is added with
``dispute_add_claim``. What no service does (rewording a question, moving or taking
out a position, deleting a dispute, reverting either) the admin does not do either.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import ManyToManyRawIdWidget
from django.core.exceptions import ValidationError

from core.admin import DeskModelAdmin, ReadOnlyInline, ReasonForm, refusals
from editorial.disputes import services as dispute_services
from editorial.models import Claim, Dispute, DisputeClaim

from .common import take_saved


class DisputePositionInline(ReadOnlyInline):
    model = DisputeClaim
    fields = ["claim", "claim_status", "added_by", "added_at"]
    readonly_fields = fields

    @admin.display(description="status")
    def claim_status(self, position):
        return position.claim.get_status_display()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim", "added_by")


class DisputeOpenForm(ReasonForm):
    """The admin's add form: a question and the claims compared (``dispute_open``)."""

    positions = forms.ModelMultipleChoiceField(
        queryset=Claim.objects.none(),
        label="Claims compared",
        help_text="At least two claims, each one a position in the dispute.",
    )


class DisputeResolveForm(ReasonForm):
    """An open dispute's change form: resolving needs the supported position."""

    chosen = forms.ModelChoiceField(
        queryset=Claim.objects.none(),
        required=False,
        label="Position the evidence supports",
        help_text=(
            "Needed to resolve the dispute. The other positions become false; to "
            "give one of them another verdict, resolve the dispute on its page."
        ),
    )


@admin.register(Dispute)
class DisputeAdmin(DeskModelAdmin):
    list_display = ["__str__", "status", "created_by", "created_at", "resolved_by"]
    list_filter = ["status", "resolved_by"]
    search_fields = ["question", "resolution_note", "claims__statement"]
    list_select_related = ["created_by", "resolved_by"]
    readonly_fields = [
        "question",
        "created_by",
        "created_at",
        "resolved_by",
        "resolved_at",
        "version",
    ]
    inlines = [DisputePositionInline]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["question", "positions"]
        chosen = ["chosen"] if obj.status == Dispute.Status.OPEN else []
        return [
            "question",
            "status",
            *chosen,
            "resolution_note",
            "created_by",
            "created_at",
            "resolved_by",
            "resolved_at",
            "version",
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fields = super().get_readonly_fields(request, obj)
        # The note is written when resolving; a resolved dispute's note stays.
        if obj.status != Dispute.Status.OPEN:
            fields = [*fields, "resolution_note"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = DisputeOpenForm
        elif obj.status == Dispute.Status.OPEN:
            kwargs["form"] = DisputeResolveForm
        form = super().get_form(request, obj, change, **kwargs)
        # Fields of this request's form class only: the declared ones are shared.
        if obj is None:
            form.base_fields["positions"] = forms.ModelMultipleChoiceField(
                queryset=Claim.objects.all(),
                label=DisputeOpenForm.base_fields["positions"].label,
                help_text=DisputeOpenForm.base_fields["positions"].help_text,
                widget=ManyToManyRawIdWidget(
                    Dispute._meta.get_field("claims").remote_field, self.admin_site
                ),
            )
        elif obj.status == Dispute.Status.OPEN:
            chosen = DisputeResolveForm.base_fields["chosen"]
            form.base_fields["chosen"] = forms.ModelChoiceField(
                queryset=obj.claims.order_by("pk"),
                required=False,
                label=chosen.label,
                help_text=chosen.help_text,
            )
        return form

    def save_model(self, request, obj, form, change):
        """Open, resolve or reopen through the dispute services, so their rules hold.

        Resolving and reopening need a reviewer; opening needs an editor. A revert from
        the history page is refused: a dispute moves only by resolving and reopening.
        """
        user, reason = request.user, form.cleaned_data["change_reason"]
        with refusals():
            if self.reverting_to(request) is not None:
                raise ValidationError(
                    "A dispute is not reverted: resolve or reopen it here or on the "
                    "dispute's page."
                )
            if change:
                saved = _save_dispute_edits(obj, form, user=user, reason=reason)
            else:
                saved = dispute_services.dispute_open(
                    question=obj.question,
                    claims=form.cleaned_data["positions"],
                    user=user,
                    reason=reason,
                )
        take_saved(obj, saved)

    def has_delete_permission(self, request, obj=None):
        # No service deletes a dispute: its resolution and positions stay on record.
        return False


def _save_dispute_edits(edited: Dispute, form, *, user, reason: str) -> Dispute:
    """Resolve or reopen the stored dispute as the admin form asks; nothing else."""
    changed = [name for name in form.changed_data if name != "change_reason"]
    stored = Dispute.objects.get(pk=edited.pk)
    if "status" in changed and edited.status == Dispute.Status.RESOLVED:
        chosen = form.cleaned_data.get("chosen")
        if chosen is None:
            raise ValidationError(
                {"chosen": "Choose the position the evidence supports to resolve."}
            )
        return dispute_services.dispute_resolve(
            dispute=stored,
            chosen=chosen,
            note=edited.resolution_note,
            user=user,
            reason=reason,
        )
    if "status" in changed and edited.status == Dispute.Status.OPEN:
        return dispute_services.dispute_reopen(dispute=stored, user=user, reason=reason)
    if changed:
        raise ValidationError(
            "A dispute changes here only by resolving it (status, the position the "
            "evidence supports and a note) or by reopening it."
        )
    return stored


@admin.register(DisputeClaim)
class PositionAdmin(DeskModelAdmin):
    list_display = ["dispute", "claim", "added_by", "added_at"]
    list_filter = ["dispute"]
    search_fields = ["dispute__question", "claim__statement"]
    list_select_related = ["dispute", "claim", "added_by"]
    raw_id_fields = ["dispute", "claim"]
    readonly_fields = ["added_by", "added_at"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # No service moves a position to another dispute or claim.
        return fields if obj is None else [*fields, "dispute", "claim"]

    def save_model(self, request, obj, form, change):
        """A position is added by ``dispute_add_claim`` (editors, open disputes only).

        A saved position has nothing to edit here, so a change writes nothing and a
        revert from its history page is refused.
        """
        with refusals():
            if self.reverting_to(request) is not None:
                raise ValidationError(
                    "A position is not reverted: it stays in its dispute until its "
                    "claim is deleted."
                )
            if change:
                return
            saved = dispute_services.dispute_add_claim(
                dispute=obj.dispute,
                claim=obj.claim,
                user=request.user,
                reason=form.cleaned_data["change_reason"],
            )
        take_saved(obj, saved)

    def has_delete_permission(self, request, obj=None):
        # No service takes a position out of a dispute; deleting its claim
        # (``claim_delete``) takes it out, in history.
        return False
