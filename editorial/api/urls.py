from django.contrib.auth.decorators import login_not_required
from django.urls import path

from editorial.api import views

app_name = "api"

urlpatterns = [
    path(
        "sources/<int:pk>/annotations/",
        login_not_required(views.source_annotations),
        name="source-annotations",
    ),
    path(
        "sources/<int:pk>/highlights/",
        login_not_required(views.source_highlights),
        name="source-highlights",
    ),
    path(
        "annotations/",
        login_not_required(views.annotation_create),
        name="annotations",
    ),
    path(
        "annotations/<int:pk>/",
        login_not_required(views.annotation_detail),
        name="annotation",
    ),
    path("claims/", login_not_required(views.claim_list), name="claims"),
    path("claims/<int:pk>/", login_not_required(views.claim_detail), name="claim"),
]
