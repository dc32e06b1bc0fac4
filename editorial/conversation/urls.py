from django.urls import path

from editorial.conversation import views

app_name = "conversation"

urlpatterns = [
    path("me/notifications/", views.inbox, name="inbox"),
    path("me/notifications/read/", views.inbox_mark_read, name="inbox-read"),
    path("me/notifications/<int:pk>/", views.notification_open, name="notification"),
    path(
        "conversation/comments/<str:kind>/<int:pk>/",
        views.comment_post_view,
        name="post",
    ),
    path(
        "conversation/comments/<str:kind>/<int:pk>/thread/",
        views.thread_view,
        name="thread",
    ),
    path(
        "conversation/comments/<int:pk>/reply/", views.comment_reply_view, name="reply"
    ),
    path("conversation/comments/<int:pk>/edit/", views.comment_edit_view, name="edit"),
    path(
        "conversation/comments/<int:pk>/remove/",
        views.comment_remove_view,
        name="remove",
    ),
    path(
        "conversation/highlights/<int:pk>/comments/",
        views.highlight_page,
        name="highlight",
    ),
    path("conversation/people/", views.people, name="people"),
    path("conversation/follow/<str:kind>/<int:pk>/", views.follow_view, name="follow"),
    path("live/<str:kind>/<int:pk>/", views.live, name="live"),
    path("live/", views.live_inbox, name="live-inbox"),
]
