"""The conversation's pages: threads and their forms, following, the inbox, live stamps.

Thin: each view parses its input, calls one service or selector and renders or
redirects. Forms work without JavaScript (post, then back to the page at the
comment); ``live.js`` adds polling and @-completion on top.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from core import roles
from editorial.conversation import selectors, services
from editorial.conversation.forms import CommentForm, ReasonForm
from editorial.models import Claim, Comment, Dispute, Highlight, Notification
from sources.extensions import Panel

#: What a comment may be about, by the name used in URLs.
THREADS = {"claim": Claim, "highlight": Highlight, "dispute": Dispute}


def _refused(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _thread_subject(kind: str, pk: int):
    model = THREADS.get(kind)
    if model is None:
        raise Http404("Comments are about claims, highlights and disputes.")
    return get_object_or_404(model, pk=pk)


def thread_context(request, *, kind: str, subject) -> dict:
    """What a page needs to show ``subject``'s thread (claim page, dispute page, reader)."""
    return {
        "thread": selectors.thread(**{kind: subject}),
        "thread_kind": kind,
        "thread_subject": subject,
        "comment_form": CommentForm(),
        "can_comment": roles.is_editor(request.user),
        "can_moderate": roles.is_reviewer(request.user),
    }


def follow_context(request, subject) -> dict:
    """The Follow/Unfollow button's state for ``subject``."""
    return {
        "follow_subject": subject,
        "follow_kind": selectors.followable_kind(subject),
        "following": selectors.is_following(user=request.user, subject=subject),
        "can_follow": roles.is_editor(request.user),
    }


def story_follow_panel(*, story, request):
    """The Follow button on a story's page (``sources.extensions``)."""
    return Panel(
        "editorial/conversation/_follow_panel.html", follow_context(request, story)
    )


def _page_of(subject) -> str:
    if isinstance(subject, Claim):
        return reverse("claims:detail", args=[subject.pk])
    if isinstance(subject, Dispute):
        return reverse("disputes:detail", args=[subject.pk])
    return reverse("conversation:highlight", args=[subject.pk])


@require_POST
def comment_post_view(request, kind, pk):
    subject = _thread_subject(kind, pk)
    form = CommentForm(request.POST, request=request)
    back = _page_of(subject)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("body", ["Not posted."])))
        return redirect(form.next_url(back) if form.is_bound else back)
    try:
        comment = services.comment_post(
            body=form.cleaned_data["body"], user=request.user, **{kind: subject}
        )
    except PermissionDenied as error:
        raise PermissionDenied(_refused(error)) from error
    except ValidationError as error:
        messages.error(request, _refused(error))
        return redirect(form.next_url(back))
    messages.success(request, "Comment posted.")
    return redirect(_at(form.next_url(back), comment))


def _at(url: str, comment: Comment) -> str:
    """``url`` pointing at ``comment``, unless it already names a place on its page."""
    return url if "#" in url else f"{url}#comment-{comment.pk}"


