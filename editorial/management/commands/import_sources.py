"""Import articles: plain text, Markdown and saved web pages, one by one or a folder at once."""

from __future__ import annotations

import datetime
import os
import stat
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.roles import system_user
from editorial.intake.services import source_import_extracted
from sources import extract
from sources.models import Source
from sources.services import METADATA_FIELDS
from sources.sidecar import read_sidecar
from sources.stories.services import story_get_or_create


class Command(BaseCommand):
    help = (
        "Import articles from plain-text (.txt), Markdown (.md) and saved web page (.html) "
        "files, or every such file in a folder. Plain text is kept exactly, its first line "
        "the title; Markdown and HTML give their words (trafilatura reads a page's main "
        "text, title, author, publisher, date and address). Metadata comes from the options "
        "or from a JSON file of the same name beside the article. A file whose address (URL) "
        "matches a source, or one given with --revision-of, becomes that source's new "
        "revision and its highlights are re-anchored."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", help="Article files or folders (searched recursively)."
        )
        parser.add_argument("--title")
        parser.add_argument("--publisher", default=None)
        parser.add_argument("--author", default=None)
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
            "--format",
            choices=sorted(extract.FORMATS),
            help="Read every file as this format (default: from each file's suffix).",
        )
        parser.add_argument(
            "--revision-of",
            type=int,
            metavar="SOURCE_ID",
            help="Import the one file given as a new revision of this source.",
        )
        parser.add_argument(
            "--user",
            help="Username to record as the importer (default: the system account).",
        )
        parser.add_argument("--reason", default="Imported with import_sources")
        parser.add_argument(
            "--story",
            metavar="NAME",
            help="Put every new source in the story of this name (made, confirmed, "
            "when the desk has none). Without it the desk proposes a story for each.",
        )
        parser.add_argument(
            "--progress",
            choices=["auto", "always", "never"],
            default="auto",
            help="Show a progress bar on the terminal (auto: when stderr is a terminal).",
        )

    def handle(self, *args, **options):
        user = self._user(options["user"])
        self._story = None
        if options["story"] is not None and not " ".join(options["story"].split()):
            raise CommandError("--story needs a name.")
        paths, refused = self._collect(options["paths"])
        revision_of = self._revision_of(options["revision_of"], paths)
        counts = {"imported": 0, "revised": 0, "duplicate": 0}
        bar = tqdm(
            paths,
            desc="Importing",
            unit="file",
            file=sys.stderr,
            disable={"auto": None, "always": False, "never": True}[options["progress"]],
        )
        with bar:
            for path in bar:
                try:
                    result = self._import(path, user, options, revision_of)
                except (ValidationError, extract.ExtractionError) as error:
                    reason = "; ".join(getattr(error, "messages", None) or [str(error)])
                    refused.append((path, reason))
                    bar.write(f"{path}: refused: {reason}", file=self.stderr, end="")
                    continue
                if not result.created:
                    counts["duplicate"] += 1
                    line = f"{path}: duplicate, skipped. {result.message}"
                elif result.revision is not None and result.revision.number > 1:
                    counts["revised"] += 1
                    line = f"{path}: {result.message}"
                else:
                    counts["imported"] += 1
                    line = f"{path}: {result.message}"
                bar.write(line, file=self.stdout, end="")
        self.stdout.write(
            f"{counts['imported']} imported, {counts['duplicate']} skipped as duplicates, "
            f"{counts['revised']} new revisions, {len(refused)} refused."
        )
        if refused:
            self.stderr.write("Refused:")
            for path, reason in refused:
                self.stderr.write(f"  {path}: {reason}")
            raise CommandError(f"{len(refused)} file(s) could not be imported.")

    def _collect(self, names):
        """The files to import, folders expanded; paths that cannot be articles are refused up front.

        In a folder, links are followed only to regular files inside the folder;
        links out of it, dangling links, links to folders, FIFOs, sockets and devices
        are refused by name (reading a FIFO would wait forever, and a link out of the
        folder would import whatever file it names).
        """
        files, refused = [], []
        for name in names:
            path = Path(name)
            if path.is_dir():
                root = path.resolve()
                for child in _walk(path):
                    if _skipped_in_folder(child, path):
                        continue
                    problem = _not_an_article_file(child, root)
                    if problem:
                        refused.append((child, problem))
                    elif child.suffix.lower() in extract.IMPORTABLE_SUFFIXES:
                        files.append(child)
                    else:
                        refused.append(
                            (
                                child,
                                f"not an article file ({child.suffix or 'no suffix'}); "
                                "import .txt, .md or .html files",
                            )
                        )
            elif path.is_file():
                files.append(path)
            elif path.exists():
                refused.append((path, "not a regular file"))
            else:
                refused.append((path, "no such file or folder"))
        return files, refused

    def _revision_of(self, source_id, paths):
        if source_id is None:
            return None
        if len(paths) != 1:
            raise CommandError("--revision-of takes exactly one file.")
        try:
            return Source.objects.get(pk=source_id)
        except Source.DoesNotExist as error:
            raise CommandError(f"No source with id {source_id}.") from error

    def _import(self, path: Path, user, options, revision_of):
        metadata = read_sidecar(path)
        for name in METADATA_FIELDS:
            if options[name] is not None:
                metadata[name] = options[name]
        extracted = extract.extract(path.read_bytes(), path.name, options["format"])
        if options["story"] and self._story is None:
            # Made with the first file read, so a run that imports nothing makes none.
            self._story = story_get_or_create(
                name=options["story"], user=user, reason=options["reason"]
            )
        return source_import_extracted(
            extracted=extracted,
            user=user,
            reason=f"{options['reason']}: {path.name}",
            revision_of=revision_of,
            story=self._story,
            **metadata,
        )

    def _user(self, username):
        if not username:
            return system_user()
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error


def _walk(folder: Path):
    """Every entry under ``folder``, in order, without descending through links."""
    for directory, subfolders, names in os.walk(folder, followlinks=False):
        subfolders.sort()
        base = Path(directory)
        for name in sorted(names + [d for d in subfolders if (base / d).is_symlink()]):
            yield base / name


def _not_an_article_file(path: Path, root: Path) -> str:
    """Why ``path`` (in the folder ``root``, resolved) cannot be read, or ""."""
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.exists():
            return "a dangling link; skipped"
        if not target.is_relative_to(root):
            return f"a link out of the folder (to {target}); not followed"
        if target.is_dir():
            return "a link to a folder; not followed"
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a file; skipped"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file; skipped"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file; skipped"
    return "not a regular file; skipped"


def _skipped_in_folder(path: Path, root: Path) -> bool:
    """Metadata sidecars and hidden files (``.DS_Store``, editors' backups) are not articles."""
    relative = path.relative_to(root)
    return path.suffix.lower() == ".json" or any(
        part.startswith(".") for part in relative.parts
    )
