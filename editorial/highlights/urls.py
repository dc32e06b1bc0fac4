"""The reader and its orphaned-highlights actions (``sources:`` names)."""

from django.urls import path

from . import views

urlpatterns = [
    path("sources/<int:pk>/", views.source_detail, name="detail"),
    path(
        "sources/<int:pk>/highlights/<int:highlight_id>/reattach/",
        views.highlight_reattach_view,
        name="highlight-reattach",
    ),
    path(
        "sources/<int:pk>/highlights/<int:highlight_id>/retire/",
        views.highlight_retire_view,
        name="highlight-retire",
    ),
]
