"""The editors of ``locustfile.py`` on the scaled-out desk, plus what issue 19 asks of
them: commenting on claims (the form, with the session and its CSRF token); reviewers
among them giving verdicts with versions on the same hot claims the editors work on
(``PATCH /api/claims/<id>/`` to verified or false with a note, or taking a verdict back
to in review), so verdicts land between editors' reads and writes; and a few editors
correcting a source of their own through the new-revision form, which queues the checks
and the reader's pre-drawing for the worker. Acknowledged comments, verdicts and
revisions join the acknowledged writes.

Every answer is also kept in ``ACKS["timeline"]`` as ``[time, status, upstream,
failed]`` (the app servers nginx tried, from its ``X-Upstream``), for the report on the app server stopped
halfway: what came back after it stopped, and from which server.
"""

import re
import uuid

from locust import events, task

from tests.benchmarks.locustfile import ACKS, PLAN, VERDICTS, Editor

ACKS.setdefault("comments", [])
ACKS.setdefault("revisions", [])
ACKS.setdefault("timeline", [])
REVIEWERS = set(PLAN.get("reviewers", []))
#: token -> the source that editor corrects (nobody else revises it).
REVISERS = PLAN.get("revisers", {})
EXPECTED_NUMBER = re.compile(r'name="expected_number" value="(\d+)"')
REVISION_URL = re.compile(r"/revisions/(\d+)/")


class DeskWorker(Editor):
    def on_start(self):
        super().on_start()
        self.reviewer = self.token in REVIEWERS
        self.revises = REVISERS.get(self.token)

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
        """A reviewer gives a hot claim a verdict, or takes its verdict back."""
        if not self.reviewer:
            return
        claim_id = self.rng.choice(PLAN["hot_claims"])
        read = self.client.get(
            f"/api/claims/{claim_id}/",
            headers=self._api(),
            name="GET /api/claims/<id>/",
        )
        if read.status_code != 200:
            return
        claim = read.json()
        if claim["status"] in VERDICTS:
            change = {"status": "in_review", "reason": "Load test: verdict reopened"}
        else:
            change = {
                "status": self.rng.choice(["verified", "false"]),
                "verdict_note": "Load verdict",
                "reason": "Load test verdict",
            }
        self.send_status(
            claim, {**change, "version": claim["version"]}, name="PATCH verdict"
        )

    @task(1)
    def revise(self):
        """Correct the editor's own source (the checks and pre-drawing follow)."""
        if not self.revises:
            return
        url = f"/sources/{self.revises['id']}/revisions/new/"
        form = self.client.get(url, name="/sources/<id>/revisions/new/")
        number = EXPECTED_NUMBER.search(form.text or "")
        token = self.client.cookies.get("csrftoken")
        if form.status_code != 200 or not number or not token:
            return
        with self.client.post(
            url,
            data={
                "body": f"{self.revises['body']}\n\nCorrection {uuid.uuid4().hex}.",
                "reason": "Load test correction",
                "expected_number": number.group(1),
            },
            headers={"X-CSRFToken": token},
            name="POST revision",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            made = REVISION_URL.search(response.headers.get("Location", ""))
            if response.status_code == 302 and made:
                ACKS["revisions"].append(
                    {"source": self.revises["id"], "number": int(made.group(1))}
                )
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")


@events.request.add_listener
def _keep(start_time, response=None, exception=None, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    headers = getattr(response, "headers", None) or {}
    ACKS["timeline"].append(
        [
            round(start_time, 2),
            status,
            headers.get("X-Upstream", ""),
            exception is not None,
        ]
    )


# Only DeskWorker runs (locust would otherwise run the imported Editor too).
del Editor
