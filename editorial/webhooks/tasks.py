"""Posting webhook deliveries off the request, on the ``webhooks`` queue."""

from __future__ import annotations

from editorial.jobs.retry import retrying_task
from editorial.webhooks import services


@retrying_task(queue_name="webhooks")
def deliver(delivery_id: int) -> dict:
    """Post one delivery; idempotent (a delivered one is never posted again)."""
    delivery = services.deliver(delivery_id)
    if delivery is None:
        return {"delivery": delivery_id, "skipped": "the delivery no longer exists"}
    return {"delivery": delivery_id, "status": delivery.status}
