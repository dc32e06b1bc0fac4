from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial desk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from sources import extensions

        from . import events
        from .conversation.notify import on_desk_event
        from .highlights.views import revision_changes_panel

        extensions.add_revision_panel(revision_changes_panel)
        from .conversation.views import story_follow_panel

        extensions.add_story_panel(story_follow_panel)
        events.listen(on_desk_event)

        from .webhooks.services import on_desk_event as send_webhooks

        events.listen(send_webhooks)

        from .highlights import predraw

        predraw.connect()
