"""Downloads: fixtures for reviewers and admins, and the standard formats other tools read.

Every page needs a login (``LoginRequiredMiddleware``); the fixture download needs a
reviewer (or, in the admin, a superuser) since it holds every record of the desk.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core import roles
from editorial.exports import annotations, claimreview, claims_csv
from editorial.exports import selectors as export_selectors
from editorial.exports.fixtures_export import KINDS, export_archive
from editorial.exports.jsonld import jsonld_text
from editorial.jobs import selectors as job_selectors
from editorial.models import Claim
from sources.models import Source
from sources.search import source_named

ANNOTATIONS_TYPE = f'application/ld+json; profile="{annotations.ANNO_CONTEXT}"'
JSONLD_TYPE = "application/ld+json"


def _json(document, *, content_type: str, status: int = 200) -> HttpResponse:
    """A JSON-LD download, ``<``, ``>`` and ``&`` escaped (``jsonld_text``)."""
    return HttpResponse(
        jsonld_text(document, indent=1),
        content_type=f"{content_type}; charset=utf-8"
        if "charset" not in content_type
        else content_type,
        status=status,
    )


@require_safe
def export_index(request):
    return _export_page(request)


def _export_page(request, status: int = 200, **extra):
    return render(
        request,
        "editorial/export.html",
        {
            "can_download_fixtures": roles.is_reviewer(request.user),
            "kinds": [kind for kind in KINDS if kind.models()],
            "has_sources": Source.objects.exists(),
            "verdicts": claimreview.RATINGS.items(),
            "best": claimreview.BEST_RATING,
            "worst": claimreview.WORST_RATING,
            "export_jobs": job_selectors.export_jobs_for(user=request.user),
            **extra,
        },
        status=status,
    )


def _fixtures_download(request) -> FileResponse:
    with_history = request.GET.get("history") == "1"
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    name = f"editorial-fixtures{'-with-history' if with_history else ''}-{stamp}.zip"
    return FileResponse(
        export_archive(with_history=with_history),
        as_attachment=True,
        filename=name,
        content_type="application/zip",
    )


@require_safe
def fixtures_download(request):
    """The same files as ``export_fixtures``, zipped (``?history=1`` adds history.json)."""
    if not roles.is_reviewer(request.user):
        raise PermissionDenied(
            "Only reviewers can download the desk's fixtures: they hold every record."
        )
    return _fixtures_download(request)


@require_safe
def admin_export(request):
    """The admin's page for the fixture download (wrapped in ``admin_view``)."""
    if not request.user.is_superuser:
        raise PermissionDenied("Only superusers can download the desk from the admin.")
    if request.GET.get("download") == "1":
        return _fixtures_download(request)
    from django.contrib import admin

    return render(
        request,
        "admin/editorial/export.html",
        {
            **admin.site.each_context(request),
            "title": "Export the desk as fixtures",
            "kinds": [kind for kind in KINDS if kind.models()],
        },
    )


def _page_number(request) -> int | None:
    raw = request.GET.get("page")
    if raw is None:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError("The page is a whole number, 1 or more.")
    return int(raw)


def _annotations(request, highlights, *, collection_url: str, label: str):
    size = annotations.DEFAULT_PAGE_SIZE
    total = highlights.count()
    try:
        number = _page_number(request)
        if number is not None and number > annotations.page_count(total, size):
            raise ValueError(f"There is no page {number}.")
    except ValueError as error:
        return JsonResponse({"page": [str(error)]}, status=400)
    offset = ((number or 1) - 1) * size
    document = annotations.highlights_collection(
        list(highlights[offset : offset + size]),
        annotations.DeskUrls(base=request.build_absolute_uri("/")),
        total=total,
        collection_id=request.build_absolute_uri(collection_url),
        label=label,
        number=number,
        page_size=size,
    )
    return _json(document, content_type=ANNOTATIONS_TYPE)


@require_safe
def annotations_export(request):
    """Every highlight as a W3C AnnotationCollection; ``?page=N`` serves its pages."""
    return _annotations(
        request,
        export_selectors.highlights_for_export(),
        collection_url=reverse("export:annotations"),
        label=f"Highlights of {settings.EDITORIAL_ORGANISATION}",
    )


@require_safe
def source_annotations_export(request, pk):
    source = get_object_or_404(Source, pk=pk)
    return _annotations(
        request,
        export_selectors.highlights_for_export(source=source),
        collection_url=reverse("export:source-annotations", args=[source.pk]),
        label=f"Highlights of “{source.title}”",
    )


#: Sources the export page lists when the words name several.
PICKED_SOURCES = 20


@require_safe
def source_annotations_pick(request):
    """The export page's source picker: a source's number, or words of its title or
    publisher; one match goes on to its annotations, several are listed."""
    raw = request.GET.get("source", "").strip()[:200]
    if raw.isdigit() and Source.objects.filter(pk=int(raw)).exists():
        return redirect("export:source-annotations", pk=int(raw))
    matches = list(
        Source.objects.filter(source_named(raw) if raw else Q(pk__in=[]))
        .only("pk", "title")
        .order_by("title", "pk")[: PICKED_SOURCES + 1]
    )
    if len(matches) == 1:
        return redirect("export:source-annotations", pk=matches[0].pk)
    return _export_page(
        request,
        status=200 if matches else 404,
        picked={
            "words": raw,
            "matches": matches[:PICKED_SOURCES],
            "more": len(matches) > PICKED_SOURCES,
        },
    )


def _review(request, claim) -> dict:
    return claimreview.claim_review(
        claim,
        url=request.build_absolute_uri(reverse("claims:detail", args=[claim.pk])),
        organisation=settings.EDITORIAL_ORGANISATION,
    )


def claim_review_for_page(request, claim) -> dict | None:
    """The ClaimReview the claim page embeds, or None before a verdict."""
    return _review(request, claim) if claimreview.is_published(claim) else None


@require_safe
def claimreview_detail(request, pk):
    try:
        claim = export_selectors.claim_with_sources(pk=pk)
    except Claim.DoesNotExist as missing:
        raise Http404("No claim with that number.") from missing
    if not claimreview.is_published(claim):
        raise Http404(
            "This claim has no verdict yet; its ClaimReview is published once a "
            "reviewer gives one."
        )
    return _json(_review(request, claim), content_type=JSONLD_TYPE)


@require_safe
def claimreview_export(request):
    """Every claim with a verdict, as one JSON-LD document."""
    reviews = [
        _review(request, claim) for claim in export_selectors.claims_with_verdicts()
    ]
    return _json(claimreview.claim_reviews_graph(reviews), content_type=JSONLD_TYPE)


@require_safe
def claims_spreadsheet(request):
    """One row per claim and highlight, UTF-8 with a BOM, formulas neutralised; streamed."""
    claims = export_selectors.claims_for_spreadsheet().iterator(chunk_size=500)
    response = StreamingHttpResponse(
        claims_csv.csv_lines(claims), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="claims-{stamp}.csv"'
    return response
