"""URLs for importing in the browser, revisions and orphaned highlights (names in ``sources:``)."""

from django.urls import path

from . import import_views
from . import revision_views as views

urlpatterns = [
    path("sources/import/", import_views.source_import, name="import"),
    path("sources/<int:pk>/revisions/", views.revision_list, name="revisions"),
    path("sources/<int:pk>/revisions/new/", views.revision_new, name="revision-new"),
    path(
        "sources/<int:pk>/revisions/compare/",
        views.revision_compare,
        name="revision-compare",
    ),
    path(
        "sources/<int:pk>/revisions/<int:number>/",
        views.revision_detail,
        name="revision",
    ),
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
