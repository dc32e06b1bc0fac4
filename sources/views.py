"""Pages about sources."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import selectors
from .models import Source


@login_required
def source_list(request):
    search = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    if kind not in Source.Kind.values:
        kind = ""
    sources = selectors.sources_for_list(search=search, kind=kind)
    return render(
        request,
        "sources/source_list.html",
        {
            "sources": sources,
            "search": search,
            "kind": kind,
            "kinds": Source.Kind.choices,
        },
    )
