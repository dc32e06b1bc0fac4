"""Background work: /jobs/ (staff), export jobs, and the reader's checks status."""

from django.urls import path

from editorial.jobs import views

app_name = "jobs"

urlpatterns = [
    path("jobs/", views.job_list, name="list"),
    path("jobs/<uuid:result_id>/retry/", views.task_retry, name="retry"),
    path("export/jobs/", views.export_start, name="export-start"),
    path("export/jobs/<int:pk>/", views.export_job, name="export"),
    path(
        "export/jobs/<int:pk>/status.json",
        views.export_job_status,
        name="export-status",
    ),
    path(
        "export/jobs/<int:pk>/download/",
        views.export_job_download,
        name="export-download",
    ),
    path("sources/<int:pk>/checks.json", views.checks_status, name="checks-status"),
]
