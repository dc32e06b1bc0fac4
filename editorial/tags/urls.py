from django.urls import path

from editorial.tags import views

app_name = "tags"

urlpatterns = [
    path("", views.tag_list, name="list"),
    path("<str:slug>/", views.tag_detail, name="detail"),
    path("claims/<int:pk>/set/", views.claim_tags, name="claim"),
    path("sources/<int:pk>/set/", views.source_tags, name="source"),
]
