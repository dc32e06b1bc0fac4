"""The desk's editorial records: highlights, claims and their links, evidence, disputes and
published fact checks.

Every model keeps full history (django-simple-history). Writes go through the
feature packages' services, which validate, save and record who changed what and why.

One module per kind of record; every model is imported here, so Django finds them
and ``from editorial.models import Claim`` keeps working.
"""

from .base import UidManager, UidModel
from .claims import Claim, ClaimHighlight, ClaimStatus, Evidence, Priority, Stance
from .conversation import Comment, Follow, Notification
from .disputes import Dispute, DisputeClaim, DisputeResolution, DisputeStatus
from .factchecks import ClaimantKind, FactCheck, FactCheckUpdate
from .highlights import Anchoring, Highlight
from .intake import PendingImport
from .jobs import ExportJob
from .suggestions import Suggestion, SuggestionKind, SuggestionStatus
from .tags import ClaimTag, SourceTag, Tag
from .tokens import ApiToken
from .webhooks import DeliveryStatus, Webhook, WebhookDelivery

__all__ = [
    "Anchoring",
    "ApiToken",
    "Claim",
    "ClaimTag",
    "ClaimHighlight",
    "ClaimantKind",
    "ClaimStatus",
    "Comment",
    "DeliveryStatus",
    "Dispute",
    "DisputeClaim",
    "DisputeResolution",
    "DisputeStatus",
    "Evidence",
    "ExportJob",
    "FactCheck",
    "FactCheckUpdate",
    "Follow",
    "Highlight",
    "Notification",
    "PendingImport",
    "Priority",
    "SourceTag",
    "Stance",
    "Suggestion",
    "SuggestionKind",
    "SuggestionStatus",
    "Tag",
    "UidManager",
    "UidModel",
    "Webhook",
    "WebhookDelivery",
]
