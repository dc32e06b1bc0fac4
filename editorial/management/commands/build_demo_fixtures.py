"""Build the demo desk from the seed texts: import them, write the demo data through the services.

Run it on an empty database; ``make fixtures`` does, in a throwaway SQLite file, and
then writes fixtures/ with ``export_fixtures --output fixtures``, so the shipped files
have exactly the shape of any desk's export. The reference data comes from its
readable source, ``fixtures/seeds/reference/`` (see ``reference.seed``), is loaded like
any fixture (checked, with history) and goes out through the export as
``fixtures/reference.json``.
"""

from __future__ import annotations

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
from editorial.exports.fixtures_load import fixtures_load
from editorial.highlights import services as highlight_services
from editorial.publishing import services as publishing_services
from reference.seed import SeedError, reference_rows
from sources.models import Source

REASON = "Demo data for the seed corpus"


class Command(BaseCommand):
    help = (
        "Build the demo desk (seed corpus, reference data, demo claims) in an empty "
        "database; then export_fixtures --output fixtures writes fixtures/ (make fixtures)."
    )

    def handle(self, *args, **options):
        if Source.objects.exists():
            raise CommandError(
                "The database already has sources; build the fixtures in an empty database."
            )
        seeds = sorted((Path(settings.BASE_DIR) / "fixtures" / "seeds").glob("*.txt"))
        with transaction.atomic():
            self._reference()
            editor, reviewer = self._demo_people()
            call_command(
                "import_sources",
                *[str(p) for p in seeds],
                reason="Seed corpus",
                stdout=self.stdout,
            )
            self._demo_data(editor, reviewer)

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

    def _demo_data(self, editor, reviewer):
        claims = {}
        for spec in demo.CLAIMS:
            claim = claim_services.claim_create(
                statement=spec.statement, user=editor, reason=REASON
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
                highlight = highlight_services.highlight_create(
                    source=source,
                    start=start,
                    end=start + len(mark.quote),
                    exact=mark.quote,
                    user=editor,
                    reason=REASON,
                )
                claim_services.claim_link_highlight(
                    claim=claim,
                    highlight=highlight,
                    stance=mark.stance,
                    user=editor,
                    reason=REASON,
                )
            for item in spec.evidence:
                claim_services.evidence_add(
                    claim=claim,
                    supports=item.supports,
                    url=item.url,
                    citation=item.citation,
                    note=item.note,
                    user=reviewer if spec.status in {"verified", "false"} else editor,
                    reason=REASON,
                )
            if spec.status != "unverified":
                actor = (
                    reviewer
                    if spec.status
                    in {"verified", "false", "misleading", "unverifiable"}
                    else editor
                )
                claim = claim_services.claim_set_status(
                    claim=claim,
                    status=spec.status,
                    verdict_note=spec.verdict_note or None,
                    user=actor,
                    reason=REASON,
                )
            if spec.fact_check:
                publishing_services.fact_check_publish(
                    claim=claim,
                    headline=spec.fact_check.headline,
                    claimant=spec.fact_check.claimant,
                    claimant_kind=spec.fact_check.claimant_kind,
                    claim_date=spec.fact_check.claim_date,
                    user=reviewer,
                    reason=REASON,
                )
            claims[spec.key] = claim
        for spec in demo.DISPUTES:
            dispute_services.dispute_open(
                question=spec.question,
                claims=[claims[key] for key in spec.claims],
                user=editor,
                reason=REASON,
            )
