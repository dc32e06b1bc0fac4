"""The suggestions page: what the checks propose, to accept or dismiss; and running them."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from core import roles
from editorial.checks import selectors as check_selectors
from editorial.checks import services as check_services
from editorial.models import Stance, Suggestion
from sources.models import Source, Story

CONTEXT_CHARS = 90


class DecisionForm(forms.Form):
    reason = forms.CharField(max_length=500)
    stance = forms.ChoiceField(choices=Stance.choices, required=False)


class SuggestionFilterForm(forms.Form):
    source = forms.IntegerField(required=False, widget=forms.HiddenInput)
    story = forms.IntegerField(required=False, widget=forms.HiddenInput)
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Suggestion.Status.choices], required=False
    )
    kind = forms.ChoiceField(
        choices=[("", "Any kind"), *Suggestion.Kind.choices], required=False
    )


def _context(body: str, start: int, end: int) -> tuple[str, str]:
    """Whole words around the quoted words, up to ``CONTEXT_CHARS`` each side."""
    before = body[max(0, start - CONTEXT_CHARS) : start]
    after = body[end : end + CONTEXT_CHARS]
    if start > CONTEXT_CHARS and " " in before:
        before = before.split(" ", 1)[1]
    if end + CONTEXT_CHARS < len(body) and " " in after:
        after = after.rsplit(" ", 1)[0]
    return before, after


def _list_url(request) -> str:
    query = {
        key: request.POST.get(key, "")
        for key in ("source", "story", "status", "kind")
        if request.POST.get(key)
    }
    url = reverse("suggestions:list")
    return f"{url}?{urlencode(query)}" if query else url


#: Units (a proposed dispute, or the same single finding repeated) per page.
UNITS_PER_PAGE = 20
#: Mentions shown of a unit of repeated single findings; the rest are counted.
SHOWN_REPEATS = 3


def _filtered(data):
    """The suggestions the filters name, and the filters as read."""
    query = data.copy()
    query.setdefault("status", Suggestion.Status.OPEN)
    form = SuggestionFilterForm(query)
    filters = form.cleaned_data if form.is_valid() else {"status": "open"}
    source = (
        Source.objects.filter(pk=filters["source"]).first()
        if filters.get("source")
        else None
    )
    story = (
        Story.objects.filter(pk=filters["story"]).first()
        if filters.get("story")
        else None
    )
    queryset = check_selectors.suggestions_filtered(
        source=source,
        story=story,
        status=filters.get("status") or "",
        kind=filters.get("kind") or "",
    )
    return form, filters, source, story, queryset


@require_safe
def suggestion_list(request):
    """What the checks propose, grouped by story and question, counted and paged."""
    form, filters, source, story, queryset = _filtered(request.GET)
    page = Paginator(check_selectors.triage_units(queryset), UNITS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = {row["unit"]: row for row in page.object_list}
    members: dict[str, list] = {unit: [] for unit in rows}
    for suggestion in check_selectors.triage_members(queryset, rows).prefetch_related(
        "revision"
    ):
        shown = members[suggestion.unit]
        if suggestion.group or len(shown) < SHOWN_REPEATS:
            before, after = _context(
                suggestion.revision.body, suggestion.start, suggestion.end
            )
            shown.append({"suggestion": suggestion, "before": before, "after": after})
    groups = [
        {
            "key": rows[unit]["unit"] if members[unit][0]["suggestion"].group else "",
            "unit": unit,
            "items": members[unit],
            "mentions": rows[unit]["mentions"],
            "hidden": rows[unit]["mentions"] - len(members[unit]),
            "story": members[unit][0]["suggestion"].source.story,
        }
        for unit in rows
        if members[unit]
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "editorial/suggestion_list.html",
        {
            "form": form,
            "filters": filters,
            "source": source,
            "story": story,
            "groups": groups,
            "page": page,
            "query": query.urlencode(),
            "count": page.paginator.count,
            "by_kind": check_selectors.counts_by_kind(queryset),
            "counts": check_selectors.suggestion_counts(source=source)
            if source
            else None,
            "not_in_reference": check_selectors.titles_not_in_reference(source=source)
            if source
            else [],
            "stances": Stance.choices,
            "can_edit": roles.is_editor(request.user),
            "bulk_limit": check_services.BULK_LIMIT,
        },
    )


@require_POST
def suggestions_bulk(request):
    """Accept or dismiss the chosen units, or everything the filters show, at once."""
    roles.require_editor(request.user)
    form, filters, source, story, queryset = _filtered(request.POST)
    decision = DecisionForm(request.POST)
    action = request.POST.get("action")
    if action not in ("accept", "dismiss") or not decision.is_valid():
        messages.error(request, "Choose accept or dismiss and give a reason.")
        return redirect(_list_url(request))
    open_ = queryset.filter(status=Suggestion.Status.OPEN)
    units = (
        None
        if request.POST.get("scope") == "filtered"
        else request.POST.getlist("units")
    )
    chosen = check_selectors.triage_members(open_, units)
    try:
        decided, disputes = check_services.suggestions_decide_in_bulk(
            suggestions=chosen[: check_services.BULK_LIMIT + 1],
            accept=action == "accept",
            user=request.user,
            reason=decision.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, f"Nothing was changed: {' '.join(error.messages)}")
    else:
        verb = "Accepted" if action == "accept" else "Dismissed"
        extra = (
            f", in {disputes} dispute{'s' if disputes != 1 else ''}" if disputes else ""
        )
        messages.success(
            request, f"{verb} {decided} suggestion{'s' if decided != 1 else ''}{extra}."
        )
    return redirect(_list_url(request))


def _decide(request, action, success: str):
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give a reason; it is kept in the history.")
        return redirect(_list_url(request))
    try:
        action(form.cleaned_data)
    except PermissionDenied:
        # A refusal is a 403 (the error page says why), as on every other desk page.
        raise
    except ValidationError as error:
        messages.error(request, f"Nothing was changed: {' '.join(error.messages)}")
    else:
        messages.success(request, success)
    return redirect(_list_url(request))


@require_POST
def suggestion_accept(request, pk):
    suggestion = get_object_or_404(Suggestion, pk=pk)
    return _decide(
        request,
        lambda data: check_services.suggestion_accept(
            suggestion=suggestion,
            user=request.user,
            reason=data["reason"],
            stance=data["stance"] or None,
        ),
        f"Accepted: the words “{suggestion.exact[:60]}” are highlighted with their claim.",
    )


@require_POST
def suggestion_dismiss(request, pk):
    suggestion = get_object_or_404(Suggestion, pk=pk)
    return _decide(
        request,
        lambda data: check_services.suggestion_dismiss(
            suggestion=suggestion, user=request.user, reason=data["reason"]
        ),
        "Dismissed; these words will not be proposed again.",
    )


@require_POST
def group_accept(request):
    group = request.POST.get("group", "")
    created = {}

    def accept(data):
        created["dispute"] = check_services.suggestion_group_accept(
            group=group, user=request.user, reason=data["reason"]
        )

    response = _decide(request, accept, "Accepted: the dispute is open.")
    if "dispute" in created:
        return redirect("disputes:detail", pk=created["dispute"].pk)
    return response


@require_POST
def group_dismiss(request):
    group = request.POST.get("group", "")
    return _decide(
        request,
        lambda data: check_services.suggestion_group_dismiss(
            group=group, user=request.user, reason=data["reason"]
        ),
        "Dismissed every position of the proposed dispute.",
    )


@require_POST
def checks_run_for_source(request, pk):
    source = get_object_or_404(Source, pk=pk)
    if not roles.is_editor(request.user):
        raise PermissionDenied("Only editors and reviewers run the checks.")
    try:
        report = check_services.checks_run(
            user=request.user, sources=[source], reason="Checks run from the reader"
        )
    except ValidationError as error:
        messages.error(request, f"The checks did not run: {' '.join(error.messages)}")
    else:
        messages.success(request, f"Checks done: {report}")
    return redirect(f"{reverse('suggestions:list')}?{urlencode({'source': source.pk})}")
