"""Pages for sources that change: revisions, word diffs and orphaned highlights."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from editorial import roles
from editorial.anchoring_services import highlight_reattach, highlight_retire
from editorial.diffs import trim_equal, word_diff
from editorial.models import Highlight

from . import extract, revision_selectors
from .models import Revision, Source
from .revision_forms import (
    ReattachForm,
    RetireForm,
    RevisionForm,
    browser_text,
)
from .services import StaleRevision, revision_create


def require_editor(request):
    if not roles.is_editor(request.user):
        raise PermissionDenied("Only editors and reviewers can change sources.")


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# Revisions -----------------------------------------------------------------------------


def _source(pk) -> Source:
    return get_object_or_404(Source.objects.select_related("current_revision"), pk=pk)


@login_required
@require_GET
def revision_list(request, pk):
    """A source's texts, newest first, with what each did to the highlights."""
    source = _source(pk)
    revisions = list(revision_selectors.revisions_for_source(source=source))
    return render(
        request,
        "sources/revision_list.html",
        {
            "source": source,
            "revisions": revisions,
            "can_edit": roles.is_editor(request.user),
        },
    )


@login_required
@require_GET
def revision_detail(request, pk, number):
    """One revision's text exactly as it was, and what re-anchoring did when it came."""
    source = _source(pk)
    revision = get_object_or_404(
        Revision.objects.select_related("created_by"), source=source, number=number
    )
    return render(
        request,
        "sources/revision_detail.html",
        {
            "source": source,
            "revision": revision,
            "changes": list(
                revision_selectors.revision_highlight_changes(revision=revision)
            ),
            "revision_count": source.current_revision.number,
        },
    )


@login_required
@require_GET
def revision_compare(request, pk):
    """A word diff between two revisions (``?from=1&to=2``)."""
    source = _source(pk)
    revisions = {
        revision.number: revision for revision in source.revisions.order_by("number")
    }
    try:
        old = revisions[
            int(request.GET.get("from", source.current_revision.number - 1))
        ]
        new = revisions[int(request.GET.get("to", source.current_revision.number))]
    except (KeyError, ValueError) as error:
        raise Http404("No such revision.") from error
    full = request.GET.get("full") == "1"
    pieces = word_diff(old.body, new.body)
    return render(
        request,
        "sources/revision_compare.html",
        {
            "source": source,
            "old": old,
            "new": new,
            "numbers": sorted(revisions),
            "pieces": pieces if full else trim_equal(pieces),
            "full": full,
            "changed": any(piece.op != "equal" for piece in pieces),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def revision_new(request, pk):
    """Correct a source's text, or give it a newer version's file, with a reason."""
    require_editor(request)
    source = _source(pk)
    current = source.current_revision
    form = RevisionForm(
        request.POST or None,
        request.FILES or None,
        initial={"body": current.body, "expected_number": current.number},
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
        "sources/revision_form.html",
        {"source": source, "current": current, "form": form},
        status=400 if form.is_bound else 200,
    )


# Orphaned highlights -------------------------------------------------------------------


def _orphan(pk, highlight_id) -> Highlight:
    return get_object_or_404(
        Highlight.objects.select_related("source__current_revision"),
        pk=highlight_id,
        source_id=pk,
    )


@login_required
@require_POST
def highlight_reattach_view(request, pk, highlight_id):
    """Re-attach an orphan to words of the current text: selected (offsets) or typed."""
    require_editor(request)
    highlight = _orphan(pk, highlight_id)
    form = ReattachForm(request.POST)
    back = reverse("sources:detail", args=[pk]) + "#orphaned-highlights"
    if not form.is_valid():
        messages.error(
            request,
            "Not re-attached: "
            + " ".join(
                f"{name}: {' '.join(errs)}" for name, errs in form.errors.items()
            ),
        )
        return redirect(back)
    data = form.cleaned_data
    body = highlight.source.current_revision.body
    words = browser_text(data["words"], body).strip()
    start, end = data["start"], data["end"]
    if start is None or end is None or body[start:end] != words:
        count = body.count(words) if words else 0
        if count != 1:
            messages.error(
                request,
                f"Not re-attached: “{words[:80]}” appears {count} times in the current "
                "text. Select the words in the text, then press Re-attach.",
            )
            return redirect(back)
        start = body.index(words)
        end = start + len(words)
    try:
        highlight_reattach(
            highlight=highlight,
            start=start,
            end=end,
            exact=words,
            user=request.user,
            reason=data["reason"],
        )
    except ValidationError as error:
        messages.error(request, f"Not re-attached: {error_text(error)}")
        return redirect(back)
    messages.success(request, f"Re-attached the highlight to “{words[:80]}”.")
    return redirect(reverse("sources:detail", args=[pk]) + f"#highlight-{highlight.pk}")


@login_required
@require_POST
def highlight_retire_view(request, pk, highlight_id):
    require_editor(request)
    highlight = _orphan(pk, highlight_id)
    form = RetireForm(request.POST)
    back = reverse("sources:detail", args=[pk]) + "#orphaned-highlights"
    if not form.is_valid():
        messages.error(
            request, "Not retired: give a reason; it is kept in the history."
        )
        return redirect(back)
    try:
        highlight_retire(
            highlight=highlight, user=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, f"Not retired: {error_text(error)}")
        return redirect(back)
    messages.success(
        request,
        f"Retired “{highlight.exact[:80]}”; it keeps its claims and stays in the history.",
    )
    return redirect(back)


def orphan_panel_context(*, source: Source) -> dict:
    """What the reader's "Orphaned highlights" panel shows (``includes/orphaned_panel.html``)."""
    return {"orphans": list(revision_selectors.orphans_for_source(source=source))}
