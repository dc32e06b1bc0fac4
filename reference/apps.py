from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "reference"
    verbose_name = "Reference data"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from sources import extensions

        from .panels import story_figures_panel

        extensions.add_story_panel(story_figures_panel)
