"""Webhooks: configuring them (admins), queuing a delivery per event, posting it.

A desk event reaches ``on_desk_event`` after its transaction commits; each active
webhook that wants that kind gets a ``WebhookDelivery`` row and a background task
(``editorial.webhooks.tasks.deliver``) that posts it. The save that caused the event
never waits for a receiver: with a worker, nothing is sent in the request at all.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import clean_reason, stamp
from editorial import events
from editorial.jobs.retry import MAX_ATTEMPTS, backoff
from editorial.models import DeliveryStatus, Webhook, WebhookDelivery
from editorial.webhooks import signing

logger = logging.getLogger(__name__)

FIELDS = ("name", "url", "events", "secret", "active")


def _require_admin(user) -> None:
    if not (user and user.is_active and user.is_staff):
        raise PermissionDenied("Only the desk's admins configure webhooks.")


def _check_events(kinds) -> list[str]:
    if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
        raise ValidationError({"events": "Give a list of event names."})
    unknown = sorted(set(kinds) - set(events.KINDS))
    if unknown:
        raise ValidationError(
            {
                "events": f"Unknown events: {', '.join(unknown)}. Known: "
                + ", ".join(sorted(events.KINDS))
                + "."
            }
        )
    return list(dict.fromkeys(kinds))


@transaction.atomic
def webhook_save(*, webhook: Webhook, user, reason: str) -> Webhook:
    """Create or change a webhook (admins only): http(s) URL, known events, a secret."""
    _require_admin(user)
    webhook.events = _check_events(webhook.events)
    if not (webhook.secret or "").strip():
        raise ValidationError({"secret": "Give a secret; the receiver checks it."})
    if webhook.pk is None:
        webhook.created_by = user
    webhook.full_clean()
    stamp(webhook, user=user, reason=clean_reason(reason))
    webhook.save()
    return webhook


def payload_for(event: events.DeskEvent, base_url: str) -> dict:
    url = urljoin(base_url, event.url) if base_url else event.url
    subject = event.subject
    return {
        "event": event.kind,
        "summary": event.summary,
        "text": signing.slack_text(event.summary, url),
        "url": url,
        "actor": event.actor.get_username() if event.actor is not None else None,
        "subject": {
            "type": subject._meta.model_name if subject is not None else None,
            "id": getattr(subject, "pk", None),
            "label": str(subject) if subject is not None else "",
        },
        "data": {k: v for k, v in event.data.items() if isinstance(v, int | str)},
        "at": timezone.now().isoformat(),
    }


def on_desk_event(event: events.DeskEvent) -> None:
    """Queue one delivery per webhook that wants this event (after the save committed)."""
    wanting = [
        hook for hook in Webhook.objects.filter(active=True) if hook.wants(event.kind)
    ]
    if not wanting:
        return
    from editorial.webhooks import tasks

    payload = payload_for(event, settings.EDITORIAL_SITE_URL)
    for hook in wanting:
        delivery = WebhookDelivery.objects.create(
            webhook=hook, event=event.kind, payload=payload
        )
        transaction.on_commit(
            lambda pk=delivery.pk: tasks.deliver.enqueue(pk), robust=True
        )


def deliver(delivery_id: int) -> WebhookDelivery | None:
    """Post one delivery, once: a delivered one is never sent again.

    Failures are recorded on the row (code, error, attempts, when the next try is due)
    and raised, so the task is retried with backoff; after ``MAX_ATTEMPTS`` the row
    says it gave up and an admin can retry it.
    """
    delivery = (
        WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    )
    if delivery is None or delivery.status == DeliveryStatus.DELIVERED:
        return delivery
    hook = delivery.webhook
    body = signing.body_bytes(delivery.payload)
    request = urllib.request.Request(
        hook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "editorial-desk-webhooks/1",
            signing.SIGNATURE_HEADER: signing.signature(hook.secret, body),
            signing.EVENT_HEADER: delivery.event,
            signing.DELIVERY_HEADER: str(delivery.pk),
        },
    )
    delivery.attempts += 1
    try:
        with urllib.request.urlopen(
            request, timeout=settings.EDITORIAL_WEBHOOK_TIMEOUT
        ) as response:
            delivery.response_code = response.status
    except urllib.error.HTTPError as refused:
        _failed(delivery, f"The receiver answered {refused.code}.", refused.code)
        raise
    except (urllib.error.URLError, OSError) as down:
        reason = getattr(down, "reason", down)
        _failed(delivery, f"Could not reach the receiver: {reason}.", None)
        raise
    delivery.status = DeliveryStatus.DELIVERED
    delivery.delivered_at = timezone.now()
    delivery.last_error = ""
    delivery.next_attempt_at = None
    delivery.save()
    return delivery


def _failed(delivery: WebhookDelivery, error: str, code: int | None) -> None:
    delivery.response_code = code
    delivery.last_error = error[:2000]
    if delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.status = DeliveryStatus.RETRYING
        delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts + 1)
    delivery.save()
    logger.warning("Webhook delivery %s failed: %s", delivery.pk, error)


def delivery_retry(*, delivery: WebhookDelivery, user) -> None:
    """An admin sends a failed delivery again (a fresh round of attempts)."""
    _require_admin(user)
    if delivery.status == DeliveryStatus.DELIVERED:
        raise ValidationError("This delivery was delivered; it is not sent twice.")
    from editorial.webhooks import tasks

    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        attempts=0, status=DeliveryStatus.PENDING, next_attempt_at=None
    )
    transaction.on_commit(lambda: tasks.deliver.enqueue(delivery.pk), robust=True)
