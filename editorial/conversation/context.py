"""The masthead's unread count, on every page for a signed-in person."""

from django.utils.functional import SimpleLazyObject

from editorial.conversation import selectors


def unread_notifications(request) -> dict:
    # Lazy: counted (one query) only when a template shows it.
    user = getattr(request, "user", None)
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: selectors.unread_count(user=user)
        )
    }
