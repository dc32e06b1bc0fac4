"""Run the consistency checks and store what they find as suggestions."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from core import roles
from editorial.checks import services as check_services
from sources.models import Source


class Command(BaseCommand):
    help = (
        "Check sources (default: all) for office anachronisms, conflicting figures and "
        "identities, and restated claims; store each finding as a suggestion."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "sources",
            nargs="*",
            help="Source ids or file names; default: every source.",
        )
        parser.add_argument(
            "--user", help="Act as this editor (default: the system account)."
        )
        parser.add_argument("--reason", default="Consistency checks")

    def handle(self, *args, **options):
        sources = self._sources(options["sources"]) or None
        user = self._user(options["user"])
        try:
            report = check_services.checks_run(
                user=user, sources=sources, reason=options["reason"]
            )
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(f"Nothing was stored: {error}") from error
        titles = dict(Source.objects.values_list("pk", "title"))
        for pk in sorted(set(report.created) | set(report.known)):
            self.stdout.write(
                f"source {pk} “{titles[pk]}”: {report.created.get(pk, 0)} new, "
                f"{report.known.get(pk, 0)} already known"
            )
        self.stdout.write(str(report))

    def _sources(self, names: list[str]) -> list[Source]:
        """The sources named, in order: two queries however many are named."""
        ids = [int(name) for name in names if name.isdigit()]
        files = [name for name in names if not name.isdigit()]
        by_id = Source.objects.in_bulk(ids) if ids else {}
        by_file = {}
        # The first of a file name's sources in the model's order, as ``.first()``.
        for source in Source.objects.filter(file_name__in=files):
            by_file.setdefault(source.file_name, source)
        found = []
        for name in names:
            source = by_id.get(int(name)) if name.isdigit() else by_file.get(name)
            if source is None:
                raise CommandError(f"No source with id or file name “{name}”.")
            found.append(source)
        return found

    def _user(self, username):
        if not username:
            return roles.system_user()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named “{username}”.")
        return user
