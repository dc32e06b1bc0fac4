"""Build the demo desk from the seed texts: import them, write the demo data through the services.

Run it on an empty database; ``make fixtures`` does, in a throwaway SQLite file, and
then writes fixtures/ with ``export_fixtures --output fixtures``, so the shipped files
have exactly the shape of any desk's export. The reference data comes from its
readable source, ``fixtures/seeds/reference/`` (see ``reference.seed``), is loaded like
any fixture (checked, with history) and goes out through the export as
``fixtures/reference.json``.
"""

from __future__ import annotations

import datetime
import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import roles
from editorial.claims import services as claim_services
from editorial.disputes import services as dispute_services
from editorial.exports import demo
from editorial.exports.demo_clock import DemoClock
from editorial.exports.fixtures_load import fixtures_load
from editorial.exports.fixtures_story import STORY_FILE, write_story
from editorial.highlights import services as highlight_services
from editorial.history import services as history_services
from editorial.intake.services import revision_create
from editorial.publishing import services as publishing_services
from reference.seed import SeedError, reference_rows
from sources import extract
from sources.models import Source

REASON = "Demo data for the seed corpus"
#: When the demo's seed corpus is imported; the editors' and the reviewer's work follows
#: over the next days, a claim or two at a time (``_demo_data``).
DEMO_START = datetime.datetime(2026, 1, 8, 8, 30, tzinfo=datetime.UTC)
#: The seed corpus is one story: the checks compare its sources with one another.
STORY = "Coalition of the willing for Ukraine"


#: The reasons given with each status the demo's claims reach.
STATUS_REASONS = {
    "in_review": "Evidence gathered; ready for a reviewer",
    "disputed": "Other sources give a different answer",
    "verified": "The evidence confirms it",
    "false": "The official record contradicts it",
}


