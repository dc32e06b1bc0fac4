"""Import pages for Hypothesis annotations and ClaimReview markup; the Hypothesis export."""

from __future__ import annotations

import json

from django import forms as django_forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_safe

from core.views import error_text, require_editor
from editorial.exports.annotations import DeskUrls
from editorial.interop import hypothesis_format
from editorial.interop import selectors as interop_selectors
from editorial.interop.forms import ClaimReviewImportForm, HypothesisImportForm
from editorial.interop.services.claimreviews import import_claimreviews
from editorial.interop.services.hypothesis import import_hypothesis
from sources.models import Source

#: Annotations one page import takes at most (a request stays short); more: the command.
PAGE_MAX_ANNOTATIONS = 500


def _import_page(request, *, form_class, template, run):
    require_editor(request)
    form = form_class(request.POST or None, request.FILES or None)
    report, error = None, None
    if request.method == "POST" and form.is_valid():
        try:
            report = run(form, form.text())
        except django_forms.ValidationError as bad:
            error = " ".join(bad.messages)
        except (ValidationError, PermissionDenied) as refused:
            error = (
                error_text(refused)
                if isinstance(refused, ValidationError)
                else str(refused)
            )
    status = 400 if (request.method == "POST" and (error or form.errors)) else 200
    return render(
        request,
        template,
        {"form": form, "report": report, "error": error},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def hypothesis_import(request):
    def run(form, text):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise django_forms.ValidationError(
                f"This is not JSON: {error.msg}."
            ) from error
        rows = (
            data.get("annotations", data.get("rows", []))
            if isinstance(data, dict)
            else data
        )
        if isinstance(rows, list) and len(rows) > PAGE_MAX_ANNOTATIONS:
            raise django_forms.ValidationError(
                f"{len(rows)} annotations: the page takes {PAGE_MAX_ANNOTATIONS} at most; "
                "use `manage.py import_hypothesis FILE` for more."
            )
        return import_hypothesis(
            data=data,
            user=request.user,
            text_as=form.cleaned_data["text_as"],
            reason=form.cleaned_data["reason"],
        )

    return _import_page(
        request,
        form_class=HypothesisImportForm,
        template="editorial/interop/hypothesis_import.html",
        run=run,
    )


@require_http_methods(["GET", "POST"])
def claimreview_import(request):
    def run(form, text):
        return import_claimreviews(
            text=text,
            user=request.user,
            reason=form.cleaned_data["reason"],
            base_url=form.cleaned_data.get("url") or "",
        )

    return _import_page(
        request,
        form_class=ClaimReviewImportForm,
        template="editorial/interop/claimreview_import.html",
        run=run,
    )


@require_safe
def hypothesis_export(request, pk):
    """The source's highlights in Hypothesis's format (its API's create shape)."""
    source = get_object_or_404(Source, pk=pk)
    urls = DeskUrls(base=request.build_absolute_uri("/"))
    uri = urls.source_target(source)
    rows = [
        hypothesis_format.write(
            uri=uri,
            title=source.title,
            exact=highlight.exact,
            prefix=highlight.prefix,
            suffix=highlight.suffix,
            start=highlight.start,
            end=highlight.end,
            text="\n\n".join(link.claim.statement for link in highlight.links.all()),
            tags=sorted(
                {
                    tagging.tag.name
                    for link in highlight.links.all()
                    for tagging in link.claim.taggings.all()
                }
            ),
        )
        for highlight in interop_selectors.highlights_for_hypothesis(source=source)
    ]
    response = HttpResponse(
        json.dumps({"total": len(rows), "rows": rows}, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="source-{source.pk}-hypothesis.json"'
    )
    return response
