"""The sources list, the import page and the new-revision page (``sources:`` names)."""

from django.urls import path

from . import views

urlpatterns = [
    path("sources/", views.source_list, name="list"),
    path("sources/import/", views.source_import, name="import"),
    path("sources/<int:pk>/revisions/new/", views.revision_new, name="revision-new"),
]
