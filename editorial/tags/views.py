"""The tags page, one tag's claims and sources, and setting tags from a page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from core.views import error_text, require_editor
from editorial.models import Claim, Tag
from editorial.tags import selectors as tag_selectors
from editorial.tags import services as tag_services
from editorial.tags.forms import TagsForm
from sources.models import Source

PER_PAGE = 25
#: Tags listed on one page of the tags page.
TAGS_PER_PAGE = 100


@require_safe
def tag_list(request):
    words = " ".join(request.GET.get("q", "").split())[:50]
    page = Paginator(tag_selectors.tags_with_counts(words), TAGS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "editorial/tags/tag_list.html",
        {
            "page": page,
            "words": words,
            "query": urlencode({"q": words}) if words else "",
        },
    )


@require_safe
def tag_detail(request, slug):
    try:
        tag = tag_selectors.tag_by_slug(slug)
    except Tag.DoesNotExist as missing:
        raise Http404("No tag by that name.") from missing
    claims = Paginator(tag_selectors.claims_tagged(tag), PER_PAGE).get_page(
        request.GET.get("claims")
    )
    sources = Paginator(tag_selectors.sources_tagged(tag), PER_PAGE).get_page(
        request.GET.get("sources")
    )
    return render(
        request,
        "editorial/tags/tag_detail.html",
        {"tag": tag, "claims": claims, "sources": sources},
    )


def _set(request, *, setter, owner, back: str):
    require_editor(request)
    form = TagsForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "The tags were not saved: "
            + " ".join(error for errors in form.errors.values() for error in errors),
        )
        return redirect(back)
    try:
        names = setter(
            owner,
            text=form.cleaned_data["tags"],
            user=request.user,
            reason=form.cleaned_data["reason"],
        )
    except PermissionDenied as refused:
        messages.error(request, str(refused) or "Only editors can change tags.")
        return redirect(back)
    except ValidationError as error:
        messages.error(request, "The tags were not saved: " + error_text(error))
        return redirect(back)
    messages.success(
        request, "Tags: " + ", ".join(names) + "." if names else "No tags now."
    )
    return redirect(back)


@require_POST
def claim_tags(request, pk):
    claim = get_object_or_404(Claim, pk=pk)
    return _set(
        request,
        setter=lambda owner, **kw: tag_services.claim_set_tags(claim=owner, **kw),
        owner=claim,
        back=reverse("claims:detail", args=[pk]) + "#tags",
    )


@require_POST
def source_tags(request, pk):
    source = get_object_or_404(Source, pk=pk)
    return _set(
        request,
        setter=lambda owner, **kw: tag_services.source_set_tags(source=owner, **kw),
        owner=source,
        back=reverse("sources:detail", args=[pk]) + "#tags",
    )
