"""Who reaches what: every role against every page, API endpoint and export, with every method.

``MATRIX`` is the desk's access policy written out cell by cell. The URL resolver is
walked, so a URL that is not in the matrix fails the suite until someone decides who
may use it. Writes are sent with the body a real editor's browser or script would
send (``BODIES``), so a cell says "done" or "refused", never merely "incomplete";
each request runs in a transaction that is rolled back, so every cell starts from the
same desk.

Cells, one per role in ``ROLES`` order: ``L`` a redirect to the log-in page, ``A`` a
redirect to the admin's log-in, ``R`` any other redirect (done, or bounced back to
its page with a message), otherwise the HTTP status.
"""

from __future__ import annotations

import datetime
import json
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core import roles
from editorial.accounts import services as account_services
from editorial.claims import services as claim_services
from editorial.conversation import services as conversation_services
from editorial.disputes import services as dispute_services
from editorial.highlights import services as highlight_services
from editorial.intake.services import revision_create
from editorial.models import Notification
from editorial.publishing import services as publishing_services
from editorial.tags import services as tag_services
from sources.services import source_update_metadata
from tests.dbdump import dump_difference, full_dump
from tests.hostile import checked_suggestions

ROLES = ["anonymous", "editor", "reviewer", "staff", "superuser"]
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]

#: Log-in attempts are logged by django-axes; an empty log-in form adds to that log.
LOGS = {"axes.accessattempt", "axes.accessfailurelog", "axes.accesslog"}

PAGE = "L 200 200 200 200"
NOT_ALLOWED = "L 405 405 405 405"
EVERYONE = "200 200 200 200 200"
OPEN_NOT_ALLOWED = "405 405 405 405 405"
API_NOT_ALLOWED = "401 405 405 405 405"
API_READ = "401 200 200 200 200"
#: Writes: editors and reviewers (and superusers, who are both); a bare staff
#: account is not on the desk.
DESK_WRITE = "L R R 403 R"
REVIEWER_WRITE = "L 403 R 403 R"


def row(get=NOT_ALLOWED, post=NOT_ALLOWED, other=NOT_ALLOWED, **methods):
    cells = {"GET": get, "POST": post, "PUT": other, "PATCH": other, "DELETE": other}
    cells.update({method.upper(): cells_ for method, cells_ in methods.items()})
    return cells


def page(**methods):
    """A page any logged-in user may read, and nothing else."""
    return row(get=PAGE, **methods)


def open_page(**methods):
    """A page open to anyone, logged in or not."""
    defaults = {"post": OPEN_NOT_ALLOWED, "other": OPEN_NOT_ALLOWED}
    return row(get=EVERYONE, **{**defaults, **methods})


def api(**methods):
    """An API endpoint: methods it does not take are refused once authenticated."""
    defaults = {"get": API_NOT_ALLOWED, "post": API_NOT_ALLOWED}
    return row(other=API_NOT_ALLOWED, **{**defaults, **methods})


