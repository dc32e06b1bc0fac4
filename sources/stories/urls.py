from django.urls import path

from sources.stories import views

app_name = "stories"

urlpatterns = [
    path("", views.story_list, name="list"),
    path("<slug:slug>/", views.story_detail, name="detail"),
    path("<slug:slug>/confirm/", views.story_confirm, name="confirm"),
    path("<slug:slug>/rename/", views.story_rename, name="rename"),
    path("<slug:slug>/merge/", views.story_merge, name="merge"),
    path("<slug:slug>/split/", views.story_split, name="split"),
    path("<slug:slug>/move/", views.story_move, name="move"),
]
