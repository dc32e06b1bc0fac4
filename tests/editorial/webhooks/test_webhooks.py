"""Outgoing webhooks: signed JSON (with a Slack ``text``) for the chosen events, retried
with backoff, logged, and never in the way of a save; tested against real receivers on
loopback."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.models import DeliveryStatus, Webhook, WebhookDelivery
from editorial.webhooks import services as webhook_services
from editorial.webhooks import signing

SECRET = "s3cret-shared-with-the-chat"


class Receiver:
    """A local HTTP receiver: answers with the given codes in turn (or hangs)."""

    def __init__(self, codes=(200,), hang: float = 0.0):
        self.codes = list(codes)
        self.hang = hang
        self.received: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                if receiver.hang:
                    time.sleep(receiver.hang)
                code = (
                    receiver.codes.pop(0)
                    if len(receiver.codes) > 1
                    else receiver.codes[0]
                )
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/hook"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def admin_user(user_factory):
    return user_factory("boss", is_staff=True, is_superuser=True)


def _webhook(admin_user, url, events=("claim.assigned",)):
    return webhook_services.webhook_save(
        webhook=Webhook(
            name="Newsroom chat", url=url, events=list(events), secret=SECRET
        ),
        user=admin_user,
        reason="Tell the chat",
    )


def _assign(claim, editor, reviewer, capture):
    with capture(execute=True):
        claim_services.claim_update(
            claim=claim, user=editor, reason="Over to you", assigned_to=reviewer
        )


def test_an_event_is_posted_signed_with_a_slack_text(
    admin_user,
    editor,
    reviewer,
    source_factory,
    claim_factory,
    django_capture_on_commit_callbacks,
):
    claim = claim_factory(source_factory(), "Some body", "Twenty nations attended")
    with Receiver() as receiver:
        _webhook(admin_user, receiver.url)
        _assign(claim, editor, reviewer, django_capture_on_commit_callbacks)
    ((headers, body),) = receiver.received
    assert signing.verify(SECRET, body, headers[signing.SIGNATURE_HEADER])
    assert not signing.verify("another secret", body, headers[signing.SIGNATURE_HEADER])
    payload = json.loads(body)
    assert payload["event"] == headers[signing.EVENT_HEADER] == "claim.assigned"
    assert payload["actor"] == "ed"
    assert payload["subject"] == {
        "type": "claim",
        "id": claim.pk,
        "label": "Twenty nations attended",
    }
    assert (
        payload["text"].startswith("<http") and "assigned the claim" in payload["text"]
    )
    assert payload["url"].endswith(reverse("claims:detail", args=[claim.pk]))
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == (
        DeliveryStatus.DELIVERED,
        1,
        200,
    )


def test_only_the_chosen_events_are_sent(
    admin_user,
    editor,
    reviewer,
    source_factory,
    claim_factory,
    django_capture_on_commit_callbacks,
):
    claim = claim_factory(source_factory(), "Some body")
    with Receiver() as receiver:
        _webhook(admin_user, receiver.url, events=["dispute.opened"])
        _assign(claim, editor, reviewer, django_capture_on_commit_callbacks)
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_a_failing_receiver_is_retried_until_it_answers(
    admin_user,
    editor,
    reviewer,
    source_factory,
    claim_factory,
    django_capture_on_commit_callbacks,
):
    claim = claim_factory(source_factory(), "Some body")
    with Receiver(codes=[500, 503, 200]) as receiver:
        _webhook(admin_user, receiver.url)
        _assign(claim, editor, reviewer, django_capture_on_commit_callbacks)
    assert len(receiver.received) == 3
    bodies = {body for _, body in receiver.received}
    assert len(bodies) == 1  # the same delivery each time
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 3)


def test_a_receiver_that_stays_down_is_given_up_on_and_logged(
    admin_user,
    editor,
    reviewer,
    source_factory,
    claim_factory,
    django_capture_on_commit_callbacks,
):
    claim = claim_factory(source_factory(), "Some body")
    with Receiver(codes=[500]) as receiver:
        _webhook(admin_user, receiver.url)
        _assign(claim, editor, reviewer, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == len(receiver.received) == 4
    assert delivery.last_error == "The receiver answered 500."
    claim.refresh_from_db()
    assert claim.assigned_to == reviewer  # the save stands


@override_settings(
    TASKS={
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "webhooks"],
        }
    },
    EDITORIAL_WEBHOOK_TIMEOUT=0.5,
)
def test_a_hanging_receiver_never_holds_up_the_save(
    admin_user,
    editor,
    reviewer,
    source_factory,
    claim_factory,
    django_capture_on_commit_callbacks,
):
    claim = claim_factory(source_factory(), "Some body")
    with Receiver(hang=3) as receiver:
        _webhook(admin_user, receiver.url)
        _assign(claim, editor, reviewer, django_capture_on_commit_callbacks)
        delivery = WebhookDelivery.objects.get()
        # The save only queued the delivery; the worker posts it.
        assert delivery.status == DeliveryStatus.PENDING and receiver.received == []
        with pytest.raises(OSError):
            webhook_services.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.RETRYING
    assert "timed out" in delivery.last_error
    assert delivery.next_attempt_at is not None


@pytest.mark.parametrize(
    "url", ["ftp://chat.example/hook", "javascript:alert(1)", "file:///etc/passwd"]
)
def test_only_http_and_https_receivers(admin_user, url):
    with pytest.raises(ValidationError, match="http"):
        _webhook(admin_user, url)
    assert not Webhook.objects.exists()


def test_unknown_events_and_missing_secrets_are_refused(admin_user):
    with pytest.raises(ValidationError, match="Unknown events: claim.eaten"):
        _webhook(admin_user, "https://chat.example/hook", events=["claim.eaten"])
    with pytest.raises(ValidationError, match="secret"):
        webhook_services.webhook_save(
            webhook=Webhook(name="x", url="https://chat.example/hook", secret=" "),
            user=admin_user,
            reason="x",
        )


def test_only_admins_configure_webhooks(editor):
    with pytest.raises(PermissionDenied):
        _webhook(editor, "https://chat.example/hook")


def test_the_admin_configures_a_webhook_with_history_and_lists_deliveries(
    client, admin_user
):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:editorial_webhook_add"),
        {
            "name": "Chat",
            "url": "https://chat.example/hook",
            "events": ["claim.verdict", "dispute.opened"],
            "secret": SECRET,
            "active": "on",
            "change_reason": "Verdicts to the chat",
        },
    )
    assert response.status_code == 302
    hook = Webhook.objects.get()
    assert hook.events == ["claim.verdict", "dispute.opened"]
    row = hook.history.get()
    assert row.history_user == admin_user
    assert row.history_change_reason == "Verdicts to the chat"
    assert not hasattr(row, "secret")  # the secret is not copied into history
    refused = client.post(
        reverse("admin:editorial_webhook_add"),
        {
            "name": "Bad",
            "url": "ftp://chat.example/hook",
            "secret": SECRET,
            "change_reason": "x",
        },
    )
    assert refused.status_code == 200 and Webhook.objects.count() == 1
    assert (
        client.get(reverse("admin:editorial_webhookdelivery_changelist")).status_code
        == 200
    )


def test_an_admin_retries_a_failed_delivery_from_the_log(
    client,
    admin_user,
    editor,
    reviewer,
    source_factory,
    claim_factory,
    django_capture_on_commit_callbacks,
):
    claim = claim_factory(source_factory(), "Some body")
    with Receiver(codes=[500]) as receiver:
        _webhook(admin_user, receiver.url)
        _assign(claim, editor, reviewer, django_capture_on_commit_callbacks)
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == DeliveryStatus.FAILED
        receiver.codes = [200]
        client.force_login(admin_user)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("admin:editorial_webhookdelivery_changelist"),
                {"action": "retry", "_selected_action": [delivery.pk]},
            )
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
