"""Take other fact-checkers' ClaimReview markup (JSON-LD, or a page saved as HTML) in:
each review becomes evidence on the desk's claim it reviews, or a new claim."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from editorial.interop.services.claimreviews import import_claimreviews
from editorial.management.commands.import_hypothesis import MAX_BYTES, acting_user


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--url", default="", help="Where an HTML page came from.")
        parser.add_argument("--user", help="Who imports (default: the system account).")
        parser.add_argument("--reason", default="Imported from ClaimReview markup")

    def handle(self, *args, **options):
        file = Path(options["file"])
        if not file.is_file():
            raise CommandError(f"{file}: no such file.")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(f"{file}: larger than {MAX_BYTES // 1024 // 1024} MB.")
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: not UTF-8 text.") from error
        try:
            report = import_claimreviews(
                text=text,
                user=acting_user(options["user"]),
                reason=options["reason"],
                base_url=options["url"],
            )
        except (ValidationError, PermissionDenied) as refused:
            text = " ".join(getattr(refused, "messages", [str(refused)]))
            raise CommandError(text) from refused
        self.stdout.write(str(report))