# fmt: off
MATRIX: dict[str, dict[str, str]] = {
    # Django's own account views, as Django ships them (its form views answer PUT as
    # POST; the reset link page answers any method). Empty forms come back with errors.
    "login": open_page(post=EVERYONE, put=EVERYONE),
    "logout": row(post="L L L L L"),
    "password_change": page(post=PAGE, put=PAGE),
    "password_change_done": page(),
    # Your own account and API tokens. Another user's token is "not found".
    "account": page(),
    "api-token-create": row(post=PAGE),
    "api-token-revoke": row(post="L R 404 404 404"),
    # Reading the desk: anyone logged in.
    "home": page(),
    "sources:list": page(),
    "sources:detail": page(),
    "sources:revisions": page(),
    "sources:revision": page(),
    "sources:revision-compare": page(),
    "claims:list": page(),
    "claims:detail": page(),
    "history:claim": page(),
    "history:claim-as-of": page(),
    "history:source": page(),
    "history:changes": page(),
    "history:change": page(),
    "history:deleted": page(),
    # Changing the desk: editors and reviewers.
    "sources:import": row(get="L 200 200 403 200", post="L 200 200 403 200"),
    "sources:revision-new": row(get="L 200 200 403 200", post=DESK_WRITE),
    "sources:highlight-reattach": row(post=DESK_WRITE),
    "sources:highlight-retire": row(post=DESK_WRITE),
    "claims:status": row(post=DESK_WRITE),
    "claims:evidence": row(post=DESK_WRITE),
    "history:claim-edit": row(get=PAGE, post=DESK_WRITE),
    "history:claim-revert": row(post=DESK_WRITE),
    "history:source-edit": row(get=PAGE, post=DESK_WRITE),
    "history:source-revert": row(post=DESK_WRITE),
    "history:restore": row(post=DESK_WRITE),
    # Disputes: anyone logged in reads; editors open them and add positions;
    # only reviewers resolve and reopen.
    "disputes:list": page(),
    "disputes:detail": page(),
    "disputes:open": row(get="L 200 200 403 200", post=DESK_WRITE),
    "disputes:add-claim": row(post=DESK_WRITE),
    "disputes:resolve": row(post="L 403 R 403 R"),
    "disputes:reopen": row(post="L 403 R 403 R"),
    # Suggestions from the consistency checks: editors run the checks and decide.
    "suggestions:list": page(),
    "suggestions:run": row(post=DESK_WRITE),
    "suggestions:accept": row(post=DESK_WRITE),
    "suggestions:dismiss": row(post=DESK_WRITE),
    "suggestions:group-accept": row(post=DESK_WRITE),
    "suggestions:group-dismiss": row(post=DESK_WRITE),
    "suggestions:bulk": row(post=DESK_WRITE),
    # Stories: anyone logged in reads; editors confirm, rename, merge, split, move.
    "stories:list": page(),
    "stories:detail": page(),
    "stories:confirm": row(post=DESK_WRITE),
    "stories:rename": row(post=DESK_WRITE),
    "stories:merge": row(post=DESK_WRITE),
    "stories:split": row(post=DESK_WRITE),
    "stories:move": row(post=DESK_WRITE),
    # The JSON API: the session (with CSRF) or a token; 401 with neither.
    "api:source-annotations": api(get=API_READ),
    "api:source-highlights": api(get=API_READ),
    "api:annotations": api(post="401 201 201 403 201"),
    "api:annotation": api(get=API_READ),
    "api:claims": api(get=API_READ),
    "api:claim": api(get=API_READ, patch="401 200 200 403 200"),
    # Exports: reading, so anyone logged in; the full fixtures only for reviewers, and
    # the admin's download only for superusers.
    "export:index": page(),
    "export:annotations": page(),
    "export:source-annotations-pick": row(get="L R R R R"),
    "export:source-annotations": page(),
    "export:claimreviews": page(),
    "export:claimreview": page(),
    "export:claims-csv": page(),
    "export:fixtures": row(get="L 403 200 403 200"),
    "admin-export": row(get="L A A 403 200", post="L A A 405 405", other="L A A 405 405"),
    # Publishing: the public fact checks, their feed, sitemap.xml and robots.txt are all
    # an anonymous visitor reaches; only reviewers publish, update and unpublish.
    "publishing:list": open_page(),
    "publishing:detail": open_page(),
    "publishing:feed": open_page(),
    "publishing:sitemap": open_page(),
    "publishing:robots": open_page(),
    "publishing:publish": row(post=REVIEWER_WRITE),
    "publishing:update": row(post=REVIEWER_WRITE),
    "publishing:unpublish": row(post=REVIEWER_WRITE),
    # Background work: staff see the queues and failed tasks and retry them; anyone
    # logged in asks for an annotation export and follows the checks on a source; an
    # export's page and file are for the one who asked and staff ("not found" else).
    "jobs:list": row(get="L 403 403 200 200"),
    "jobs:retry": row(post="L 403 403 R R"),
    "jobs:export-start": row(post="L R R R R"),
    "jobs:export": row(get="L 200 404 200 200"),
    "jobs:export-status": row(get="L 200 404 200 200"),
    "jobs:export-download": row(get="L 200 404 200 200"),
    "jobs:checks-status": page(),
    # The conversation: anyone logged in reads threads, the people to mention and
    # their own inbox (another's notification is "not found"); editors and reviewers
    # comment and follow; only a comment's author edits it, its author or a reviewer
    # removes it.
    "conversation:inbox": page(),
    "conversation:inbox-read": row(post="L R R R R"),
    "conversation:notification": row(get="L R 404 404 404"),
    "conversation:post": row(post=DESK_WRITE),
    "conversation:thread": page(),
    "conversation:reply": row(post=DESK_WRITE),
    "conversation:edit": row(get="L 200 403 403 403", post="L R 403 403 403"),
    "conversation:remove": row(post=DESK_WRITE),
    "conversation:highlight": page(),
    "conversation:people": page(),
    "conversation:follow": row(post=DESK_WRITE),
    "conversation:live": page(),
    "conversation:live-inbox": page(),
    # Tags and assignment: anyone logged in reads tags and their own desk; editors
    # and reviewers tag and assign.
    "tags:list": page(),
    "tags:detail": page(),
    "tags:claim": row(post=DESK_WRITE),
    "tags:source": row(post=DESK_WRITE),
    "queue:desk": page(),
    "queue:assign": row(post=DESK_WRITE),
    # Other tools: imports are an editor's (the page answers with its report); the
    # Hypothesis export is reading. The annotation protocol authenticates as the API
    # does; its writes are an editor's, and a PUT or DELETE needs If-Match (428).
    "interop:hypothesis-import": row(get="L 200 200 403 200", post="L 200 200 403 200"),
    "interop:claimreview-import": row(get="L 200 200 403 200", post="L 200 200 403 200"),
    "interop:hypothesis-export": page(),
    "protocol:container": api(get=API_READ, post="401 201 201 403 201"),
    "protocol:annotation": api(
        get=API_READ, put="401 428 428 403 428", delete="401 428 428 403 428"
    ),
    "api:schema": api(get=API_READ),
    "api:docs": api(get=API_READ),
}
#: What an anonymous visitor may read: the log-in page and the public fact checks.
PUBLIC = {
    "login",
    "publishing:list",
    "publishing:detail",
    "publishing:feed",
    "publishing:sitemap",
    "publishing:robots",
}
# fmt: on


