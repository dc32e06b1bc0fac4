"""The dispute pages: every open and settled question, and each one's positions side by side."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from core import conflicts, roles
from editorial.conversation import views as conversation_views
from editorial.disputes import selectors as dispute_selectors
from editorial.disputes import services as dispute_services
from editorial.disputes import services_settle
from editorial.disputes.forms import (
    DisputeAddClaimForm,
    DisputeFilterForm,
    DisputeOpenForm,
    DisputeReopenForm,
    DisputeResolveForm,
)
from editorial.highlights import marks
from editorial.models import Claim, Dispute
from sources import selectors as source_selectors


def _refused(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


#: Disputes a page of the list shows: a desk gathers thousands over the years.
DISPUTES_PER_PAGE = 50


@require_safe
def dispute_list(request):
    form = DisputeFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    disputes = dispute_selectors.disputes_for_list(
        status=filters.get("status") or "", source_id=filters.get("source")
    )
    page = Paginator(disputes, DISPUTES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "editorial/disputes/dispute_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "form": form,
            "source_id": filters.get("source"),
            "filter_source": source_selectors.source_titled(
                source_id=filters.get("source")
            ),
            "can_edit": roles.is_editor(request.user),
        },
    )


def _position(position) -> dict:
    claim = position.claim
    statements = []
    for link in claim.links.all():
        highlight = link.highlight
        before, after = marks.context_words(highlight.prefix, highlight.suffix)
        statements.append(
            {"link": link, "source": highlight.source, "before": before, "after": after}
        )
    return {"position": position, "claim": claim, "statements": statements}


def _dispute_page(
    request,
    pk,
    *,
    resolve_form=None,
    reopen_form=None,
    add_form=None,
    error=None,
    status=200,
):
    try:
        dispute = dispute_selectors.dispute_for_page(pk=pk)
    except Dispute.DoesNotExist as missing:
        raise Http404("No dispute with that number.") from missing
    positions = list(dispute.positions.all())
    claims = [position.claim for position in positions]
    if resolve_form is None or status == 409:
        resolve_form = DisputeResolveForm(
            claims=claims, initial={"version": dispute.version}
        )
    if reopen_form is None or status == 409:
        reopen_form = DisputeReopenForm(initial={"version": dispute.version})
    shown = [_position(position) for position in positions]
    if add_form is None or status == 409:
        add_form = DisputeAddClaimForm(
            claims=dispute_selectors.claims_to_add(dispute=dispute),
            initial={"version": dispute.version},
        )
    if roles.is_editor(request.user) and dispute.status == Dispute.Status.OPEN:
        in_dispute = [position.claim_id for position in positions]
        add_form.offer(
            dispute_selectors.claims_offered(
                near=in_dispute, chosen=add_form.picked_ids(), exclude=in_dispute
            )
        )
    return render(
        request,
        "editorial/disputes/dispute_detail.html",
        {
            "dispute": dispute,
            "positions": shown,
            "dated": dispute_selectors.dated_timeline(shown),
            "timeline": dispute_selectors.dispute_timeline(dispute=dispute),
            "resolve_form": resolve_form,
            "reopen_form": reopen_form,
            "add_form": add_form,
            "can_edit": roles.is_editor(request.user),
            "can_review": roles.is_reviewer(request.user),
            "error": error,
            **conversation_views.page_context(request, kind="dispute", subject=dispute),
        },
        status=status,
    )


@require_safe
def dispute_detail(request, pk):
    return _dispute_page(request, pk)


def _claims_of(dispute):
    return list(dispute.claims.order_by("dispute_positions__added_at", "pk"))


@require_POST
def dispute_resolve(request, pk):
    dispute = get_object_or_404(Dispute, pk=pk)
    form = DisputeResolveForm(request.POST, claims=_claims_of(dispute))
    if not form.is_valid():
        return _dispute_page(request, pk, resolve_form=form, status=400)
    data = form.cleaned_data
    common = {
        "dispute": dispute,
        "note": data["note"],
        "user": request.user,
        "reason": data["reason"],
        "expected_version": data["version"],
    }
    try:
        if data["resolution"] == Dispute.Resolution.EACH_AT_ITS_DATE:
            services_settle.dispute_resolve_each_at_its_date(
                as_of=form.as_of(), **common
            )
        elif data["resolution"] == Dispute.Resolution.CANNOT_BE_SETTLED:
            services_settle.dispute_resolve_cannot_be_settled(**common)
        else:
            dispute_services.dispute_resolve(
                chosen=Claim.objects.get(pk=data["chosen"]),
                verdicts=form.verdicts(),
                **common,
            )
    except PermissionDenied as error:
        return _dispute_page(request, pk, error=_refused(error), status=403)
    except conflicts.EditConflict as error:
        return _dispute_page(request, pk, error=_refused(error), status=409)
    except ValidationError as error:
        return _dispute_page(
            request, pk, resolve_form=form, error=_refused(error), status=400
        )
    messages.success(
        request, "The dispute is resolved; every position has its verdict."
    )
    return redirect("disputes:detail", pk=pk)


@require_POST
def dispute_reopen(request, pk):
    dispute = get_object_or_404(Dispute, pk=pk)
    form = DisputeReopenForm(request.POST)
    if not form.is_valid():
        return _dispute_page(request, pk, reopen_form=form, status=400)
    try:
        dispute_services.dispute_reopen(
            dispute=dispute,
            user=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except PermissionDenied as error:
        return _dispute_page(request, pk, error=_refused(error), status=403)
    except conflicts.EditConflict as error:
        return _dispute_page(request, pk, error=_refused(error), status=409)
    except ValidationError as error:
        return _dispute_page(request, pk, error=_refused(error), status=400)
    messages.success(request, "The dispute is open again; its positions are disputed.")
    return redirect("disputes:detail", pk=pk)


@require_POST
def dispute_add_claim(request, pk):
    dispute = get_object_or_404(Dispute, pk=pk)
    form = DisputeAddClaimForm(
        request.POST, claims=dispute_selectors.claims_to_add(dispute=dispute)
    )
    if not form.is_valid():
        return _dispute_page(request, pk, add_form=form, status=400)
    try:
        dispute_services.dispute_add_claim(
            dispute=dispute,
            claim=form.cleaned_data["claim"],
            user=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except PermissionDenied as error:
        return _dispute_page(request, pk, error=_refused(error), status=403)
    except conflicts.EditConflict as error:
        return _dispute_page(request, pk, error=_refused(error), status=409)
    except ValidationError as error:
        return _dispute_page(
            request, pk, add_form=form, error=_refused(error), status=400
        )
    messages.success(request, "The claim is now a position in this dispute.")
    return redirect("disputes:detail", pk=pk)


#: Open disputes the open page offers to add its claim to, the newest first.
OPEN_DISPUTES_SHOWN = 20


@require_http_methods(["GET", "HEAD", "POST"])
def dispute_open(request):
    """Open a dispute; ``?claim=ID`` (from a claim page or the reader) ticks that claim."""
    if not roles.is_editor(request.user):
        raise PermissionDenied("Only editors and reviewers can open a dispute.")
    if request.method == "POST":
        form = DisputeOpenForm(request.POST)
        if form.is_valid():
            try:
                dispute = dispute_services.dispute_open(
                    question=form.cleaned_data["question"],
                    claims=form.cleaned_data["claims"],
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "The dispute is open.")
                return redirect("disputes:detail", pk=dispute.pk)
        status = 400
    else:
        form = None
        status = 200
    given = [int(pk) for pk in request.GET.getlist("claim") if pk.isdigit()][:10]
    claim = Claim.objects.filter(pk=given[0]).first() if given else None
    if form is None:
        form = DisputeOpenForm(initial={"claims": given})
    picked = form.picked_ids()
    form.offer(dispute_selectors.claims_offered(near=picked or given, chosen=picked))
    open_disputes = (
        dispute_selectors.disputes_for_list(status=Dispute.Status.OPEN).exclude(
            positions__claim=claim
        )[:OPEN_DISPUTES_SHOWN]
        if claim
        else []
    )
    return render(
        request,
        "editorial/disputes/dispute_form.html",
        {"form": form, "claim": claim, "open_disputes": open_disputes},
        status=status,
    )
