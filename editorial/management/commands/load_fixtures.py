"""Load the desk's fixtures: insert what is missing, keep what exists, record history."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from editorial.exports.fixtures_export import file_names
from editorial.exports.fixtures_load import fixtures_load
from editorial.exports.fixtures_story import STORY_FILE

#: The shipped fixtures, in the order they depend on each other: the files
#: ``export_fixtures`` writes (``make fixtures`` writes fixtures/ with it).
SHIPPED = file_names(with_history=False)


class Command(BaseCommand):
    help = (
        "Load fixtures (default: the shipped corpus and demo data) in one transaction "
        "without duplicating or overwriting anything, checked as import_fixtures "
        "checks; on any problem, name the file, the object and the problem, and "
        "change nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", help="Fixture files; default: the ones in fixtures/."
        )

    def handle(self, *args, **options):
        files = [Path(name) for name in options["files"]] or [
            Path(settings.BASE_DIR) / "fixtures" / name for name in SHIPPED
        ]
        for path in files:
            if not path.is_file():
                raise CommandError(f"No fixture file at {path}.")
        # The shipped demo comes with its history: who did what, when and why.
        story = Path(settings.BASE_DIR) / "fixtures" / STORY_FILE
        if options["files"] or not story.is_file():
            story = None
        try:
            report = fixtures_load(paths=files, story=story)
        except ValidationError as error:
            raise CommandError(
                f"{' '.join(error.messages)} Nothing was loaded."
            ) from None
        for line in report.lines():
            self.stdout.write(line)