ANNO = "http://www.w3.org/ns/anno.jsonld"
#: URLs that take JSON bodies (the API and the annotation protocol).
JSON_URLS = ("api:", "protocol:")


def annotation(desk) -> dict:
    """A W3C annotation as a client script sends it: these words state this claim."""
    return {
        "@context": ANNO,
        "type": "Annotation",
        "body": [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": "Witkoff met the coalition leaders.",
                "stance": "assert",
            }
        ],
        "target": {
            "source": f"/sources/{desk['source'].pk}/",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "the coalition leaders"}
            ],
        },
    }


def bodies(desk) -> dict[str, dict[str, dict]]:
    """What a real editor would send to each URL that writes, by method."""
    claim, source, dispute = desk["claim"], desk["source"], desk["dispute"]
    return {
        "history:claim-as-of": {"GET": {"version": desk["history_id"]}},
        "export:source-annotations-pick": {"GET": {"source": source.pk}},
        "api-token-create": {"POST": {"name": "newsroom script"}},
        "claims:status": {
            "POST": {
                "status": "in_review",
                "reason": "Checking",
                "version": claim.version,
            }
        },
        "claims:evidence": {
            "POST": {
                "supports": "true",
                "url": "https://example.org/envoy",
                "reason": "Found it",
            }
        },
        "history:claim-revert": {
            "POST": {
                "history_id": desk["history_id"],
                "version": claim.version,
                "reason": "Back to the first wording",
            }
        },
        "history:claim-edit": {
            "POST": {
                "statement": "Witkoff is the special envoy",
                "verdict_note": "",
                "assigned_to": "",
                "version": claim.version,
                "reason": "Sharper",
            }
        },
        "history:source-revert": {
            "POST": {
                "history_id": desk["source_history_id"],
                "version": source.version,
                "reason": "Back",
            }
        },
        "history:source-edit": {
            "POST": {
                "title": "Envoy meets leaders",
                "publisher": "Example Times",
                "url": "https://example.org/envoy",
                "kind": source.kind,
                "language": "en",
                "published_on": "2026-01-06",
                "published_on_note": "Dateline",
                "version": source.version,
                "reason": "Byline",
            }
        },
        "history:restore": {"POST": {"reason": "Not a mistake after all"}},
        "api:annotations": {"POST": annotation(desk)},
        "protocol:container": {"POST": annotation(desk)},
        "protocol:annotation": {"PUT": annotation(desk)},
        "tags:claim": {"POST": {"tags": "envoys, talks", "reason": "Filing"}},
        "tags:source": {"POST": {"tags": "envoys", "reason": "Filing"}},
        "queue:assign": {
            "POST": {
                "assigned_to": "ed",
                "priority": "3",
                "due_on": "",
                "reason": "Yours",
                "version": claim.version,
            }
        },
        "interop:hypothesis-import": {
            "POST": {"pasted": "[]", "text_as": "claim", "reason": "Nothing yet"}
        },
        "interop:claimreview-import": {
            "POST": {
                "pasted": json.dumps(
                    {
                        "@type": "ClaimReview",
                        "claimReviewed": "Witkoff is the envoy",
                        "url": "https://factcheck.example/witkoff",
                        "author": {"name": "Example Check"},
                        "reviewRating": {"alternateName": "True"},
                    }
                ),
                "reason": "Their verdict",
            }
        },
        "api:annotation": {"PUT": annotation(desk), "PATCH": annotation(desk)},
        "api:claim": {
            "PATCH": {
                "status": "in_review",
                "reason": "Checking",
                "version": claim.version,
            }
        },
        "sources:import": {
            "POST": {"pasted": "Pasted title\nA pasted body.", "pasted_format": "text"}
        },
        "sources:revision-new": {
            "POST": {
                "body": "Envoy\nThe envoy Steve Witkoff met all the coalition leaders.",
                "reason": "Publisher's correction",
                "expected_number": 1,
            }
        },
        "sources:highlight-reattach": {
            "POST": {"quote": "The official stayed", "reason": "Same fact, new words"}
        },
        "sources:highlight-retire": {"POST": {"reason": "Corrected away"}},
        "disputes:open": {
            "POST": {
                "question": "How many nations joined?",
                "claims": [claim.pk, desk["reviewed"].pk],
                "reason": "They differ",
            }
        },
        "disputes:add-claim": {
            "POST": {
                "claim": desk["reviewed"].pk,
                "reason": "Another position",
                "version": dispute.version,
            }
        },
        "disputes:resolve": {
            "POST": {
                "chosen": claim.pk,
                "note": "The State Department names Witkoff",
                "reason": "Evidence found",
                "version": dispute.version,
            }
        },
        "disputes:reopen": {
            "POST": {"reason": "New evidence", "version": desk["resolved"].version}
        },
        "publishing:publish": {
            "POST": {
                "publish-headline": "The coalition met",
                "publish-claimant": "Example Wire",
                "publish-claimant_kind": "organisation",
                "publish-claim_date": "2026-01-06",
                "publish-reason": "Ready for readers",
            }
        },
        "publishing:update": {
            "POST": {
                "update-headline": "The coalition met in Paris",
                "update-claimant": "Example Wire",
                "update-claimant_kind": "organisation",
                "update-claim_date": "2026-01-06",
                "update-summary": "Minutes published.",
                "update-reason": "Place named",
                "update-version": desk["fact_check"].version,
            }
        },
        "publishing:unpublish": {
            "POST": {
                "unpublish-reason": "Withdrawn",
                "unpublish-version": desk["fact_check"].version,
            }
        },
        "suggestions:accept": {"POST": {"reason": "Right", "stance": "assert"}},
        "suggestions:dismiss": {"POST": {"reason": "Not a problem"}},
        "jobs:export-start": {"POST": {"kind": "annotations"}},
        "conversation:post": {"POST": {"body": "Who said it first, @rev?"}},
        "conversation:reply": {"POST": {"body": "The minutes."}},
        "conversation:edit": {"POST": {"body": "Who said it first?"}},
        "conversation:remove": {"POST": {"reason": "Off topic"}},
        "conversation:follow": {"POST": {"action": "follow"}},
        "suggestions:group-accept": {
            "POST": {"group": desk["suggestion_group"], "reason": "They differ"}
        },
        "suggestions:group-dismiss": {
            "POST": {"group": desk["suggestion_group"], "reason": "Same figure"}
        },
    }


