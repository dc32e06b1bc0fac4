"""The desk's URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.http import require_safe

from editorial.accounts import views as account_views
from editorial.exports import views as export_views
from editorial.highlights import urls as highlight_urls
from editorial.intake import urls as intake_urls
from sources import urls as source_urls

urlpatterns = [
    path(
        "admin/export/",
        admin.site.admin_view(export_views.admin_export),
        name="admin-export",
    ),
    path("admin/", admin.site.urls),
    # The view also renders the page after a token form; only the URL is read-only.
    path("accounts/me/", require_safe(account_views.account), name="account"),
    path(
        "accounts/me/tokens/", account_views.api_token_create, name="api-token-create"
    ),
    path(
        "accounts/me/tokens/<int:pk>/revoke/",
        account_views.api_token_revoke,
        name="api-token-revoke",
    ),
    # Log-in, log-out and password change. No password-reset pages: the desk sends no
    # e-mail, and an admin sets a forgotten password in the admin.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Every page about a source answers to ``sources:``: the desk's (the list, the reader,
    # importing, new revisions, orphans) and the sources app's own revision pages.
    path(
        "",
        include(
            (
                [
                    *intake_urls.urlpatterns,
                    *highlight_urls.urlpatterns,
                    *source_urls.urlpatterns,
                ],
                "sources",
            )
        ),
    ),
    # The desk's home; the sources list is at /sources/, one click away in the masthead.
    path("", include("editorial.home.urls")),
    path("claims/", include("editorial.claims.urls")),
    path("disputes/", include("editorial.disputes.urls")),
    path("suggestions/", include("editorial.checks.urls")),
    path("stories/", include("sources.stories.urls")),
    path("tags/", include("editorial.tags.urls")),
    path("", include("editorial.queue.urls")),
    path("", include("editorial.conversation.urls")),
    path("api/", include("editorial.api.urls")),
    path("", include("editorial.protocol.urls")),
    path("", include("editorial.interop.urls")),
    path("", include("editorial.history.urls")),
    path("", include("editorial.exports.urls")),
    path("", include("editorial.jobs.urls")),
    # The public fact checks, their feed, sitemap.xml and robots.txt need no login.
    path("", include("editorial.publishing.urls")),
]

# Error pages say what happened; under /api/ they answer in JSON (editorial.errors).
handler400 = "editorial.errors.bad_request"
handler403 = "editorial.errors.permission_denied"
handler404 = "editorial.errors.page_not_found"
handler500 = "editorial.errors.server_error"