class Command(BaseCommand):
    help = (
        "Build the demo desk (seed corpus, reference data, demo claims) in an empty "
        "database; then export_fixtures --output fixtures writes fixtures/ (make fixtures)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--history-to",
            help=f"Where to write the demo's history (default: fixtures/{STORY_FILE}).",
        )

    def handle(self, *args, **options):
        if Source.objects.exists():
            raise CommandError(
                "The database already has sources; build the fixtures in an empty database."
            )
        seeds = sorted((Path(settings.BASE_DIR) / "fixtures" / "seeds").glob("*.txt"))
        clock = DemoClock(DEMO_START)
        with transaction.atomic(), clock.running():
            self._reference()
            editor, reviewer = self._demo_people()
            call_command(
                "import_sources",
                *[str(p) for p in seeds],
                reason="Seed corpus",
                story=STORY,
                stdout=self.stdout,
            )
            self._story_figures_and_events()
            self._tables_as_text(editor, clock)
            self._demo_data(editor, reviewer, clock)
            story = Path(
                options["history_to"]
                or Path(settings.BASE_DIR) / "fixtures" / STORY_FILE
            )
            self.stdout.write(f"Wrote {story} ({write_story(story):,} history rows)")

    def _tables_as_text(self, editor, clock):
        """A seed saved before the extractor read tables as text (the Wikipedia page's
        infobox came out as ``| cell | cell |`` lines) gets a second revision as the
        import reads it today: what an editor does when an outlet's page is re-read."""
        for source in Source.objects.select_related("current_revision"):
            body = source.current_revision.body
            readable = extract.tables_as_text(body)
            if readable != body:
                clock.tick(30)
                revision_create(
                    source=source,
                    body=readable,
                    user=editor,
                    reason="Tables read as text, not as lines of pipes",
                )

    def _reference(self):
        """Load the reference data from its seed files, as a fixture named reference.json."""
        folder = Path(settings.BASE_DIR) / "fixtures" / "seeds" / "reference"
        try:
            rows = reference_rows(folder)
        except SeedError as error:
            raise CommandError(f"fixtures/seeds/reference: {error}") from None
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / "reference.json"
            path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            for line in fixtures_load(paths=[path]).lines():
                self.stdout.write(line)

    def _story_figures_and_events(self):
        """What editors told the checks about the seed story (``reference``'s story
        figures and events), from ``fixtures/seeds/story.json``, loaded like any
        fixture; ``export_fixtures`` writes them with the story in sources.json."""
        path = Path(settings.BASE_DIR) / "fixtures" / "seeds" / "story.json"
        for line in fixtures_load(paths=[path]).lines():
            self.stdout.write(line)

    def _demo_people(self):
        User = get_user_model()
        roles.system_user()
        people = []
        for username, first, last, group in [
            ("editor", "Demo", "Editor", roles.EDITORS),
            ("reviewer", "Demo", "Reviewer", roles.REVIEWERS),
        ]:
            user = User.objects.create(
                username=username, first_name=first, last_name=last
            )
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=group))
            people.append(user)
        return people

    def _demo_data(self, editor, reviewer, clock):
        """The demo's work, as the demo's people did it, day by day: the editor marks
        and states claims in the morning, adds evidence and sends them on; the reviewer
        gives verdicts the next day; disputes are opened once the sources disagree."""
        claims = {}
        day = datetime.timedelta(days=1)
        for number, spec in enumerate(demo.CLAIMS):
            morning = DEMO_START + (1 + number // 3) * day
            clock.at(morning.replace(hour=9 + 2 * (number % 3), minute=5))
            claim = claim_services.claim_create(
                statement=spec.statement,
                user=editor,
                reason="New claim from the article's words",
            )
            for mark in spec.highlights:
                source = Source.objects.select_related("current_revision").get(
                    file_name=mark.seed
                )
                body = source.current_revision.body
                start = -1
                for _ in range(mark.occurrence + 1):
                    start = body.find(mark.quote, start + 1)
                if start < 0:
                    raise CommandError(
                        f"{mark.seed}: the quote {mark.quote!r} is not in the text."
                    )
                clock.tick()
                highlight = highlight_services.highlight_create(
                    source=source,
                    start=start,
                    end=start + len(mark.quote),
                    exact=mark.quote,
                    user=editor,
                    reason="The words that state the claim",
                )
                clock.tick(1)
                claim_services.claim_link_highlight(
                    claim=claim,
                    highlight=highlight,
                    stance=mark.stance,
                    user=editor,
                    reason=f"Where {source.publisher or 'the article'} says it",
                )
            verdict = spec.status in {"verified", "false"}
            if verdict:
                clock.at(morning + day + datetime.timedelta(hours=2, minutes=number))
            for item in spec.evidence:
                clock.tick(12)
                claim_services.evidence_add(
                    claim=claim,
                    supports=item.supports,
                    url=item.url,
                    citation=item.citation,
                    note=item.note,
                    user=reviewer if verdict else editor,
                    reason=f"Checked against {item.citation or item.url}"[:500],
                )
            if spec.status != "unverified":
                actor = (
                    reviewer
                    if spec.status
                    in {"verified", "false", "misleading", "unverifiable"}
                    else editor
                )
                clock.tick(20)
                claim = claim_services.claim_set_status(
                    claim=claim,
                    status=spec.status,
                    verdict_note=spec.verdict_note or None,
                    user=actor,
                    reason=STATUS_REASONS.get(spec.status, "Verdict from the evidence"),
                )
            if spec.fact_check:
                clock.tick(30)
                publishing_services.fact_check_publish(
                    claim=claim,
                    headline=spec.fact_check.headline,
                    claimant=spec.fact_check.claimant,
                    claimant_kind=spec.fact_check.claimant_kind,
                    claim_date=spec.fact_check.claim_date,
                    user=reviewer,
                    reason="Published for readers with the verdict's explanation",
                )
            claims[spec.key] = claim
        clock.at(DEMO_START + 5 * day + datetime.timedelta(hours=1))
        for spec in demo.DISPUTES:
            clock.tick(15)
            dispute_services.dispute_open(
                question=spec.question,
                claims=[claims[key] for key in spec.claims],
                user=editor,
                reason="The sources answer this differently",
            )
        self._revert(claims["nations-34"], editor, clock)

    def _revert(self, claim, editor, clock):
        """A slip and its revert, as the history shows them: the statement is changed
        by mistake, then brought back to the version before."""
        before = claim.history.order_by("-history_id").first().history_id
        clock.tick(40)
        claim = claim_services.claim_update(
            claim=claim,
            statement="35 countries had joined the multinational force by November.",
            user=editor,
            reason="Update the count",
        )
        clock.tick(25)
        history_services.claim_revert(
            claim=claim,
            history_id=before,
            user=editor,
            reason="35 came in January; the article says 34 in November",
        )
