"""Assigning a claim from its page or the reader, and each person's desk."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from core import conflicts
from core.views import error_text, require_editor
from editorial.claims import services as claim_services
from editorial.models import Claim
from editorial.queue import selectors as queue_selectors
from editorial.queue.forms import AssignmentForm


def _back(request, form, claim: Claim) -> str:
    target = form.cleaned_data.get("next", "") if form.is_bound else ""
    target = target or request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("claims:detail", args=[claim.pk]) + "#assignment"


@require_POST
def claim_assign(request, pk):
    require_editor(request)
    claim = get_object_or_404(Claim, pk=pk)
    form = AssignmentForm(request.POST)
    if not form.is_valid():
        problems = " ".join(
            f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errs)}"
            for name, errs in form.errors.items()
        )
        messages.error(request, f"The assignment was not saved. {problems}")
        return redirect(_back(request, form, claim))
    data = form.cleaned_data
    try:
        claim_services.claim_update(
            claim=claim,
            user=request.user,
            reason=data["reason"],
            expected_version=data["version"],
            assigned_to=data["assigned_to"],
            priority=data["priority"],
            due_on=data["due_on"],
        )
    except PermissionDenied as refused:
        messages.error(request, str(refused) or "Only editors can assign claims.")
    except conflicts.EditConflict:
        messages.error(
            request,
            "Someone changed this claim while you were editing; nothing was saved. "
            "Here is the claim as it is now.",
        )
    except ValidationError as error:
        messages.error(request, f"The assignment was not saved. {error_text(error)}")
    else:
        who = data["assigned_to"].get_username() if data["assigned_to"] else "nobody"
        messages.success(request, f"Assigned to {who}.")
    return redirect(_back(request, form, claim))


@require_safe
def my_desk(request):
    desk = queue_selectors.desk_for(request.user)
    return render(request, "editorial/queue/my_desk.html", {"desk": desk})
