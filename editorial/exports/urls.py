"""Exports: /export/... and each claim's ClaimReview at /claims/<id>/claimreview.json."""

from django.urls import path

from editorial.exports import views as views

app_name = "export"

urlpatterns = [
    path("export/", views.export_index, name="index"),
    path("export/fixtures.zip", views.fixtures_download, name="fixtures"),
    path("export/annotations.jsonld", views.annotations_export, name="annotations"),
    path(
        "export/sources/", views.source_annotations_pick, name="source-annotations-pick"
    ),
    path(
        "export/sources/<int:pk>/annotations.jsonld",
        views.source_annotations_export,
        name="source-annotations",
    ),
    path("export/claimreview.jsonld", views.claimreview_export, name="claimreviews"),
    path("export/claims.csv", views.claims_spreadsheet, name="claims-csv"),
    path(
        "claims/<int:pk>/claimreview.json",
        views.claimreview_detail,
        name="claimreview",
    ),
]
