"""The editors of ``locustfile.py`` on the scaled-out desk, plus what issue 19 asks of
them: commenting on claims (the form, with the session and its CSRF token) and, for the
reviewers among them, verdicts with versions (``PATCH /api/claims/<id>/`` to verified or
false with a note). Acknowledged comments and verdicts join the acknowledged writes."""

import uuid

from locust import task

from tests.benchmarks.locustfile import ACKS, PLAN, Editor

ACKS.setdefault("comments", [])
REVIEWERS = set(PLAN.get("reviewers", []))


class DeskWorker(Editor):
    def on_start(self):
        super().on_start()
        self.reviewer = self.token in REVIEWERS

    @task(1)
    def comment(self):
        claim_id = self.rng.choice(PLAN["hot_claims"])
        page = self.client.get(f"/claims/{claim_id}/", name="/claims/<id>/")
        token = self.client.cookies.get("csrftoken")
        if page.status_code != 200 or not token:
            return
        marker = uuid.uuid4().hex
        with self.client.post(
            f"/conversation/comments/claim/{claim_id}/",
            data={"body": f"Load comment {marker}"},
            headers={"X-CSRFToken": token},
            name="POST comment",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                ACKS["comments"].append({"claim": claim_id, "marker": marker})
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(1)
    def verdict(self):
        if not self.reviewer:
            return
        # Claims of their own: an editor may not take a reviewer's verdict back (403),
        # so verdicts never land on the claims whose statuses editors change.
        claim_id = self.rng.choice(PLAN["verdict_claims"])
        read = self.client.get(
            f"/api/claims/{claim_id}/",
            headers=self._api(),
            name="GET /api/claims/<id>/",
        )
        if read.status_code != 200:
            return
        claim = read.json()
        status = "false" if claim["status"] == "verified" else "verified"
        with self.client.patch(
            f"/api/claims/{claim_id}/",
            json={
                "status": status,
                "verdict_note": "Load verdict",
                "reason": "Load test verdict",
                "version": claim["version"],
            },
            headers=self._api(),
            name="PATCH verdict",
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                ACKS["status_changes"].append(
                    {
                        "claim": claim_id,
                        "version": response.json()["version"],
                        "status": status,
                    }
                )
                response.success()
            elif response.status_code == 409:
                ACKS["conflicts"] += 1
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")


# Only DeskWorker runs (locust would otherwise run the imported Editor too).
del Editor
