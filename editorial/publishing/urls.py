"""Publishing: the public pages (no login), the feed, sitemap.xml, robots.txt; the desk's actions."""

from django.urls import path

from editorial.publishing import views as views

app_name = "publishing"

urlpatterns = [
    path("fact-checks/", views.fact_check_list, name="list"),
    path("fact-checks/feed.atom", views.fact_check_feed, name="feed"),
    path("fact-checks/<slug:slug>/", views.fact_check_detail, name="detail"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("claims/<int:pk>/publish/", views.fact_check_publish, name="publish"),
    path("claims/<int:pk>/fact-check/update/", views.fact_check_update, name="update"),
    path(
        "claims/<int:pk>/fact-check/unpublish/",
        views.fact_check_unpublish,
        name="unpublish",
    ),
]
