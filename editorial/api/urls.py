from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

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
    # The OpenAPI schema (for a token or a logged-in session) and its reference page.
    path(
        "schema/",
        login_not_required(SpectacularAPIView.as_view()),
        name="schema",
    ),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema"),
        name="docs",
    ),
]
