"""History pages: timelines, diffs, as-of views, recent changes, reverts, restores and versioned edits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from core import conflicts, roles
from core.diffs import changed_fields
from editorial.claims import services as claim_services
from editorial.history import selectors as selectors
from editorial.history import services as history_services
from editorial.history.forms import (
    ChangesFilterForm,
    ClaimEditForm,
    RestoreForm,
    RevertForm,
    SourceEditForm,
)
from editorial.models import Claim
from sources.models import Source
from sources.services import source_update_metadata

CHANGES_PER_PAGE = 50
REVERT_NEEDS_REASON = "Give a reason for restoring that version; nothing was changed."
RESTORED = (
    "Restored. The restore is a new version; the later ones are still in the history."
)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _claim_history_page(request, claim_id: int, status: int = 200):
    timeline = selectors.claim_timeline(claim_id=claim_id)
    if not timeline:
        raise Http404("No claim with that number has ever existed on the desk.")
    claim = Claim.objects.filter(pk=claim_id).first()
    title = timeline[-1].title if claim is None else str(claim)
    return render(
        request,
        "editorial/history/claim_history.html",
        {"claim": claim, "claim_id": claim_id, "timeline": timeline, "title": title},
        status=status,
    )


@login_required
@require_safe
def claim_history(request, claim_id: int):
    return _claim_history_page(request, claim_id)


@login_required
@require_safe
def claim_as_of(request, claim_id: int):
    at = None
    history_id = request.GET.get("version")
    if history_id and history_id.isdigit():
        state = selectors.claim_as_of(claim_id=claim_id, history_id=int(history_id))
    else:
        at = (
            parse_datetime(request.GET.get("at", "")) if request.GET.get("at") else None
        )
        if at is None:
            messages.error(
                request,
                "Choose a version, or a date and time such as 2026-01-06T12:00.",
            )
            return redirect("history:claim", claim_id=claim_id)
        if timezone.is_naive(at):
            at = timezone.make_aware(at)
        state = selectors.claim_as_of(claim_id=claim_id, at=at)
    if state is None:
        raise Http404("The claim did not exist at that point.")
    return render(
        request,
        "editorial/history/claim_as_of.html",
        {"state": state, "claim_id": claim_id, "asked_at": at},
    )


@login_required
@require_POST
def claim_revert(request, claim_id: int):
    """Restore an earlier version of a claim; a refusal re-renders its history (400 or 409)."""
    return _revert(
        request,
        revert=history_services.claim_revert,
        target={"claim": get_object_or_404(Claim, pk=claim_id)},
        page=lambda status: _claim_history_page(request, claim_id, status=status),
        done=("history:claim", {"claim_id": claim_id}),
    )


def _revert(request, *, revert, target: dict, page, done):
    """The shape of every revert: a form, one service call, and the history page either way."""
    form = RevertForm(request.POST)
    if not form.is_valid():
        messages.error(request, REVERT_NEEDS_REASON)
        return page(400)
    try:
        revert(
            **target,
            history_id=form.cleaned_data["history_id"],
            expected_version=form.cleaned_data["version"],
            user=request.user,
            reason=form.cleaned_data["reason"],
        )
    except conflicts.EditConflict as conflict:
        messages.error(request, str(conflict))
        return page(409)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return page(400)
    messages.success(request, RESTORED)
    name, kwargs = done
    return redirect(name, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def claim_edit(request, claim_id: int):
    claim = get_object_or_404(Claim.objects.select_related("assigned_to"), pk=claim_id)
    # Said before the editor types: the service refuses their change to the words.
    locked = claim.status in Claim.VERDICTS and not roles.is_reviewer(request.user)
    if request.method != "POST":
        return render(
            request,
            "editorial/history/claim_edit.html",
            {
                "claim": claim,
                "form": ClaimEditForm.for_claim(claim, verdict_locked=locked),
                "verdict_locked": locked,
            },
        )
    form = ClaimEditForm.for_claim(claim, data=request.POST, verdict_locked=locked)
    if not form.is_valid():
        return render(
            request,
            "editorial/history/claim_edit.html",
            {"claim": claim, "form": form, "verdict_locked": locked},
            status=400,
        )
    data = form.cleaned_data
    try:
        claim_services.claim_update(
            claim=claim,
            expected_version=data["version"],
            user=request.user,
            reason=data["reason"],
            statement=data["statement"],
            verdict_note=data["verdict_note"],
            assigned_to=data["assigned_to"],
        )
    except conflicts.EditConflict as conflict:
        current = conflict.current
        mine = {
            "statement": data["statement"],
            "verdict_note": data["verdict_note"],
            "assigned_to_id": getattr(data["assigned_to"], "pk", None),
        }
        theirs = {
            "statement": current.statement,
            "verdict_note": current.verdict_note,
            "assigned_to_id": current.assigned_to_id,
        }
        labels = {
            "statement": "Statement",
            "verdict_note": "Verdict note",
            "assigned_to_id": "Assigned to",
        }
        # The form keeps the editor's words but now carries the current version, so saving again is a deliberate redo.
        redo = ClaimEditForm(initial={**data, "version": current.version})
        return render(
            request,
            "editorial/history/claim_edit.html",
            {
                "claim": current,
                "form": redo,
                "conflict": conflict,
                "differences": changed_fields(
                    theirs, mine, labels, {"statement", "verdict_note"}
                ),
                "latest": selectors.claim_timeline(claim_id=claim_id)[:1],
            },
            status=409,
        )
    except ValidationError as error:
        for field, errors in getattr(
            error, "message_dict", {"statement": error.messages}
        ).items():
            form.add_error(field if field in form.fields else None, errors)
        return render(
            request,
            "editorial/history/claim_edit.html",
            {"claim": claim, "form": form},
            status=400,
        )
    messages.success(request, "Claim saved.")
    return redirect("claims:detail", pk=claim_id)


@login_required
@require_safe
def source_history(request, source_id: int):
    return _source_history_page(request, source_id)


def _source_history_page(request, source_id: int, status: int = 200):
    source = get_object_or_404(Source, pk=source_id)
    return render(
        request,
        "editorial/history/source_history.html",
        {"source": source, "timeline": selectors.source_timeline(source_id=source_id)},
        status=status,
    )


@login_required
@require_POST
def source_revert(request, source_id: int):
    """Restore earlier details of a source; a refusal re-renders its history (400 or 409)."""
    return _revert(
        request,
        revert=history_services.source_revert_metadata,
        target={"source": get_object_or_404(Source, pk=source_id)},
        page=lambda status: _source_history_page(request, source_id, status=status),
        done=("history:source", {"source_id": source_id}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def source_edit(request, source_id: int):
    source = get_object_or_404(Source, pk=source_id)
    if request.method != "POST":
        form = SourceEditForm(instance=source, initial={"version": source.version})
        return render(
            request,
            "editorial/history/source_edit.html",
            {"source": source, "form": form},
        )
    form = SourceEditForm(request.POST, instance=Source.objects.get(pk=source_id))
    if not form.is_valid():
        return render(
            request,
            "editorial/history/source_edit.html",
            {"source": source, "form": form},
            status=400,
        )
    data = form.cleaned_data
    changes = {name: data[name] for name in SourceEditForm.Meta.fields}
    try:
        source_update_metadata(
            source=source,
            user=request.user,
            reason=data["reason"],
            expected_version=data["version"],
            **changes,
        )
    except conflicts.EditConflict as conflict:
        current = conflict.current
        labels = {
            name: str(Source._meta.get_field(name).verbose_name).capitalize()
            for name in SourceEditForm.Meta.fields
        }
        theirs = {name: getattr(current, name) for name in labels}
        redo = SourceEditForm(
            instance=current,
            initial={**changes, "version": current.version, "reason": data["reason"]},
        )
        return render(
            request,
            "editorial/history/source_edit.html",
            {
                "source": current,
                "form": redo,
                "conflict": conflict,
                "differences": changed_fields(
                    theirs, changes, labels, {"title", "published_on_note"}
                ),
            },
            status=409,
        )
    messages.success(request, "Source details saved.")
    return redirect("history:source", source_id=source_id)


@login_required
@require_safe
def recent_changes(request):
    form = ChangesFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "user_id": data["user"].pk if data["user"] else None,
            "kind": data["kind"] or None,
            "source_id": data["source"].pk if data["source"] else None,
            "source_named": data["source_named"],
            "since": data["since"],
            "until": data["until"],
        }
    elif form.is_bound:
        return render(
            request,
            "editorial/history/changes.html",
            {"form": form, "page": None, "changes": []},
            status=400,
        )
    paginator = Paginator(selectors.recent_changes(**filters), CHANGES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    without_source = query.copy()
    without_source.pop("source", None)
    return render(
        request,
        "editorial/history/changes.html",
        {
            "form": form,
            "chosen_source": form.cleaned_data.get("source") if filters else None,
            "without_source": without_source.urlencode(),
            "page": page,
            "changes": selectors.changes_for_page(list(page.object_list)),
            "query": query.urlencode(),
        },
    )


@login_required
@require_safe
def change_detail(request, kind: str, history_id: int):
    if kind not in selectors.KINDS:
        raise Http404("No such kind of record.")
    change = selectors.version_of(kind=selectors.KINDS[kind], history_id=history_id)
    if change is None:
        raise Http404("No such version.")
    return render(request, "editorial/history/change_detail.html", {"change": change})


@login_required
@require_safe
def deleted(request):
    return _deleted_page(request)


def _deleted_page(request, status: int = 200):
    return render(
        request,
        "editorial/history/deleted.html",
        {"deleted": selectors.deleted_objects(), "form": RestoreForm()},
        status=status,
    )


@login_required
@require_POST
def restore(request, kind: str, object_id: int):
    """Restore a deleted object; a refusal re-renders the Deleted page with the reason (400)."""
    restorer = history_services.RESTORERS.get(kind)
    if restorer is None:
        raise Http404("Only claims, highlights and evidence can be restored.")
    form = RestoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give a reason for the restore; nothing was changed.")
        return _deleted_page(request, status=400)
    try:
        restorer(object_id, user=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return _deleted_page(request, status=400)
    label = selectors.KINDS[kind].label
    messages.success(request, f"Restored the {label} as a new version.")
    return redirect("history:deleted")
