"""Import fixtures in one transaction, checked as the services check every write."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from editorial.exports.fixtures_load import fixtures_load


class Command(BaseCommand):
    help = (
        "Load fixture files (in the order given) in one transaction, then check every "
        "highlight against its source's text, statuses, stances and links; on any "
        "problem, name the file, the object and the problem, and change nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Fixture files, in load order.")
        parser.add_argument(
            "--user", help="Username named in the history (default: system)."
        )
        parser.add_argument(
            "--reason",
            default="Imported from fixtures",
            help="Why, kept in the history of every imported object.",
        )
        parser.add_argument(
            "--read-ahead",
            action="store_true",
            help="A second process reads and converts the files while this one writes: "
            "faster with two cores or more, about 50 MB more memory.",
        )

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            try:
                user = get_user_model().objects.get(username=options["user"])
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user named “{options['user']}”.") from None
        try:
            report = fixtures_load(
                paths=[Path(name) for name in options["files"]],
                update=True,
                user=user,
                reason=options["reason"],
                read_ahead=options["read_ahead"],
            )
        except ValidationError as error:  # a fixture's problem, or the reason
            raise CommandError(
                f"{' '.join(error.messages)} Nothing was imported."
            ) from None
        for line in report.lines():
            self.stdout.write(line)
