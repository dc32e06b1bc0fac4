"""Settings for talking to other tools: the JSON API, outgoing webhooks, CORS for API
clients, and the API's OpenAPI schema."""

import os

# The JSON API (editorial/api/): the browser's session (with CSRF) or a per-user token.
REST_FRAMEWORK = {
    # The token class comes first so an anonymous call gets 401 with
    # "WWW-Authenticate: Token" rather than a bare 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "editorial.api.authentication.ApiTokenAuthentication",
        "editorial.api.authentication.SameOriginSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "editorial.api.renderers.JsonLdRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "editorial.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

# Outgoing webhooks: where links in their payloads point, and how long a receiver may
# take to answer before the delivery counts as failed (and is retried with backoff).
EDITORIAL_SITE_URL = os.environ.get("EDITORIAL_SITE_URL", "http://127.0.0.1:8000")
EDITORIAL_WEBHOOK_TIMEOUT = float(os.environ.get("EDITORIAL_WEBHOOK_TIMEOUT", "5"))

# CORS, for annotation clients on other origins (django-cors-headers): only the JSON API
# and the annotation containers, only the origins listed in EDITORIAL_CORS_ORIGINS
# (none by default; e.g. "https://tools.example.org https://hypothes.is"), and never
# with credentials: a client on another origin sends a token, and the desk never takes
# a session cookie from a cross-origin request (SameOriginSessionAuthentication).
CORS_ALLOWED_ORIGINS = (
    os.environ.get("EDITORIAL_CORS_ORIGINS", "").replace(",", " ").split()
)
CORS_URLS_REGEX = r"^/(api|annotations)/.*$"
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_HEADERS = [
    "accept",
    "authorization",
    "content-type",
    "if-match",
    "if-none-match",
    "prefer",
    "slug",
]
CORS_EXPOSE_HEADERS = [
    "Accept-Post",
    "Allow",
    "Content-Location",
    "ETag",
    "Link",
    "Location",
    "Preference-Applied",
    "Vary",
]
CORS_PREFLIGHT_MAX_AGE = 3600

# The API's OpenAPI schema (drf-spectacular) and its reference page, whose Swagger UI
# files come from the drf-spectacular-sidecar package (served as static files, no CDN).
SPECTACULAR_SETTINGS = {
    "TITLE": "editorial desk API",
    "DESCRIPTION": (
        "The desk's JSON API and its W3C Web Annotation Protocol containers. "
        "Authenticate with `Authorization: Token <key>` (make a key on /accounts/me/) "
        "or the browser session."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
