"""The W3C Web Annotation MUST-level checker from ../shared/conformance, run on a document."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from functools import cache
from pathlib import Path

from django.conf import settings

VALIDATOR = (
    Path(settings.BASE_DIR).parent
    / "shared"
    / "conformance"
    / "w3c-annotation"
    / "validate.py"
)


@cache
def _validator():
    spec = importlib.util.spec_from_file_location("w3c_annotation_validate", VALIDATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def w3c_check(document: dict, tmp_path: Path, name: str = "annotation.json") -> str:
    """Run validate.py on ``document`` as a file; return its report, asserting it passed."""
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        status = _validator().main(["-v", str(path)])
    report = output.getvalue()
    assert status == 0, report
    assert " 0 failed" in report and "FAIL" not in report, report
    return report
