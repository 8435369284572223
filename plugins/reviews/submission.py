"""Recording one response: everything in one transaction, or nothing at all."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .constants import CHANNEL_CODE, COMMENT_PENDING
from .models import (
    Comment,
    ContactDetail,
    EvaluationCode,
    Rating,
    RefusedAttempt,
    Response,
)

DUPLICATE_MESSAGE = "您已参加过本次评议，每人只能提交一次。本次提交未被计入，原评议结果保持不变。"
CODE_USED_MESSAGE = "该评议码已经使用过，每个评议码只能使用一次。本次提交未被计入。"
CODE_UNKNOWN_MESSAGE = "评议码不正确，请核对纸质评议码后重新输入。"


class Refused(Exception):
    def __init__(self, reason, message):
        super().__init__(message)
        self.reason = reason
        self.message = message


def record_response(campaign, respondent, category, levels_by_target, comment="", phone="",
                    at=None):
    """Store a response; raises Refused (and stores nothing of it) when it may not count.

    levels_by_target maps CampaignTarget ids to level strings, one digit per criterion.
    """
    at = at or timezone.now()
    try:
        with transaction.atomic():
            if respondent.channel == CHANNEL_CODE:
                _claim_code(campaign, respondent.value, at)
            response = Response(campaign=campaign, category=category,
                                channel=respondent.channel,
                                respondent_key=respondent.key(campaign), submitted_at=at)
            response.save()
            Rating.objects.bulk_create([
                Rating(response=response, campaign=campaign, category=category,
                       target_id=target_id, levels=levels)
                for target_id, levels in levels_by_target.items()
            ])
            if comment and campaign.allow_comments:
                Comment.objects.create(response=response, campaign=campaign, text=comment,
                                       status=COMMENT_PENDING, created_at=at)
            if phone and campaign.ask_contact:
                ContactDetail.for_phone(response, phone).save()
            return response
    except IntegrityError:
        # The unique (campaign, respondent) constraint: a second attempt.
        _note_refusal(campaign, "duplicate")
        raise Refused("duplicate", DUPLICATE_MESSAGE) from None
    except Refused as refused:
        _note_refusal(campaign, refused.reason)
        raise


def _claim_code(campaign, code, at):
    # A conditional UPDATE: of two simultaneous uses of one code exactly one succeeds.
    claimed = EvaluationCode.objects.filter(campaign=campaign, code=code,
                                            used_at=None).update(used_at=at)
    if claimed:
        return
    if EvaluationCode.objects.filter(campaign=campaign, code=code).exists():
        raise Refused("code_used", CODE_USED_MESSAGE)
    raise Refused("code_unknown", CODE_UNKNOWN_MESSAGE)


def _note_refusal(campaign, reason):
    RefusedAttempt.objects.create(campaign=campaign, reason=reason)
