"""The claims list and the claim page: quotes in context, evidence, status, history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from core import conflicts, roles
from editorial.claims import selectors as claim_selectors
from editorial.claims import services as claim_services
from editorial.claims.forms import ClaimFilterForm, ClaimStatusForm, EvidenceForm
from editorial.conversation import views as conversation_views
from editorial.exports import views as export_views
from editorial.highlights import marks
from editorial.history import selectors as history_selectors
from editorial.models import Claim
from editorial.publishing import selectors as publishing_selectors
from editorial.publishing.forms import desk_forms
from editorial.queue.forms import AssignmentForm

CLAIMS_PER_PAGE = 25
HISTORY_ON_PAGE = 8


@require_safe
def claim_list(request):
    form = ClaimFilterForm(request.GET)
    filters = form.filters()
    claims = claim_selectors.claims_for_list(**filters)
    page = Paginator(claims, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    without_source = query.copy()
    without_source.pop("source", None)
    without_dispute = query.copy()
    without_dispute.pop("dispute", None)
    return render(
        request,
        "editorial/claim_list.html",
        {
            "form": form,
            "page": page,
            "filtered": any(filters.values()),
            "query": query.urlencode(),
            "without_source": without_source.urlencode(),
            "without_dispute": without_dispute.urlencode(),
        },
    )


def _claim_page(
    request, claim_id, *, status_form=None, evidence_form=None, error=None, status=200
):
    try:
        claim = claim_selectors.claim_for_page(pk=claim_id)
    except Claim.DoesNotExist as missing:
        raise Http404("No claim with that number.") from missing
    quotes = []
    for link in claim.links.all():
        before, after = marks.context_words(
            link.highlight.prefix, link.highlight.suffix
        )
        quotes.append({"link": link, "before": before, "after": after})
    timeline = history_selectors.claim_timeline(claim_id=claim.pk)
    fact_check = publishing_selectors.fact_check_for_claim(claim=claim)
    if status_form is None or status == 409:
        status_form = ClaimStatusForm(
            user=request.user,
            initial={"status": claim.status, "version": claim.version},
        )
    return render(
        request,
        "editorial/claim_detail.html",
        {
            "claim": claim,
            "quotes": quotes,
            "status_form": status_form,
            "evidence_form": evidence_form or EvidenceForm(),
            "can_edit": roles.is_editor(request.user),
            "error": error,
            "history": timeline[:HISTORY_ON_PAGE],
            "history_more": len(timeline) > HISTORY_ON_PAGE,
            "claimreview": export_views.claim_review_for_page(request, claim),
            "fact_check": fact_check,
            "can_publish": roles.is_reviewer(request.user),
            "verdicts": Claim.VERDICTS,
            "assignment_form": AssignmentForm.for_claim(claim),
            "today": timezone.localdate(),
            **desk_forms(claim, fact_check),
            **conversation_views.page_context(request, kind="claim", subject=claim),
        },
        status=status,
    )


@require_safe
def claim_detail(request, pk):
    return _claim_page(request, pk)


def _refused(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@require_POST
def claim_change_status(request, pk):
    claim = get_object_or_404(Claim, pk=pk)
    form = ClaimStatusForm(request.POST, user=request.user)
    if not form.is_valid():
        return _claim_page(request, pk, status_form=form, status=400)
    data = form.cleaned_data
    try:
        claim_services.claim_set_status(
            claim=claim,
            status=data["status"],
            reason=data["reason"],
            verdict_note=data["verdict_note"] or None,
            user=request.user,
            expected_version=data["version"],
        )
    except PermissionDenied as error:
        return _claim_page(
            request, pk, status_form=form, error=_refused(error), status=403
        )
    except conflicts.EditConflict as error:
        return _claim_page(request, pk, error=_refused(error), status=409)
    except ValidationError as error:
        # Shown above the form: the page does not list every field's errors (the
        # verdict note's among them).
        form.add_error(None, _refused(error))
        return _claim_page(request, pk, status_form=form, status=400)
    messages.success(
        request,
        f"The claim is now {Claim.Status(data['status']).label.lower()}.",
    )
    return redirect("claims:detail", pk=pk)


@require_POST
def claim_add_evidence(request, pk):
    claim = get_object_or_404(Claim, pk=pk)
    form = EvidenceForm(request.POST)
    if not form.is_valid():
        return _claim_page(request, pk, evidence_form=form, status=400)
    try:
        roles.require_editor(request.user)
        claim_services.evidence_add(
            claim=claim,
            user=request.user,
            reason="Evidence added on the claim page",
            **form.cleaned_data,
        )
    except PermissionDenied as error:
        return _claim_page(
            request, pk, evidence_form=form, error=_refused(error), status=403
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _claim_page(request, pk, evidence_form=form, status=400)
    messages.success(request, "Evidence added.")
    return redirect(reverse("claims:detail", args=[pk]) + "#evidence")
