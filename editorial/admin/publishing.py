"""Fact checks in the admin: read-only, with their history; the desk publishes them.

Publishing, updating and unpublishing go through ``editorial.publishing.services``
from the claim page (reviewers only), so the admin adds, changes and reverts nothing
here. Deleting stays as the admin's default: a claim deleted in the admin takes its
fact check with it (in history, with the admin's reason).
"""

from django.contrib import admin
from django.core.exceptions import ValidationError

from core.admin import DeskModelAdmin, refusals
from editorial.models import FactCheck, FactCheckUpdate


class ReadOnlyDeskAdmin(DeskModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Every field is read-only: a change writes nothing, a revert is refused."""
        with refusals():
            if self.reverting_to(request) is not None:
                raise ValidationError(
                    "A fact check is not reverted here: a reviewer updates or "
                    "unpublishes it from the claim page."
                )


@admin.register(FactCheck)
class FactCheckAdmin(ReadOnlyDeskAdmin):
    list_display = ["headline", "claim", "is_public", "published_at", "modified_at"]
    list_filter = ["is_public"]
    search_fields = ["headline", "claimant", "slug"]
    list_select_related = ["claim"]


@admin.register(FactCheckUpdate)
class FactCheckUpdateAdmin(ReadOnlyDeskAdmin):
    list_display = ["__str__", "fact_check", "made_by", "made_at"]
    list_select_related = ["fact_check", "made_by"]
