"""Metadata beside an imported file: ``article.txt`` may have ``article.json``."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError

from sources.metadata import METADATA_FIELDS


def sidecar_path(path: Path) -> Path:
    return path.with_suffix(".json")


def read_sidecar(path: Path) -> dict:
    """The metadata in the JSON file beside ``path``, or nothing when there is none."""
    meta_path = sidecar_path(path)
    if not meta_path.exists():
        return {}
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(
            f"{meta_path.name}: not valid JSON metadata ({error})."
        ) from error
    if not isinstance(data, dict):
        raise ValidationError(f"{meta_path.name}: metadata must be a JSON object.")
    unknown = set(data) - set(METADATA_FIELDS)
    if unknown:
        raise ValidationError(
            f"{meta_path.name}: unknown fields {', '.join(sorted(unknown))}."
        )
    if data.get("published_on"):
        try:
            data["published_on"] = datetime.date.fromisoformat(data["published_on"])
        except (TypeError, ValueError) as error:
            raise ValidationError(
                f"{meta_path.name}: published_on must be a date like 2026-01-06."
            ) from error
    return {key: value for key, value in data.items() if value is not None}