def url_kwargs(desk) -> dict[str, dict]:
    """Arguments for each URL that takes some, pointing at the desk's objects."""
    claim, source = {"pk": desk["claim"].pk}, {"pk": desk["source"].pk}
    orphan = {"pk": desk["corrected"].pk, "highlight_id": desk["orphan"].pk}
    return {
        "api-token-revoke": {"pk": desk["token"].pk},
        "sources:detail": source,
        "claims:detail": claim,
        "claims:status": claim,
        "claims:evidence": claim,
        "history:claim": {"claim_id": desk["claim"].pk},
        "history:claim-as-of": {"claim_id": desk["claim"].pk},
        "history:claim-revert": {"claim_id": desk["claim"].pk},
        "history:claim-edit": {"claim_id": desk["claim"].pk},
        "history:source": {"source_id": desk["source"].pk},
        "history:source-revert": {"source_id": desk["source"].pk},
        "history:source-edit": {"source_id": desk["source"].pk},
        "history:change": {"kind": "claim", "history_id": desk["history_id"]},
        "history:restore": {"kind": "claim", "object_id": desk["deleted_claim_id"]},
        "api:source-annotations": source,
        "api:source-highlights": source,
        "api:annotation": {"pk": desk["highlight"].pk},
        "api:claim": claim,
        "sources:revisions": source,
        "export:source-annotations": source,
        "disputes:detail": {"pk": desk["dispute"].pk},
        "disputes:add-claim": {"pk": desk["dispute"].pk},
        "disputes:resolve": {"pk": desk["dispute"].pk},
        "disputes:reopen": {"pk": desk["resolved"].pk},
        "suggestions:run": source,
        **{
            f"stories:{name}": {"slug": desk["source"].story.slug}
            for name in ("detail", "confirm", "rename", "merge", "split", "move")
        },
        "suggestions:accept": {"pk": desk["suggestion"].pk},
        "suggestions:dismiss": {"pk": desk["suggestion"].pk},
        "export:claimreview": {"pk": desk["reviewed"].pk},
        "sources:revision": {"pk": desk["source"].pk, "number": 1},
        "sources:revision-compare": {"pk": desk["corrected"].pk},
        "sources:revision-new": source,
        "sources:highlight-reattach": orphan,
        "sources:highlight-retire": orphan,
        "publishing:detail": {"slug": desk["fact_check"].slug},
        "publishing:publish": {"pk": desk["rated"].pk},
        "publishing:update": {"pk": desk["fact_check"].claim_id},
        "publishing:unpublish": {"pk": desk["fact_check"].claim_id},
        "jobs:retry": {"result_id": desk["failed_task"].pk},
        "jobs:export": {"pk": desk["export_job"].pk},
        "jobs:export-status": {"pk": desk["export_job"].pk},
        "jobs:export-download": {"pk": desk["export_job"].pk},
        "jobs:checks-status": source,
        "conversation:notification": {"pk": desk["notification"].pk},
        "tags:detail": {"slug": desk["tag"].slug},
        "tags:claim": claim,
        "tags:source": source,
        "queue:assign": claim,
        "interop:hypothesis-export": source,
        "protocol:container": source,
        "protocol:annotation": {
            "pk": desk["source"].pk,
            "name": str(desk["highlight"].pk),
        },
        "conversation:post": {"kind": "claim", "pk": desk["claim"].pk},
        "conversation:thread": {"kind": "claim", "pk": desk["claim"].pk},
        "conversation:reply": {"pk": desk["comment"].pk},
        "conversation:edit": {"pk": desk["comment"].pk},
        "conversation:remove": {"pk": desk["comment"].pk},
        "conversation:highlight": {"pk": desk["highlight"].pk},
        "conversation:follow": {"kind": "claim", "pk": desk["claim"].pk},
        "conversation:live": {"kind": "claim", "pk": desk["claim"].pk},
    }


