"""Per-user API tokens: ``Authorization: Token <key>``, looked up by the key's SHA-256."""

from datetime import timedelta

from django.utils import timezone
from rest_framework import authentication, exceptions

from editorial.accounts.services import api_token_hash
from editorial.models import ApiToken

# last_used_at is advisory; writing it on every request would cost a write per call.
LAST_USED_RESOLUTION = timedelta(minutes=5)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Give the header as “Authorization: Token <key>”, with no spaces in the key."
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(
                "The token holds characters a key never has."
            ) from error
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=api_token_hash(key))
            .first()
        )
        if token is None or not token.is_active:
            raise exceptions.AuthenticationFailed("This token is unknown or revoked.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("The token's account is disabled.")
        now = timezone.now()
        if (
            token.last_used_at is None
            or now - token.last_used_at > LAST_USED_RESOLUTION
        ):
            # A plain update: when a token was last used is not history worth keeping.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class SameOriginSessionAuthentication(authentication.SessionAuthentication):
    """The browser session, only for requests from the desk's own pages.

    A request that says it comes from another origin (``Origin`` not this host) is
    never authenticated by its cookie, whatever CORS allows: a client elsewhere uses
    a token, so a page on another site can never act with a logged-in editor's session.
    """

    def authenticate(self, request):
        origin = request.headers.get("Origin")
        if origin and origin not in {
            f"{scheme}://{request.get_host()}" for scheme in ("http", "https")
        }:
            return None
        return super().authenticate(request)
