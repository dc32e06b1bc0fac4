"""A source's revision pages. The project's urls put them, with the desk's pages about
sources, under the ``sources:`` names."""

from django.urls import path

from . import views

urlpatterns = [
    path("sources/<int:pk>/revisions/", views.revision_list, name="revisions"),
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
]