def desk_url_names() -> list[str]:
    """Every named URL outside the admin (which has its own test below)."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = (
                    f"{namespace}{pattern.namespace}:"
                    if pattern.namespace
                    else namespace
                )
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"unnamed URL {pattern.pattern}: name it"
                yield namespace + pattern.name

    return sorted(set(walk(get_resolver().url_patterns)))


def published_fact_check(editor, reviewer):
    """A claim with a verdict not yet published, and a published fact check."""
    claims = []
    for statement in ("The summit took place", "The coalition met in Paris"):
        claim = claim_services.claim_create(
            statement=statement, user=editor, reason="Seen"
        )
        claims.append(
            claim_services.claim_set_status(
                claim=claim,
                status="verified",
                verdict_note="Minutes published.",
                user=reviewer,
                reason="Confirmed",
            )
        )
    fact_check = publishing_services.fact_check_publish(
        claim=claims[1],
        headline="The coalition met",
        claimant="Example Wire",
        claim_date=datetime.date(2026, 1, 6),
        user=reviewer,
        reason="Ready",
    )
    return claims[0], fact_check


@pytest.fixture
def desk(people, source_factory):
    editor, reviewer = people["users"]["editor"], people["users"]["reviewer"]
    source = source_factory("Envoy\nThe envoy Steve Witkoff met the coalition leaders.")
    highlight = highlight_services.highlight_create(
        source=source, start=6, end=35, user=editor, reason="States it"
    )
    claim = claim_services.claim_create(
        statement="Witkoff is the envoy", user=editor, reason="Seen in the text"
    )
    claim_services.claim_link_highlight(
        claim=claim, highlight=highlight, user=editor, reason="States it"
    )
    first_history_id = claim.history.order_by("history_id").first().history_id
    claim = claim_services.claim_update(
        claim=claim, statement="Witkoff is an envoy", user=editor, reason="Wording"
    )
    other = claim_services.claim_create(
        statement="Someone else is the envoy", user=editor, reason="Other article"
    )
    dispute = dispute_services.dispute_open(
        question="Who is the envoy?",
        claims=[claim, other],
        user=editor,
        reason="Differ",
    )
    claim.refresh_from_db()
    gone = claim_services.claim_create(
        statement="A mistake", user=editor, reason="Typo"
    )
    gone_id = gone.pk
    claim_services.claim_delete(claim=gone, user=editor, reason="Made by mistake")
    reviewed = claim_services.claim_create(
        statement="The coalition met", user=editor, reason="Seen"
    )
    claim_services.claim_set_status(
        claim=reviewed,
        status="verified",
        verdict_note="Minutes published.",
        user=reviewer,
        reason="Confirmed",
    )
    settled = dispute_services.dispute_open(
        question="Did the coalition meet?",
        claims=[reviewed, other],
        user=editor,
        reason="Differ",
    )
    settled = dispute_services.dispute_resolve(
        dispute=settled,
        chosen=reviewed,
        note="Minutes published",
        user=reviewer,
        reason="Settled",
    )
    rated, fact_check = published_fact_check(editor, reviewer)
    suggestions = checked_suggestions(editor)
    corrected = source_factory("Minister\nThe minister resigned on Tuesday.")
    orphan = highlight_services.highlight_create(
        source=corrected, start=13, end=30, user=editor, reason="States it"
    )
    revision_create(
        source=corrected,
        body="Minister\nThe official stayed on Tuesday.",
        user=editor,
        reason="Publisher's correction",
    )
    # A later change to the source's details, so restoring the first version is a real change.
    source = source_update_metadata(
        source=source, user=editor, reason="Outlet named", publisher="Example Wire"
    )
    comment = conversation_services.comment_post(
        claim=claim, body="Who said it *first*?", user=editor
    )
    tag_services.claim_set_tags(
        claim=claim, text="envoys", user=editor, reason="Filing"
    )
    notification = Notification.objects.create(
        recipient=editor,
        actor=reviewer,
        kind="comment.reply",
        summary="A reply",
        url="/",
    )
    export_job, failed_task = background_work(editor, source)
    return {
        **people,
        "export_job": export_job,
        "failed_task": failed_task,
        "comment": comment,
        "notification": notification,
        "tag": claim.taggings.get().tag,
        "source": source,
        "source_history_id": source.history.order_by("history_id").first().history_id,
        "highlight": highlight,
        "claim": claim,
        "dispute": dispute,
        "deleted_claim_id": gone_id,
        "history_id": first_history_id,
        "corrected": corrected,
        "reviewed": reviewed,
        "resolved": settled,
        "suggestion": suggestions.get(kind="anachronism"),
        "suggestion_group": suggestions.exclude(group="").first().group,
        "orphan": orphan,
        "rated": rated,
        "fact_check": fact_check,
    }


def background_work(editor, source):
    """An editor's finished annotation export, and a failed pre-drawing task."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    from editorial.exports.tasks import export_folder
    from editorial.models import ExportJob

    job = ExportJob.objects.create(
        kind="annotations",
        requested_by=editor,
        status="done",
        file_name="matrix.jsonld",
    )
    export_folder().mkdir(parents=True, exist_ok=True)
    (export_folder() / job.file_name).write_text("{}")
    failed = DBTaskResult.objects.create(
        status="FAILED",
        args_kwargs={"args": [], "kwargs": {"source_ids": [source.pk]}},
        task_path="editorial.highlights.tasks.draw_readers",
        queue_name="drawing",
        backend_name="default",
        run_after=get_date_max(),
        exception_class_path="builtins.RuntimeError",
        traceback="RuntimeError: the cache was down",
    )
    return job, failed


