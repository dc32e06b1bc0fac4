"""A desk full of hostile text, made through the services as any editor could make it.

Sources arrive with markup, scripts, event handlers, ``javascript:`` URLs, words longer
than any line, control characters, right-to-left overrides and emoji; editors copy
them into claims, notes and evidence. Every page must show all of it as text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core import roles
from editorial.accounts import services as account_services
from editorial.checks import services as check_services
from editorial.claims import services as claim_services
from editorial.conversation import services as conversation_services
from editorial.disputes import services as dispute_services
from editorial.exports.fixtures_load import fixtures_load
from editorial.highlights import services as highlight_services
from editorial.intake.services import revision_create, source_import_text
from editorial.models import Notification, Suggestion
from editorial.publishing import services as publishing_services
from editorial.tags import services as tag_services
from sources.services import source_update_metadata
from sources.stories import services as story_services

#: Markup that would run or inject if a page ever rendered it as HTML.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '" onmouseover="window.__pwned=1" data-x="',
    "</script><script>window.__pwned=1</script>",
    '<a href="javascript:window.__pwned=1">click</a>',
    "<svg onload=window.__pwned=1>",
]
#: Raw fragments that must never reach a page unescaped.
MARKERS = [
    "<script>window.__pwned",
    "<img src=x",
    'onmouseover="window',
    "<svg onload",
    '<a href="javascript:',
    "<b onclick",
]
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitän" * 40
ODD_TEXT = (
    "bell\u0007 escape\u001b[31m red, zero\u200bwidth, "
    "RTL \u202egnp.exe\u202c, emoji 👩‍👩‍👧 🇺🇦 🦄"
)
TITLE = "<script>window.__pwned=1</script> Envoy \u202eRTL\u202c 🦄"
PUBLISHER = '<b onclick="window.__pwned=1">The Daily</b>'
HOSTILE_URL = 'https://example.org/?q="><script>window.__pwned=1</script>'
USERNAME = "ed<img src=x onerror=window.__pwned=1>"
STATEMENT = "<svg onload=window.__pwned=1> Witkoff is the envoy 🦄 \u202eevil\u202c"
FORMULA = '=HYPERLINK("https://evil.example","click")'


def body() -> str:
    lines = [TITLE, "The envoy Steve Witkoff met the coalition leaders."]
    lines += PAYLOADS
    lines += [LONG_WORD, ODD_TEXT, "javascript:window.__pwned=1", "The end."]
    return "\n".join(lines)


def build_hostile_desk(*, reviewer, password: str = "desk-pass-123") -> dict:
    """Everything an editor can write, written with hostile text, by a hostile username."""
    User = get_user_model()
    editor = User.objects.create_user(
        username=USERNAME,
        password=password,
        first_name='<img src=x onerror="window.__pwned=1">',
    )
    editor.groups.add(Group.objects.get_or_create(name=roles.EDITORS)[0])
    text = body()
    source = source_import_text(
        text=text,
        user=editor,
        reason=PAYLOADS[1],
        publisher=PUBLISHER,
        url=HOSTILE_URL,
    ).source
    claims = []
    for words, statement in [
        (PAYLOADS[1], STATEMENT),
        (ODD_TEXT, FORMULA),
        (LONG_WORD[:200], PAYLOADS[0] + " " + LONG_WORD[:300]),
    ]:
        start = text.index(words)
        highlight = highlight_services.highlight_create(
            source=source,
            start=start,
            end=start + len(words),
            exact=words,
            user=editor,
            reason=PAYLOADS[2],
        )
        claim = claim_services.claim_create(
            statement=statement, user=editor, reason=TITLE
        )
        claim_services.claim_link_highlight(
            claim=claim, highlight=highlight, user=editor, reason=PAYLOADS[3]
        )
        claims.append(claim)
    first, second, third = claims
    claim_services.evidence_add(
        claim=first,
        supports=False,
        url=HOSTILE_URL,
        citation=PAYLOADS[4],
        note=ODD_TEXT,
        user=editor,
        reason=PAYLOADS[5],
    )
    first = claim_services.claim_update(
        claim=first,
        statement=STATEMENT + " " + PAYLOADS[5],
        user=editor,
        reason=PAYLOADS[0],
    )
    first = claim_services.claim_set_status(
        claim=first,
        status="false",
        verdict_note=PAYLOADS[1] + " " + LONG_WORD,
        user=reviewer,
        reason=PAYLOADS[3],
    )
    fact_check = publishing_services.fact_check_publish(
        claim=first,
        headline=PAYLOADS[0][:200],
        claimant=(PAYLOADS[1] + " " + ODD_TEXT)[:200],
        claim_date=date(2026, 1, 6),
        summary=PAYLOADS[2],
        user=reviewer,
        reason=PAYLOADS[3],
    )
    dispute = dispute_services.dispute_open(
        question=PAYLOADS[0] + " Who is the envoy? 🦄",
        claims=[second, third],
        user=editor,
        reason=PAYLOADS[1],
    )
    gone = claim_services.claim_create(
        statement=PAYLOADS[2], user=editor, reason="Typo"
    )
    gone_id = gone.pk
    claim_services.claim_delete(claim=gone, user=editor, reason=PAYLOADS[0])
    token, _ = account_services.api_token_create(
        user=editor, name=PAYLOADS[1], reason="Key"
    )
    source_history_id = source.history.order_by("history_id").first().history_id
    source = source_update_metadata(
        source=source, title=TITLE + " (corrected)", user=editor, reason=PAYLOADS[4]
    )
    # A correction that drops the <img> line orphans the first highlight.
    revision_create(
        source=source,
        body=text.replace(PAYLOADS[1] + "\n", ""),
        user=editor,
        reason=PAYLOADS[0],
    )
    orphan = first.highlights.get()
    settled = dispute_services.dispute_open(
        question=PAYLOADS[5] + " Did they meet?",
        claims=[first, third],
        user=editor,
        reason=PAYLOADS[0],
    )
    settled = dispute_services.dispute_resolve(
        dispute=settled,
        chosen=third,
        note=PAYLOADS[1] + ODD_TEXT,
        user=reviewer,
        reason=PAYLOADS[2],
    )
    suggestions = checked_suggestions(
        editor, kyiv=PAYLOADS[0], paris=PAYLOADS[5], extra=f" {PAYLOADS[1]} {ODD_TEXT} "
    )
    # The conversation: comments rendered as Markdown-lite must stay text too.
    comment = conversation_services.comment_post(
        claim=first,
        body=f"{PAYLOADS[0]} [click](javascript:window.__pwned=1) *{ODD_TEXT}*",
        user=editor,
    )
    conversation_services.comment_reply(
        parent=comment, body=PAYLOADS[1] + " " + LONG_WORD, user=editor
    )
    conversation_services.comment_post(dispute=dispute, body=PAYLOADS[2], user=editor)
    conversation_services.comment_post(
        highlight=second.highlights.get(), body=PAYLOADS[3], user=editor
    )
    from tests.test_permission_matrix import background_work

    export_job, failed_task = background_work(editor, source)
    tag_services.claim_set_tags(
        claim=first, text=PAYLOADS[0][:45], user=editor, reason=PAYLOADS[1]
    )
    tag_services.source_set_tags(
        source=source, text=PAYLOADS[2][:45], user=editor, reason=PAYLOADS[1]
    )
    notification = Notification.objects.create(
        recipient=editor,
        actor=editor,
        kind="comment.reply",
        summary=PAYLOADS[3],
        url="/",
    )
    return {
        "editor": editor,
        "export_job": export_job,
        "failed_task": failed_task,
        "comment": comment,
        "notification": notification,
        "tag": first.taggings.get().tag,
        "source": source,
        "claims": [first, second, third],
        "claim": first,
        "reviewed": first,
        "highlight": second.highlights.get(),
        "dispute": dispute,
        "deleted_claim_id": gone_id,
        "token": token,
        "history_id": first.history.order_by("history_id").first().history_id,
        "source_history_id": source_history_id,
        "corrected": source,
        "orphan": orphan,
        "resolved": settled,
        "suggestion": suggestions.get(kind="anachronism"),
        "suggestion_group": suggestions.exclude(group="").first().group,
        "rated": third,
        "fact_check": fact_check,
    }


def checked_suggestions(editor, *, kyiv: str = "", paris: str = "", extra: str = ""):
    """Two articles the consistency checks fault (an out-of-date prime minister, two
    counts of nations), optionally wrapped in more text, and the suggestions found."""
    fixtures_load(paths=[Path(settings.BASE_DIR) / "fixtures" / "reference.json"])
    # One story: the checks compare sources within a story only.
    story = story_services.story_get_or_create(
        name="Coalition", user=editor, reason="Test"
    )
    for text, day in [
        (
            f"{kyiv}Kyiv, 6 January 2026\nBritish Prime Minister Rishi Sunak said "
            f"{extra}26 nations joined the coalition.{extra}",
            6,
        ),
        (f"{paris}Paris\nAround 35 nations joined the coalition.{extra}", 7),
    ]:
        source_import_text(
            text=text,
            user=editor,
            reason="Imported",
            published_on=date(2026, 1, day),
            story=story,
        )
    check_services.checks_run(user=editor, reason="Checks")
    return Suggestion.objects.all()
