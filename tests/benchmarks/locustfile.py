"""Editors at work, for locust (driven by ``tests/benchmarks/loadtest.py``).

Each simulated editor logs in, then reads sources, lists claims, highlights words and
adds claims through ``POST /api/annotations/``, and changes claims' statuses through
``PATCH /api/claims/<id>/`` with the version it last read. Editors share a small set of
hot claims, so some edits start from a version someone else has replaced: those 409s
are expected, and each is kept with the version read and the one the answer names, for
the check that someone else's write really came between. A claim that has a verdict is
a reviewer's (the desk refuses an editor's change with 403), so an editor who reads one
leaves it alone and picks another; should a verdict land between the read and the write
anyway, that refusal is expected too and kept apart, with its version, for the same
check. Every other 4xx or 5xx is a failure. Every acknowledged write is written to
``LOAD_ACK_FILE`` for the check against the database afterwards.
"""

import json
import os
import random

from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["LOAD_PLAN_FILE"], encoding="utf-8").read())
ACKS = {
    "annotations": [],
    "status_changes": [],
    "conflicts": [],
    "verdict_refusals": [],
}
_users = iter(PLAN["users"])
STATUSES = ["unverified", "in_review", "disputed"]
#: The desk's verdicts (``Claim.VERDICTS``): an editor never changes such a claim.
VERDICTS = {"verified", "false", "misleading", "unverifiable"}
#: The desk's refusal of an editor's change to a claim under a verdict (VERDICT_LOCKED).
VERDICT_LOCKED = "This claim has a verdict; only a reviewer can change its statement"


class Editor(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        account = next(_users)
        self.token = account["token"]
        # Logged in already (a session made by loadtest.py, as the log-in form makes).
        self.client.cookies.set("sessionid", account["session"])
        self.rng = random.Random(account["username"])

    def _api(self):
        return {"Authorization": f"Token {self.token}"}

    @task(5)
    def read_source(self):
        source = self.rng.choice(PLAN["sources"])
        self.client.get(f"/sources/{source['id']}/", name="/sources/<id>/")

    @task(2)
    def list_claims(self):
        status = self.rng.choice(STATUSES)
        self.client.get(f"/claims/?status={status}", name="/claims/?status=")

    @task(1)
    def list_sources(self):
        self.client.get("/?page=2", name="/ (page 2)")

    @task(2)
    def annotate(self):
        source = self.rng.choice(PLAN["sources"])
        start, end, exact = self.rng.choice(source["spans"])
        document = {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "body": [
                {
                    "type": "TextualBody",
                    "purpose": "describing",
                    "value": f"Load claim: {exact[:80]}",
                }
            ],
            "target": {
                "source": f"/sources/{source['id']}/",
                "selector": [
                    {"type": "TextPositionSelector", "start": start, "end": end},
                    {"type": "TextQuoteSelector", "exact": exact},
                ],
            },
            "reason": "Load test",
        }
        with self.client.post(
            "/api/annotations/",
            json=document,
            headers=self._api(),
            name="POST /api/annotations/",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                ACKS["annotations"].append(
                    {
                        "highlight": int(
                            response.headers["Location"].rstrip("/").split("/")[-1]
                        ),
                        "source": source["id"],
                        "start": start,
                        "end": end,
                    }
                )
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(3)
    def change_status(self):
        # A claim without a verdict, as read: a verdict is the reviewers' to change.
        for _ in range(3):
            claim_id = self.rng.choice(PLAN["hot_claims"])
            read = self.client.get(
                f"/api/claims/{claim_id}/",
                headers=self._api(),
                name="GET /api/claims/<id>/",
            )
            if read.status_code != 200:
                return
            claim = read.json()
            if claim["status"] not in VERDICTS:
                break
        else:
            return
        status = self.rng.choice([s for s in STATUSES if s != claim["status"]])
        self.send_status(
            claim,
            {"status": status, "reason": "Load test", "version": claim["version"]},
            name="PATCH /api/claims/<id>/",
        )

    def send_status(self, claim, change, *, name):
        """PATCH a status with the version read; record what the desk answered."""
        with self.client.patch(
            f"/api/claims/{claim['id']}/",
            json=change,
            headers=self._api(),
            name=name,
            catch_response=True,
        ) as response:
            code = response.status_code
            if code == 200:
                ACKS["status_changes"].append(
                    {
                        "claim": claim["id"],
                        "version": response.json()["version"],
                        "status": change["status"],
                    }
                )
                response.success()
            elif code == 409 and "current" in _json(response):
                ACKS["conflicts"].append(
                    {
                        "claim": claim["id"],
                        "read": claim["version"],
                        "current": _json(response)["current"]["version"],
                    }
                )
                response.success()
            elif code == 403 and _json(response).get("detail", "").startswith(
                VERDICT_LOCKED
            ):
                ACKS["verdict_refusals"].append(
                    {"claim": claim["id"], "read": claim["version"]}
                )
                response.success()
            else:
                response.failure(f"{code}: {response.text[:200]}")


def _json(response) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


@events.test_stop.add_listener
def _write_acks(environment, **kwargs):
    with open(os.environ["LOAD_ACK_FILE"], "w", encoding="utf-8") as out:
        json.dump(ACKS, out)