def client_for(role: str, desk) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(desk["users"][role])
    return client


def outcome(response) -> str:
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if location.startswith(reverse("login")):
            return "L"
        if location.startswith(reverse("admin:login")):
            return "A"
        return "R"
    return str(response.status_code)


class RolledBack(Exception):
    pass


def send(client: Client, method: str, url: str, body, *, api: bool):
    """One request, in a transaction rolled back afterwards, so no cell sees another's write."""
    response = None
    try:
        with transaction.atomic():
            if api:
                response = client.generic(
                    method, url, json.dumps(body or {}), content_type="application/json"
                )
            elif method == "GET":
                response = client.get(url, body or {})
            else:
                response = client.generic(
                    method,
                    url,
                    urlencode(body or {}, doseq=True),
                    content_type="application/x-www-form-urlencoded",
                )
            raise RolledBack
    except RolledBack:
        pass
    return response


def observe(desk, name: str, clients: dict[str, Client]) -> dict[str, str]:
    """The outcome of each method for each role on the URL called ``name``."""
    url = reverse(name, kwargs=url_kwargs(desk).get(name, {}))
    sent = bodies(desk).get(name, {})
    observed = {}
    for method in METHODS:
        cells = []
        for role in ROLES:
            response = send(
                clients[role],
                method,
                url,
                sent.get(method),
                api=name.startswith(JSON_URLS),
            )
            cells.append(outcome(response))
            if name == "logout":
                # The session ended; the next cell starts from a fresh log-in.
                clients[role] = client_for(role, desk)
        observed[method] = " ".join(cells)
    return observed


