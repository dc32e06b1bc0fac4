from django.urls import path

from editorial.checks import views as views

app_name = "suggestions"

urlpatterns = [
    path("", views.suggestion_list, name="list"),
    path("<int:pk>/accept/", views.suggestion_accept, name="accept"),
    path("<int:pk>/dismiss/", views.suggestion_dismiss, name="dismiss"),
    path("groups/accept/", views.group_accept, name="group-accept"),
    path("groups/dismiss/", views.group_dismiss, name="group-dismiss"),
    path("bulk/", views.suggestions_bulk, name="bulk"),
    path("run/<int:pk>/", views.checks_run_for_source, name="run"),
]
