"""Report writes that skipped history (see editorial.history.audit)."""

from django.core.management.base import BaseCommand, CommandError

from editorial.history.audit import history_problems


class Command(BaseCommand):
    help = "Check that every live row of the desk matches its latest history row and every history row names a user and a reason."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=100)

    def handle(self, *args, **options):
        problems = history_problems(limit=options["limit"])
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} history problem(s) found.")
        self.stdout.write(
            "History is complete: every row matches its latest version, every version names a user and a reason."
        )
