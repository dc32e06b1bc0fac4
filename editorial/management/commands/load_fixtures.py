"""Load the desk's fixtures: insert what is missing, keep what exists, record history."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError

from editorial.exports.fixtures_export import file_names
from editorial.exports.fixtures_loading import load_fixture_file

#: The shipped fixtures, in the order they depend on each other: the files
#: ``export_fixtures`` writes (``make fixtures`` writes fixtures/ with it).
SHIPPED = file_names(with_history=False)


class Command(BaseCommand):
    help = "Load fixtures (default: the shipped corpus and demo data) without duplicating or overwriting anything."

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
            try:
                report = load_fixture_file(path)
            except (DeserializationError, ValidationError, UnicodeDecodeError) as error:
                messages = getattr(error, "messages", [str(error)])
                raise CommandError(
                    f"{path}: not loaded, nothing was changed: {' '.join(messages)}"
                ) from error
            self.stdout.write(str(report))
