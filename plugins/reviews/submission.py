"""Recording one response: everything in one transaction, or nothing at all.

On PostgreSQL the code claim, the response and its ratings are one statement
(`_store_postgresql`: data-modifying CTEs), so a submission's writes cost one round trip
and no ORM query building; elsewhere (SQLite) they are ORM statements. Both paths write
the same rows under the same constraints. The PostgreSQL statement sends no model signals
for the response (bulk_create sends none for ratings either); nothing in the portal needs
them: responses are `page_cache_neutral` and kept out of Wagtail's reference index.
"""

from django.db import IntegrityError, connection, transaction
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

    A 评议码 response needs no savepoint: the conditional UPDATE that claims the code is
    what makes it unique (two uses of one code cannot both claim it), and a refused claim
    changes nothing, so the refusal is noted after the block in the caller's transaction.
    Account and device responses rely on the unique (campaign, respondent_key) constraint,
    so they keep a savepoint to roll back to and note the refusal.
    """
    at = at or timezone.now()
    code_channel = respondent.channel == CHANNEL_CODE
    refusal = None
    try:
        with transaction.atomic(savepoint=not code_channel):
            if connection.vendor == "postgresql":
                response = _store_postgresql(campaign, respondent, category,
                                             levels_by_target, at, claim=code_channel)
                if response is None:
                    refusal = _code_refusal(campaign, respondent.value)
            else:
                if code_channel:
                    refusal = _claim_code(campaign, respondent.value, at)
                if refusal is None:
                    response = _store(campaign, respondent, category, levels_by_target, at)
            if refusal is None:
                if comment and campaign.allow_comments:
                    Comment.objects.create(response=response, campaign=campaign, text=comment,
                                           status=COMMENT_PENDING, created_at=at)
                if phone and campaign.ask_contact:
                    ContactDetail.for_phone(response, phone).save()
    except IntegrityError:
        # The unique (campaign, respondent) constraint: a second attempt.
        _note_refusal(campaign, "duplicate")
        raise Refused("duplicate", DUPLICATE_MESSAGE) from None
    if refusal is not None:
        _note_refusal(campaign, refusal.reason)
        raise refusal
    return response


def _store(campaign, respondent, category, levels_by_target, at):
    response = Response(campaign=campaign, category=category, channel=respondent.channel,
                        respondent_key=respondent.key(campaign), submitted_at=at)
    response.save()
    Rating.objects.bulk_create([
        Rating(response=response, campaign=campaign, category=category,
               target_id=target_id, levels=levels)
        for target_id, levels in levels_by_target.items()
    ])
    return response


def _claim_code(campaign, code, at):
    """Claim an unused 评议码; returns None, or the Refused to raise (nothing changed then)."""
    # A conditional UPDATE: of two simultaneous uses of one code exactly one succeeds.
    claimed = EvaluationCode.objects.filter(campaign=campaign, code=code,
                                            used_at=None).update(used_at=at)
    if claimed:
        return None
    return _code_refusal(campaign, code)


def _code_refusal(campaign, code):
    if EvaluationCode.objects.filter(campaign=campaign, code=code).exists():
        return Refused("code_used", CODE_USED_MESSAGE)
    return Refused("code_unknown", CODE_UNKNOWN_MESSAGE)


def _store_postgresql(campaign, respondent, category, levels_by_target, at, claim):
    """Claim the code (if `claim`) and write the response and its ratings in one statement.

    The claim is the same conditional UPDATE as `_claim_code` (of two simultaneous uses of
    one code the second waits for the first and then finds it used); the response is
    inserted only for a claimed code, and the ratings only for that response. Returns the
    Response, or None when the code was not claimed (nothing written). A second response
    of one account or device fails on the unique constraint (IntegrityError) as before.
    """
    tables = {m: connection.ops.quote_name(m._meta.db_table)
              for m in (EvaluationCode, Response, Rating)}
    targets, levels = list(levels_by_target), list(levels_by_target.values())
    claimed = f"""claimed AS (
            UPDATE {tables[EvaluationCode]} SET used_at = %(at)s
            WHERE campaign_id = %(campaign)s AND code = %(code)s AND used_at IS NULL
            RETURNING id
        ), """ if claim else ""
    sql = f"""
        WITH {claimed}response AS (
            INSERT INTO {tables[Response]}
                (campaign_id, category, channel, respondent_key, submitted_at)
            SELECT %(campaign)s, %(category)s, %(channel)s, %(key)s, %(at)s
            {"FROM claimed" if claim else ""}
            RETURNING id
        ), ratings AS (
            INSERT INTO {tables[Rating]} (response_id, campaign_id, category, target_id, levels)
            SELECT response.id, %(campaign)s, %(category)s, r.target_id, r.levels
            FROM response, unnest(%(targets)s::bigint[], %(levels)s::varchar[])
                 AS r(target_id, levels)
        )
        SELECT id FROM response"""
    key = respondent.key(campaign)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"at": at, "campaign": campaign.pk, "code": respondent.value,
                             "category": category, "channel": respondent.channel, "key": key,
                             "targets": targets, "levels": levels})
        row = cursor.fetchone()
    if row is None:
        return None
    response = Response(id=row[0], campaign=campaign, category=category,
                        channel=respondent.channel, respondent_key=key, submitted_at=at)
    response._state.adding = False
    response._state.db = connection.alias
    return response


def _note_refusal(campaign, reason):
    RefusedAttempt.objects.create(campaign=campaign, reason=reason)
