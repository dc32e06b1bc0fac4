"""Make sure the local demo accounts exist, and print a new password once."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from core import roles

DEMO_ACCOUNTS = [
    # username, group, staff, superuser
    ("editor", roles.EDITORS, False, False),
    ("reviewer", roles.REVIEWERS, False, False),
    ("admin", None, True, True),
]


class Command(BaseCommand):
    help = "Create the demo editor, reviewer and admin for local use; each new password is printed once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Give every demo account a new password.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo accounts are for local development only; DEBUG is off, so none were made."
            )
        User = get_user_model()
        lines = []
        for username, group_name, staff, superuser in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(username=username)
            user.is_active, user.is_staff, user.is_superuser = True, staff, superuser
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            if created or options["reset"] or not user.has_usable_password():
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                lines.append(
                    f"  {username:<9} {password}   ({group_name or 'superuser, admin site'})"
                )
            user.save()
        if lines:
            self.stdout.write("Demo accounts (these passwords are shown only now):")
            self.stdout.write("\n".join(lines))
        else:
            self.stdout.write(
                "Demo accounts editor, reviewer and admin exist; passwords unchanged "
                "(python manage.py ensure_demo_accounts --reset makes new ones)."
            )
