"""The desk's URLs."""

from django.contrib import admin
from django.urls import include, path

from editorial import account_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/me/", account_views.account, name="account"),
    path(
        "accounts/me/tokens/", account_views.api_token_create, name="api-token-create"
    ),
    path(
        "accounts/me/tokens/<int:pk>/revoke/",
        account_views.api_token_revoke,
        name="api-token-revoke",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("sources.urls")),
    path("claims/", include("editorial.claim_urls")),
    path("api/", include("editorial.api.urls")),
    path("", include("editorial.history_urls")),
]
