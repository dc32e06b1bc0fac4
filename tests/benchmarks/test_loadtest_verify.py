"""The load test's check of its 409s and verdict refusals against the claims' history."""

import json

from editorial.claims import services as claim_services
from tests.benchmarks import loadtest


def test_a_409_or_verdict_refusal_counts_as_expected_only_after_someone_elses_write(
    tmp_path, source_factory, claim_factory, editor, reviewer
):
    source = source_factory("Bridge\nThe mayor opened the bridge in 1931.")
    claim = claim_factory(source, "opened the bridge")
    read = claim.version
    claim = claim_services.claim_set_status(
        claim=claim,
        status="in_review",
        user=editor,
        reason="Look",
        expected_version=read,
    )
    claim = claim_services.claim_set_status(
        claim=claim,
        status="verified",
        verdict_note="Records say so.",
        user=reviewer,
        reason="Checked",
        expected_version=read + 1,
    )
    acks = tmp_path / "acks.json"
    acks.write_text(
        json.dumps(
            {
                "annotations": [],
                "status_changes": [],
                "conflicts": [
                    {"claim": claim.pk, "read": read, "current": read + 2},
                    {"claim": claim.pk, "read": read + 2, "current": read + 2},
                    {"claim": claim.pk, "read": read + 7, "current": read + 8},
                ],
                "verdict_refusals": [
                    {"claim": claim.pk, "read": read + 1},
                    {"claim": claim.pk, "read": read + 2},
                ],
            }
        )
    )

    check = loadtest.verify(acks)

    assert check["conflicts_409"] == 3
    assert check["conflicts_409_unexplained"] == 2
    assert check["verdict_refusals_403"] == 2
    assert check["verdict_refusals_403_unexplained"] == 1
