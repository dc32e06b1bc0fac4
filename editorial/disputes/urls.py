from django.urls import path

from editorial.disputes import views as views

app_name = "disputes"

urlpatterns = [
    path("", views.dispute_list, name="list"),
    path("new/", views.dispute_open, name="open"),
    path("<int:pk>/", views.dispute_detail, name="detail"),
    path("<int:pk>/resolve/", views.dispute_resolve, name="resolve"),
    path("<int:pk>/reopen/", views.dispute_reopen, name="reopen"),
    path("<int:pk>/claims/", views.dispute_add_claim, name="add-claim"),
]
