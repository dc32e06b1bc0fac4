"""Publishing's pages: the public fact checks (no login), and the desk's publish actions.

The public views are marked ``login_not_required``; everything else of the desk stays
behind ``LoginRequiredMiddleware``. The desk's actions are POSTs from the claim page;
a refused one shows its form again with the message, and changes nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from core import conflicts
from editorial.exports import claimreview
from editorial.models import Claim, FactCheck
from editorial.publishing import selectors
from editorial.publishing import services as publishing_services
from editorial.publishing.feeds import FactCheckFeed
from editorial.publishing.forms import (
    PublishForm,
    SearchForm,
    UnpublishForm,
    UpdateForm,
)
from editorial.publishing.sitemaps import SITEMAPS

PER_PAGE = 20


def organisation(request) -> dict:
    """Who publishes: name, home page and logo from settings, made absolute."""
    return {
        "name": settings.EDITORIAL_ORGANISATION_NAME,
        "url": settings.EDITORIAL_ORGANISATION_URL
        or request.build_absolute_uri(reverse("publishing:list")),
        "logo": settings.EDITORIAL_ORGANISATION_LOGO
        or request.build_absolute_uri(static("editorial/img/logo.png")),
    }


@login_not_required
@require_safe
def fact_check_list(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    fact_checks = selectors.public_fact_checks(query=query)
    page = Paginator(fact_checks, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "editorial/publishing/list.html",
        {
            "form": form,
            "query": query,
            "page": page,
            "organisation": organisation(request),
        },
    )


@login_not_required
@require_safe
def fact_check_detail(request, slug):
    try:
        fact_check = selectors.fact_check_for_page(slug=slug)
    except FactCheck.DoesNotExist as missing:
        raise Http404("There is no fact check at this address.") from missing
    context = {"fact_check": fact_check, "organisation": organisation(request)}
    if not fact_check.is_public:
        return render(request, "editorial/publishing/gone.html", context, status=410)
    modified = selectors.date_modified(fact_check)
    claim = fact_check.claim
    return render(
        request,
        "editorial/publishing/detail.html",
        {
            **context,
            "claim": claim,
            "rating": claimreview.RATINGS.get(claim.status),
            "scale": range(claimreview.WORST_RATING, claimreview.BEST_RATING + 1),
            "best": claimreview.BEST_RATING,
            "worst": claimreview.WORST_RATING,
            "appearances": [
                link.highlight
                for link in claim.links.all()
                if link.stance == link.Stance.ASSERT
            ],
            "date_modified": modified,
            "changes": selectors.changes_for_readers(fact_check),
            "claimreview": claimreview.fact_check_review(
                fact_check,
                url=request.build_absolute_uri(),
                organisation=organisation(request),
                date_modified=modified,
            ),
        },
    )


#: The Atom feed: a reader fetches it without logging in; GET and HEAD only.
fact_check_feed = login_not_required(require_safe(FactCheckFeed()))


@login_not_required
@require_safe
def sitemap_xml(request):
    return sitemap_views.sitemap(request, sitemaps=SITEMAPS)


@login_not_required
@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Allow: {reverse('publishing:list')}",
        f"Allow: {static('editorial/img/')}",
        f"Allow: {reverse('publishing:sitemap')}",
        "Disallow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('publishing:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def _refused(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _action(request, claim, form, action, title: str):
    """Run ``action`` with the form's data; on refusal show the form again, with why."""
    if not form.is_valid():
        return _form_page(request, claim, form, title, status=400)
    try:
        action(form.cleaned_data)
    except PermissionDenied as error:
        return _form_page(request, claim, form, title, _refused(error), status=403)
    except conflicts.EditConflict as error:
        return _form_page(request, claim, form, title, _refused(error), status=409)
    except ValidationError as error:
        return _form_page(request, claim, form, title, _refused(error), status=400)
    return None


def _form_page(request, claim, form, title, error=None, *, status):
    return render(
        request,
        "editorial/publishing/desk_form.html",
        {"claim": claim, "form": form, "title": title, "error": error},
        status=status,
    )


@require_POST
def fact_check_publish(request, pk):
    claim = get_object_or_404(Claim, pk=pk)
    form = PublishForm(request.POST, prefix="publish")

    def publish(data):
        return publishing_services.fact_check_publish(
            claim=claim, user=request.user, **data
        )

    refused = _action(request, claim, form, publish, "Publish this fact check")
    if refused:
        return refused
    messages.success(request, "Published: the fact check is on the public site.")
    return redirect("claims:detail", pk=pk)


@require_POST
def fact_check_update(request, pk):
    claim = get_object_or_404(Claim, pk=pk)
    fact_check = get_object_or_404(FactCheck, claim=claim)
    form = UpdateForm(request.POST, prefix="update")

    def update(data):
        data = dict(data)
        return publishing_services.fact_check_update(
            fact_check=fact_check,
            user=request.user,
            reason=data.pop("reason"),
            note=data.pop("note"),
            expected_version=data.pop("version"),
            **data,
        )

    refused = _action(request, claim, form, update, "Update the fact check")
    if refused:
        return refused
    messages.success(request, "Updated: readers see the update with today's date.")
    return redirect("claims:detail", pk=pk)


@require_POST
def fact_check_unpublish(request, pk):
    claim = get_object_or_404(Claim, pk=pk)
    fact_check = get_object_or_404(FactCheck, claim=claim)
    form = UnpublishForm(request.POST, prefix="unpublish")

    def unpublish(data):
        return publishing_services.fact_check_unpublish(
            fact_check=fact_check,
            user=request.user,
            reason=data["reason"],
            expected_version=data["version"],
        )

    refused = _action(request, claim, form, unpublish, "Unpublish the fact check")
    if refused:
        return refused
    messages.success(request, "Unpublished: its address now answers “gone”.")
    return redirect("claims:detail", pk=pk)
