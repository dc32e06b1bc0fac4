from django.urls import path

from editorial.claims import views as views

app_name = "claims"

urlpatterns = [
    path("", views.claim_list, name="list"),
    path("<int:pk>/", views.claim_detail, name="detail"),
    path("<int:pk>/status/", views.claim_change_status, name="status"),
    path("<int:pk>/evidence/", views.claim_add_evidence, name="evidence"),
]
