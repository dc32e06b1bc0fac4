from django.urls import path

from editorial.interop import views

app_name = "interop"

urlpatterns = [
    path("import/hypothesis/", views.hypothesis_import, name="hypothesis-import"),
    path("import/claimreview/", views.claimreview_import, name="claimreview-import"),
    path(
        "sources/<int:pk>/hypothesis.json",
        views.hypothesis_export,
        name="hypothesis-export",
    ),
]
