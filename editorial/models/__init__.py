"""The desk's editorial records: highlights, claims and their links, evidence and disputes.

Every model keeps full history (django-simple-history). Writes go through the
feature packages' services, which validate, save and record who changed what and why.

One module per kind of record; every model is imported here, so Django finds them
and ``from editorial.models import Claim`` keeps working.
"""

from .base import UidManager, UidModel
from .claims import Claim, ClaimHighlight, ClaimStatus, Evidence, Stance
from .disputes import Dispute, DisputeClaim, DisputeStatus
from .highlights import Anchoring, Highlight
from .suggestions import Suggestion, SuggestionKind, SuggestionStatus
from .tokens import ApiToken

__all__ = [
    "Anchoring",
    "ApiToken",
    "Claim",
    "ClaimHighlight",
    "ClaimStatus",
    "Dispute",
    "DisputeClaim",
    "DisputeStatus",
    "Evidence",
    "Highlight",
    "Stance",
    "Suggestion",
    "SuggestionKind",
    "SuggestionStatus",
    "UidManager",
    "UidModel",
]
