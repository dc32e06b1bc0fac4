"""Take Hypothesis annotations (its export file or an API search answer) onto the desk."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.roles import system_user
from editorial.interop.services.hypothesis import TEXT_AS, import_hypothesis

#: The largest file read, in bytes.
MAX_BYTES = 50 * 1024 * 1024


def acting_user(username):
    if not username:
        return system_user()
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist as error:
        raise CommandError(f"No user named {username!r}.") from error


def read_json(path: str):
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{path}: no such file.")
    if file.stat().st_size > MAX_BYTES:
        raise CommandError(f"{path}: larger than {MAX_BYTES // 1024 // 1024} MB.")
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(f"{path}: not JSON ({error}).") from error


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--text-as",
            choices=TEXT_AS,
            default="claim",
            help="What an annotation's text becomes: a claim on its words (default) "
            "or a comment on them.",
        )
        parser.add_argument("--user", help="Who imports (default: the system account).")
        parser.add_argument("--reason", default="Imported from Hypothesis")

    def handle(self, *args, **options):
        try:
            report = import_hypothesis(
                data=read_json(options["file"]),
                user=acting_user(options["user"]),
                text_as=options["text_as"],
                reason=options["reason"],
            )
        except (ValidationError, PermissionDenied) as refused:
            text = " ".join(getattr(refused, "messages", [str(refused)]))
            raise CommandError(text) from refused
        self.stdout.write(str(report))
