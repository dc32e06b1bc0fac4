"""The desk's error responses: pages that say what happened, JSON under ``/api/``.

Django's own handlers render ``400.html`` … ``500.html``; these add the reason a
request was refused when it is the client's to fix (a body over the size limit), and
answer API clients in JSON, the only thing a script can read.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def size_limit() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit < 1024 * 1024:
        return f"{limit:,} bytes"
    return f"{limit / (1024 * 1024):g} MB"


@requires_csrf_token
def bad_request(request, exception):
    if isinstance(exception, RequestDataTooBig):
        reason = (
            f"The request is larger than the {size_limit()} the desk accepts "
            "(files are uploaded separately). Nothing was saved."
        )
    elif isinstance(exception, TooManyFieldsSent):
        reason = "The form sent more fields than the desk accepts. Nothing was saved."
    else:
        reason = "The request was malformed. Nothing was saved."
    if _is_api(request):
        return JsonResponse({"detail": reason}, status=400)
    return render(request, "400.html", {"reason": reason}, status=400)


def permission_denied(request, exception):
    if _is_api(request):
        return JsonResponse(
            {"detail": str(exception) or "You may not do this."}, status=403
        )
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse(
            {
                "detail": "The desk hit an error and stopped; nothing was saved. "
                "Try again; if it persists, tell a desk administrator."
            },
            status=500,
        )
    return defaults.server_error(request)
