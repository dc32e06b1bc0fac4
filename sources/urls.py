from django.urls import include, path

from . import views

app_name = "sources"

urlpatterns = [
    path("", views.source_list, name="list"),
    path("sources/<int:pk>/", views.source_detail, name="detail"),
    path("", include("sources.revision_urls")),
]
