from django.urls import path

from editorial.queue import views

app_name = "queue"

urlpatterns = [
    path("me/desk/", views.my_desk, name="desk"),
    path("claims/<int:pk>/assignment/", views.claim_assign, name="assign"),
]
