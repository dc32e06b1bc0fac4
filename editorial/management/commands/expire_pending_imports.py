"""Drop articles read on the import page and never saved, once they have expired."""

from django.conf import settings
from django.core.management.base import BaseCommand

from editorial.intake.services import pending_imports_expire


class Command(BaseCommand):
    help = (
        "Delete articles waiting for review on the import page for longer than "
        "EDITORIAL_PENDING_IMPORT_HOURS (the import page also does this on each visit)."
    )

    def handle(self, *args, **options):
        dropped = pending_imports_expire()
        self.stdout.write(
            f"{dropped} waiting article(s) older than "
            f"{settings.EDITORIAL_PENDING_IMPORT_HOURS} hours dropped."
        )
