"""Two simultaneous API saves of one claim from the same version: exactly one wins, the other gets 409."""

import json
import threading
import urllib.error
import urllib.request

import pytest

from core import roles
from editorial.accounts import services as account_services
from editorial.claims import services as claim_services
from editorial.models import Claim


def patch(url: str, key: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="PATCH",
        headers={"Authorization": f"Token {key}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.parametrize("round_", range(3))
def test_two_concurrent_patches_from_one_version_one_wins_one_gets_409(
    live_server, user_factory, round_
):
    editor = user_factory(f"one{round_}", group=roles.EDITORS)
    other = user_factory(f"two{round_}", group=roles.EDITORS)
    claim = claim_services.claim_create(
        statement="Original words.", user=editor, reason="new"
    )
    keys = [
        account_services.api_token_create(user=u, name="script", reason="test")[1]
        for u in (editor, other)
    ]
    url = f"{live_server.url}/api/claims/{claim.pk}/"
    barrier = threading.Barrier(2)
    results = {}

    def save(index, words):
        barrier.wait()
        results[index] = patch(
            url, keys[index], {"statement": words, "version": 1, "reason": "rewording"}
        )

    threads = [
        threading.Thread(target=save, args=(i, w))
        for i, w in enumerate(["First words.", "Second words."])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(status for status, _ in results.values())
    assert statuses == [200, 409], results
    winner = next(i for i, (status, _) in results.items() if status == 200)
    loser_body = next(body for status, body in results.values() if status == 409)
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.statement == ["First words.", "Second words."][winner]
    assert stored.version == 2
    assert loser_body["current"]["version"] == 2
    assert loser_body["current"]["statement"] == stored.statement
    assert list(
        stored.history.order_by("history_id").values_list("version", flat=True)
    ) == [1, 2]