def test_every_url_is_in_the_matrix():
    missing = [name for name in desk_url_names() if name not in MATRIX]
    assert not missing, f"Decide who may use these and add them to MATRIX: {missing}"
    stale = [name for name in MATRIX if name not in desk_url_names()]
    assert not stale, f"These are in MATRIX but no longer URLs: {stale}"


def test_anonymous_visitors_reach_only_the_public_fact_checks():
    """Every other URL sends them to a log-in (or, for the API, answers 401)."""
    reached = {
        name
        for name, cells in MATRIX.items()
        if any(cells[method].split()[0] not in {"L", "A", "401"} for method in METHODS)
        and name != "logout"
    }
    assert reached == PUBLIC


def test_each_role_gets_what_the_matrix_says(desk):
    """One desk for the whole matrix (each request is rolled back); all mismatches at once."""
    mismatches = []
    clients = {role: client_for(role, desk) for role in ROLES}
    for name in sorted(MATRIX):
        observed = observe(desk, name, clients)
        for method in METHODS:
            if observed[method] != MATRIX[name][method]:
                mismatches.append(
                    f"{name} {method}: got {observed[method]!r}, "
                    f"expected {MATRIX[name][method]!r}"
                )
    assert not mismatches, f"roles: {' '.join(ROLES)}\n" + "\n".join(mismatches)


