"""Export the desk as Django JSON fixtures that load back into a fresh database."""

from pathlib import Path

from django.core.management.base import BaseCommand

from editorial.exports.fixtures_export import export_desk


class Command(BaseCommand):
    help = (
        "Write the desk's data as JSON fixtures split by kind (accounts, sources, "
        "reference data, editorial data; history with --with-history). Export, "
        "load into a fresh database and export again: the files are byte-identical."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", required=True, help="Folder for the fixture files."
        )
        parser.add_argument(
            "--with-history",
            action="store_true",
            help="Also write history.json with every history row; the files then "
            "keep primary keys and load into an empty database.",
        )

    def handle(self, *args, **options):
        terminal = self.stdout.isatty()

        def progress(file_name, label, done, total):
            self.stdout.write(f"\r{file_name}: {label} {done:,}/{total:,}", ending="")
            self.stdout.flush()

        written = export_desk(
            Path(options["output"]),
            with_history=options["with_history"],
            progress=progress if terminal else None,
        )
        if terminal:
            self.stdout.write("")
        for item in written:
            self.stdout.write(f"Wrote {item.path} ({item.objects:,} objects)")
