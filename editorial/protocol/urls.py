from django.contrib.auth.decorators import login_not_required
from django.urls import path

from editorial.protocol import views

app_name = "protocol"

urlpatterns = [
    path(
        "annotations/<int:pk>/",
        login_not_required(views.Container.as_view()),
        name="container",
    ),
    path(
        "annotations/<int:pk>/<str:name>",
        login_not_required(views.Annotation.as_view()),
        name="annotation",
    ),
]
