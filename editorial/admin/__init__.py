"""The desk's admin, one module per feature, all on ``core.admin``'s base.

Django's autodiscover imports ``editorial.admin``; importing the modules here makes
every registration happen.
"""

from . import (
    accounts,
    claims,
    conversation,
    disputes,
    highlights,
    publishing,
    suggestions,
    tags,
    webhooks,
)

__all__ = [
    "accounts",
    "claims",
    "conversation",
    "disputes",
    "highlights",
    "publishing",
    "suggestions",
    "tags",
    "webhooks",
]
