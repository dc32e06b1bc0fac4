from django.contrib import admin

from core.admin import DeskModelAdmin
from reference.models import Office, Person, StoryEvent, StoryFigure, Term


class TermInline(admin.TabularInline):
    model = Term
    extra = 0
    fields = ["office", "start", "end", "citation"]
    show_change_link = True
    can_delete = False

    def has_change_permission(self, request, obj=None):
        # Terms are edited on their own page, where the save asks for a reason.
        return False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Person)
class PersonAdmin(DeskModelAdmin):
    list_display = ["name", "key"]
    search_fields = ["name", "aliases", "key", "wikidata"]
    inlines = [TermInline]


@admin.register(Office)
class OfficeAdmin(DeskModelAdmin):
    list_display = ["name", "country", "kind", "key"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "country", "role_terms", "key", "wikidata"]


@admin.register(Term)
class TermAdmin(DeskModelAdmin):
    list_display = ["person", "office", "start", "end"]
    list_filter = ["office__country", "office__kind"]
    search_fields = ["person__name", "office__name", "citation"]
    list_select_related = ["person", "office"]
    autocomplete_fields = ["person", "office"]


@admin.register(StoryFigure)
class StoryFigureAdmin(DeskModelAdmin):
    list_display = ["question", "story", "key"]
    search_fields = ["question", "counted", "context", "key", "story__name"]
    list_select_related = ["story"]
    raw_id_fields = ["story"]


@admin.register(StoryEvent)
class StoryEventAdmin(DeskModelAdmin):
    list_display = ["question", "story", "key"]
    search_fields = ["question", "names", "key", "story__name"]
    list_select_related = ["story"]
    raw_id_fields = ["story"]
