"""Refresh the reference data from a Wikidata SPARQL result of positions held."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.roles import system_user
from reference.services import reference_import
from reference.wikidata import WikidataError, read_positions


class Command(BaseCommand):
    help = (
        "Add or update people, offices and terms from the JSON result of a Wikidata "
        "SPARQL query for positions held (P39 with start P580 and end P582; the "
        "README shows the query). All or nothing; history names the system account."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The query's result, saved as SPARQL JSON.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be added, changed or refused, and save nothing.",
        )
        parser.add_argument(
            "--reason",
            help="Kept in the history (default: “Imported from Wikidata, FILE”).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            positions = read_positions(path.read_bytes())
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error}).") from None
        except WikidataError as error:
            raise CommandError(f"{path.name}: {error} Nothing was imported.") from None
        try:
            report = reference_import(
                positions=positions,
                user=system_user(),
                reason=options["reason"] or f"Imported from Wikidata, {path.name}",
                source_name=path.name,
                dry_run=options["dry_run"],
            )
        except (PermissionDenied, ValidationError) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            raise CommandError(f"{text} Nothing was imported.") from None
        for line in report.lines():
            self.stdout.write(line)