@require_POST
def comment_reply_view(request, pk):
    parent = get_object_or_404(Comment, pk=pk)
    form = CommentForm(request.POST, request=request)
    back = services.comment_url(parent)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("body", ["Not posted."])))
        return redirect(back)
    try:
        comment = services.comment_reply(
            parent=parent, body=form.cleaned_data["body"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, _refused(error))
        return redirect(back)
    messages.success(request, "Reply posted.")
    return redirect(_at(form.next_url(services.comment_url(comment)), comment))


def comment_edit_view(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("author", "claim", "dispute", "highlight"), pk=pk
    )
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    if comment.author_id != request.user.pk or comment.is_removed:
        raise PermissionDenied("Only its author can edit a comment.")
    form = CommentForm(
        request.POST if request.method == "POST" else None,
        request=request,
        initial={"body": comment.body},
    )
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.comment_edit(
                comment=comment, body=form.cleaned_data["body"], user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "Comment saved; its earlier words are in history."
            )
            return redirect(services.comment_url(comment))
    return render(
        request,
        "editorial/conversation/comment_edit.html",
        {"comment": comment, "form": form, "back": services.comment_url(comment)},
        status=400 if form.errors else 200,
    )


@require_POST
def comment_remove_view(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = (form.cleaned_data.get("reason") or "").strip() or "Comment removed"
    try:
        services.comment_remove(comment=comment, user=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, _refused(error))
    else:
        messages.success(request, "Comment removed; its words stay in the history.")
    return redirect(services.comment_url(comment))


@require_safe
def thread_view(request, kind, pk):
    """A thread as an HTML fragment, for the reader's panel and live updates."""
    subject = _thread_subject(kind, pk)
    context = thread_context(request, kind=kind, subject=subject)
    context["next"] = request.GET.get("next", "")
    return render(request, "editorial/conversation/_thread.html", context)


@require_safe
def highlight_page(request, pk):
    """Highlighted words and their thread, on a page of their own (no JavaScript needed)."""
    highlight = get_object_or_404(Highlight.objects.select_related("source"), pk=pk)
    return render(
        request,
        "editorial/conversation/highlight.html",
        {
            "highlight": highlight,
            **thread_context(request, kind="highlight", subject=highlight),
            **follow_context(request, highlight.source),
        },
    )


@require_safe
def people(request):
    """Desk users for @-completion: ``?q=`` a prefix of a username or name."""
    return JsonResponse({"people": selectors.desk_users_matching(request.GET.get("q"))})


@require_POST
def follow_view(request, kind, pk):
    model = selectors.FOLLOWABLE.get(kind)
    if model is None:
        raise Http404("Only claims, sources, disputes and stories are followed.")
    subject = get_object_or_404(model, pk=pk)
    if request.POST.get("action") == "unfollow":
        services.unfollow(user=request.user, subject=subject)
        messages.success(request, "You no longer follow it.")
    else:
        services.follow(user=request.user, subject=subject)
        messages.success(
            request, "You follow it: its changes reach your notifications."
        )
    return redirect(_safe_next(request, _follow_page(kind, subject)))


def _follow_page(kind: str, subject) -> str:
    if kind == "source":
        return reverse("sources:detail", args=[subject.pk])
    if kind in ("claim", "dispute"):
        return _page_of(subject)
    return reverse("conversation:inbox")


def _safe_next(request, default: str) -> str:
    form = CommentForm(
        {"body": "-", "next": request.POST.get("next", "")}, request=request
    )
    form.is_valid()
    return form.next_url(default)


@require_safe
def inbox(request):
    unread_only = request.GET.get("show") == "unread"
    found = selectors.inbox(user=request.user, unread_only=unread_only)
    shown = list(found[: selectors.INBOX_PAGE])
    return render(
        request,
        "editorial/conversation/inbox.html",
        {
            "notifications": shown,
            "unread_only": unread_only,
            "more": found.count() > len(shown)
            if len(shown) == selectors.INBOX_PAGE
            else False,
        },
    )


@require_POST
def inbox_mark_read(request):
    ids = request.POST.getlist("id")
    if ids and not all(value.isdigit() for value in ids):
        messages.error(request, "Those are not notifications.")
        return redirect("conversation:inbox")
    count = services.notifications_mark_read(user=request.user, ids=ids or None)
    messages.success(
        request, f"{count} notification{'s' if count != 1 else ''} marked read."
    )
    return redirect("conversation:inbox")


@require_safe
def notification_open(request, pk):
    """Open a notification: it is marked read and the page of the change opens."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notifications_mark_read(user=request.user, ids=[notification.pk])
    return redirect(notification.url)


LIVE = {
    "claim": lambda pk: selectors.claim_live(claim_id=pk),
    "dispute": lambda pk: selectors.dispute_live(dispute_id=pk),
    "source": lambda pk: selectors.source_live(source_id=pk),
}


def _live_answer(request, page: dict | None) -> HttpResponse:
    """The page's stamp and the unread count; 304 when neither changed since the
    ``ETag`` the browser sends back in ``If-None-Match``."""
    unread = selectors.unread_count(user=request.user)
    page_stamp = selectors.etag(page) if page is not None else ""
    tag = selectors.etag(page_stamp, unread)
    if request.headers.get("If-None-Match") == tag:
        response = HttpResponseNotModified()
    else:
        response = JsonResponse(
            {"unread": unread, "page": page_stamp, **(page or {})},
        )
    response["ETag"] = tag
    response["Cache-Control"] = "private, no-cache"
    return response


@require_safe
def live(request, kind, pk):
    if kind not in LIVE:
        raise Http404("Live updates are for claims, disputes and sources.")
    page = LIVE[kind](pk)
    if page is None:
        raise Http404("It is no longer on the desk.")
    return _live_answer(request, page)


@require_safe
def live_inbox(request):
    return _live_answer(request, None)


def page_context(request, *, kind: str, subject) -> dict:
    """The thread and the Follow button of a claim's or a dispute's page."""
    return {
        **thread_context(request, kind=kind, subject=subject),
        **follow_context(request, subject),
    }
