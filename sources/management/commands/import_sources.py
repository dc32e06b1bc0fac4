"""Import plain-text articles: the first line is the title, the whole file is the body."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from editorial.roles import system_user
from sources.models import Source
from sources.services import source_import_text
from sources.sidecar import read_sidecar


class Command(BaseCommand):
    help = (
        "Import plain-text articles. The first line is the title; the body is the file's text exactly. "
        "Metadata comes from the options or from a JSON file of the same name beside the article."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Text files (UTF-8) to import.")
        parser.add_argument("--title")
        parser.add_argument("--publisher", default=None)
        parser.add_argument("--url", default=None)
        parser.add_argument("--kind", choices=Source.Kind.values, default=None)
        parser.add_argument("--language", default=None)
        parser.add_argument(
            "--published-on",
            type=datetime.date.fromisoformat,
            default=None,
            help="YYYY-MM-DD",
        )
        parser.add_argument(
            "--published-on-note",
            default=None,
            help="How the publication date is known.",
        )
        parser.add_argument(
            "--user",
            help="Username to record as the importer (default: the system account).",
        )
        parser.add_argument("--reason", default="Imported with import_sources")

    def handle(self, *args, **options):
        user = self._user(options["user"])
        imported = skipped = failed = 0
        for name in options["paths"]:
            path = Path(name)
            try:
                metadata = self._metadata(path, options)
                text = self._read(path)
                result = source_import_text(
                    text=text,
                    user=user,
                    reason=f"{options['reason']}: {path.name}",
                    file_name=path.name,
                    **metadata,
                )
            except ValidationError as error:
                failed += 1
                self.stderr.write(f"{path}: refused: {'; '.join(error.messages)}")
                continue
            if result.created:
                imported += 1
                self.stdout.write(f"{path}: {result.message}")
            else:
                skipped += 1
                self.stdout.write(f"{path}: duplicate, skipped. {result.message}")
        self.stdout.write(
            f"{imported} imported, {skipped} skipped as duplicates, {failed} refused."
        )
        if failed:
            raise CommandError(f"{failed} file(s) could not be imported.")

    def _user(self, username):
        if not username:
            return system_user()
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error

    def _read(self, path: Path) -> str:
        if not path.is_file():
            raise ValidationError("no such file")
        data = path.read_bytes()
        if b"\x00" in data:
            raise ValidationError("this is a binary file, not text")
        try:
            # newline="" semantics: keep the text exactly, line endings included.
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError(
                f"not UTF-8 text (byte {error.start} cannot be decoded)"
            ) from error

    def _metadata(self, path: Path, options) -> dict:
        metadata = read_sidecar(path)
        for field in (
            "title",
            "publisher",
            "url",
            "kind",
            "language",
            "published_on",
            "published_on_note",
        ):
            if options[field] is not None:
                metadata[field] = options[field]
        return metadata