def test_a_browser_write_without_the_csrf_token_is_refused(desk):
    """Every state-changing method, on every URL, from a logged-in browser session."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(desk["users"]["superuser"])
    before = full_dump()
    accepted = []
    for name in sorted(MATRIX):
        url = reverse(name, kwargs=url_kwargs(desk).get(name, {}))
        sent = bodies(desk).get(name, {})
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            body = sent.get(method)
            if name.startswith(JSON_URLS):
                content, kind = json.dumps(body or {}), "application/json"
            else:
                content, kind = (
                    urlencode(body or {}, doseq=True),
                    "application/x-www-form-urlencoded",
                )
            response = client.generic(method, url, content, content_type=kind)
            if response.status_code != 403:
                accepted.append(f"{method} {url}: {response.status_code}")
    assert not accepted
    changed = {
        label: counts
        for label, counts in dump_difference(before, full_dump()).items()
        if label not in LOGS
    }
    assert changed == {}


def test_a_token_works_until_its_owner_revokes_it(client, people):
    token, key = account_services.api_token_create(
        user=people["users"]["editor"], name="newsroom script", reason="Automation"
    )
    headers = {"HTTP_AUTHORIZATION": f"Token {key}"}
    assert client.get(reverse("api:claims"), **headers).status_code == 200
    assert key not in str(
        [getattr(token, f.attname) for f in token._meta.concrete_fields]
    )
    client.force_login(people["users"]["editor"])
    response = client.post(reverse("api-token-revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    client.logout()
    assert client.get(reverse("api:claims"), **headers).status_code == 401


def test_nobody_revokes_another_users_token(client, people):
    token = people["token"]
    client.force_login(people["users"]["reviewer"])
    response = client.post(reverse("api-token-revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.is_active


def admin_url_names() -> list[str]:
    from django.contrib import admin

    names = ["admin:index"]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        names += [f"{prefix}_changelist", f"{prefix}_add"]
    return names


def test_only_staff_reach_the_admin(people):
    """Every admin index, list and add page, for every role."""
    clients = {role: client_for(role, people) for role in ROLES}
    wrong = []
    for name in admin_url_names():
        url = reverse(name)
        # Staff with no model permissions see the index and nothing else.
        expected = {
            "anonymous": ("L", "A"),
            "editor": ("A",),
            "reviewer": ("A",),
            "staff": ("200",) if name == "admin:index" else ("403",),
            "superuser": ("200", "403"),
        }
        for role, allowed in expected.items():
            got = outcome(clients[role].get(url))
            if got not in allowed:
                wrong.append(f"{role} {url}: {got}")
    assert not wrong


def test_desk_users_cannot_change_another_users_account(people):
    editor, reviewer = people["users"]["editor"], people["users"]["reviewer"]
    client = client_for("editor", people)
    change = reverse("admin:auth_user_change", args=[reviewer.pk])
    assert outcome(client.post(change, {"username": "taken-over"})) == "A"
    staff = client_for("staff", people)
    assert staff.post(change, {"username": "taken-over"}).status_code == 403
    reviewer.refresh_from_db()
    assert reviewer.username == "rev" and editor.groups.filter(name=roles.EDITORS)
