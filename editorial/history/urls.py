from django.urls import path

from editorial.history import views as views

app_name = "history"

urlpatterns = [
    path("claims/<int:claim_id>/history/", views.claim_history, name="claim"),
    path("claims/<int:claim_id>/as-of/", views.claim_as_of, name="claim-as-of"),
    path("claims/<int:claim_id>/revert/", views.claim_revert, name="claim-revert"),
    path("claims/<int:claim_id>/edit/", views.claim_edit, name="claim-edit"),
    path("sources/<int:source_id>/history/", views.source_history, name="source"),
    path("sources/<int:source_id>/revert/", views.source_revert, name="source-revert"),
    path("sources/<int:source_id>/edit/", views.source_edit, name="source-edit"),
    path("changes/", views.recent_changes, name="changes"),
    path("changes/<slug:kind>/<int:history_id>/", views.change_detail, name="change"),
    path("deleted/", views.deleted, name="deleted"),
    path("deleted/<slug:kind>/<int:object_id>/restore/", views.restore, name="restore"),
]
