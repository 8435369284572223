from .audit import RefusedAttempt
from .campaign import CLOSED, OPEN, UPCOMING, Campaign, CampaignTarget, Criterion
from .codes import EvaluationCode
from .followup import Rectification
from .response import Comment, ContactDetail, Rating, Response

__all__ = [
    "Campaign", "CampaignTarget", "CLOSED", "Comment", "ContactDetail",
    "Criterion", "EvaluationCode", "OPEN", "Rating", "Rectification",
    "RefusedAttempt", "Response", "UPCOMING",
]
