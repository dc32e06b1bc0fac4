"""Sources arriving on the desk: the sources list, the import page, new revisions."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core import roles
from core.views import error_text, require_editor
from editorial.highlights import marks
from editorial.highlights.views import STATUS_LEGEND
from editorial.intake import selectors as intake_selectors
from editorial.intake.forms import (
    ImportReasonForm,
    ImportReviewFormSet,
    ImportUploadForm,
    RevisionForm,
    browser_text,
)
from editorial.intake.services import (
    pending_import_discard,
    pending_import_store,
    pending_imports_expire,
    revision_create,
    source_import_extracted,
)
from editorial.intake.uploads import refusals
from editorial.models import ClaimStatus
from sources import extract
from sources import selectors as source_selectors
from sources.models import Source
from sources.services import StaleRevision

SOURCES_PER_PAGE = 25


@login_required
@require_safe
def source_list(request):
    search = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    if kind not in Source.Kind.values:
        kind = ""
    tag = request.GET.get("tag", "").strip()[:60]
    story = request.GET.get("story", "").strip()[:220]
    page = Paginator(
        intake_selectors.sources_for_list(
            search=search, kind=kind, tag=tag, story=story
        ),
        SOURCES_PER_PAGE,
    ).get_page(request.GET.get("page"))
    sources = list(page.object_list)
    for source in sources:
        source.status_bar = marks.status_bar(
            {status: getattr(source, f"claims_{status}") for status in ClaimStatus},
            dict(ClaimStatus.choices),
        )
    return render(
        request,
        "editorial/intake/source_list.html",
        {
            "sources": sources,
            "page": page,
            "query": urlencode(
                {
                    "q": search,
                    "kind": kind,
                    **{k: v for k, v in {"tag": tag, "story": story}.items() if v},
                }
            ),
            "tag": tag,
            "story": story,
            "search": search,
            "kind": kind,
            "kinds": Source.Kind.choices,
            "statuses": STATUS_LEGEND,
            "can_import": roles.is_editor(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def revision_new(request, pk):
    """Correct a source's text, or give it a newer version's file, with a reason."""
    require_editor(request)
    source = get_object_or_404(Source.objects.select_related("current_revision"), pk=pk)
    current = source.current_revision
    form = RevisionForm(
        request.POST or None,
        request.FILES or None,
        initial={"body": current.body, "expected_number": current.number},
        refusals=refusals(request),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["file"]:
                extracted = extract.extract(data["file"].read(), data["file"].name)
                body, name, digest = (
                    extracted.body,
                    extracted.file_name,
                    extracted.file_sha256,
                )
            else:
                body, name, digest = browser_text(data["body"], current.body), "", ""
            result = revision_create(
                source=source,
                body=body,
                user=request.user,
                reason=data["reason"],
                file_name=name,
                file_sha256=digest,
                expected_number=data["expected_number"],
            )
        except extract.ExtractionError as error:
            form.add_error("file", f"The file was refused: {error}.")
        except StaleRevision as error:
            form.add_error(None, error_text(error))
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, result.message)
            return redirect(
                "sources:revision", pk=source.pk, number=result.revision.number
            )
    return render(
        request,
        "editorial/intake/revision_form.html",
        {"source": source, "current": current, "form": form},
        status=400 if form.is_bound else 200,
    )


#: The session keeps only which batch of waiting articles (``PendingImport``) is the
#: editor's current review, never their texts.
PENDING = "sources.pending_import_batch"


@login_required
@require_http_methods(["GET", "POST"])
def source_import(request):
    """Upload files or paste a text; read them, then review what was found before saving."""
    require_editor(request)
    pending_imports_expire()
    if request.method == "POST" and "discard" in request.POST:
        pending_import_discard(
            user=request.user, batch=request.session.pop(PENDING, None)
        )
        return redirect("sources:import")
    if request.method == "POST" and "save" in request.POST:
        return _import_save(request)
    # Bound on every POST: a refused file leaves nothing in POST or FILES.
    posted = request.method == "POST"
    form = ImportUploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        refusals=refusals(request),
    )
    refused = []
    if request.method == "POST" and form.is_valid():
        items, refused = _read(form.cleaned_data)
        if items:
            batch = pending_import_store(user=request.user, items=items)
            request.session[PENDING] = batch
            return _review(request, _pending(request), refused)
        form.add_error(None, "Nothing could be read; see the reasons below.")
    # A refused submission answers 400 with the reasons, so scripts see it failed too.
    return render(
        request,
        "editorial/intake/source_import.html",
        {"form": form, "refused": refused},
        status=400 if form.is_bound else 200,
    )


def _pending(request) -> dict[str, dict]:
    return intake_selectors.pending_imports(
        user=request.user, batch=request.session.get(PENDING, "")
    )


def _read(cleaned) -> tuple[list[dict], list]:
    """Extract every upload (and the pasted text); refused files come back with a reason."""
    pending, refused = [], []
    items = [(upload.name, upload.read(), None) for upload in cleaned["files"]]
    if (cleaned.get("pasted") or "").strip():
        items.append(
            (
                "pasted text",
                cleaned["pasted"].encode("utf-8"),
                cleaned["pasted_format"] or extract.TEXT,
            )
        )
    for name, data, format in items:
        try:
            extracted = extract.extract(data, name, format)
        except extract.ExtractionError as error:
            refused.append((name, str(error)))
            continue
        if format is not None:
            extracted.file_name = ""
        pending.append(
            {
                "body": extracted.body,
                "title": extracted.title,
                "format": extracted.format,
                "file_name": extracted.file_name,
                "file_sha256": extracted.file_sha256,
                "author": extracted.author,
                "publisher": extracted.publisher,
                "url": extracted.url,
                "published_on": extracted.published_on.isoformat()
                if extracted.published_on
                else "",
                "published_on_note": extracted.published_on_note,
                "notes": extracted.notes,
            }
        )
    return pending, refused


def _extracted(item: dict) -> extract.Extracted:
    return extract.Extracted(
        body=item["body"],
        title=item["title"],
        format=item["format"],
        file_name=item["file_name"],
        file_sha256=item["file_sha256"],
    )


def _review(request, pending, refused=(), formset=None, reason_form=None, status=200):
    matches = {
        token: source_selectors.import_matches(
            extracted=_with_url(_extracted(item), item["url"])
        )
        for token, item in pending.items()
    }
    if formset is None:
        formset = ImportReviewFormSet(
            initial=[
                {
                    "token": token,
                    "include": matches[token][0] is None,
                    "title": item["title"],
                    "author": item["author"],
                    "publisher": item["publisher"],
                    "url": item["url"],
                    "kind": Source.Kind.NEWS_ARTICLE,
                    "published_on": item["published_on"] or None,
                    "published_on_note": item["published_on_note"],
                    "revision_of": matches[token][1],
                }
                for token, item in pending.items()
            ],
            prefix="article",
        )
    articles = []
    for form in formset.forms:
        token = form["token"].value()
        duplicate, same_url = matches.get(token, (None, None))
        item = pending.get(token, {})
        form.offer(
            source_selectors.revision_candidates(
                title=item.get("title", ""),
                url=item.get("url", ""),
                chosen=form.chosen_source_id(),
            )
        )
        articles.append(
            {
                "form": form,
                "item": item,
                "format_label": extract.FORMATS.get(item.get("format"), ""),
                "duplicate": duplicate,
                "same_url": same_url,
            }
        )
    return render(
        request,
        "editorial/intake/source_import_review.html",
        {
            "formset": formset,
            "articles": articles,
            "refused": refused,
            "reason_form": reason_form or ImportReasonForm(),
        },
        status=status,
    )


def _with_url(extracted, url):
    extracted.url = url
    return extracted


def _import_save(request):
    pending = _pending(request)
    formset = ImportReviewFormSet(request.POST, prefix="article")
    reason_form = ImportReasonForm(request.POST)
    if not pending:
        messages.error(
            request, "Nothing is waiting to be imported; choose the files again."
        )
        return redirect("sources:import")
    valid = formset.is_valid() and reason_form.is_valid()
    if not formset.is_valid():
        reason_form.add_error(
            None, "Nothing was saved: correct the fields marked below, then save."
        )
    chosen = [
        form.cleaned_data
        for form in formset.forms
        if valid and form.cleaned_data.get("include")
    ]
    metadata = {
        form.cleaned_data["token"]: form.metadata()
        for form in formset.forms
        if valid and form.cleaned_data.get("include")
    }
    if valid and not chosen:
        reason_form.add_error(None, "Tick at least one article to import.")
        valid = False
    if valid and any(data["token"] not in pending for data in chosen):
        messages.error(request, "These articles were already saved or have expired.")
        return redirect("sources:import")
    if not valid:
        return _review(
            request, pending, formset=formset, reason_form=reason_form, status=400
        )
    results = []
    try:
        with transaction.atomic():
            for data in chosen:
                item = pending[data["token"]]
                results.append(
                    source_import_extracted(
                        extracted=_extracted(item),
                        user=request.user,
                        reason=reason_form.cleaned_data["reason"],
                        revision_of=data["revision_of"],
                        match_url=False,
                        **metadata[data["token"]],
                    )
                )
    except ValidationError as error:
        reason_form.add_error(None, f"Nothing was saved: {error_text(error)}")
        return _review(
            request, pending, formset=formset, reason_form=reason_form, status=400
        )
    pending_import_discard(user=request.user, batch=request.session.pop(PENDING))
    for result in results:
        if result.created:
            messages.success(request, result.message)
        else:
            messages.info(request, f"Skipped, a duplicate: {result.message}")
    if len(results) == 1 and results[0].created:
        result = results[0]
        if result.revision is not None and result.revision.number > 1:
            return redirect(
                "sources:revision", pk=result.source.pk, number=result.revision.number
            )
        return redirect("sources:detail", pk=result.source.pk)
    return redirect("sources:list")
