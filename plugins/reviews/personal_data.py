"""A member's data in 群众评议: export and erasure on request (registered in plugin.py).

A member's responses are found through the keyed respondent hash of their account.
Ratings and responses stay (the 统计表 keeps counting them); the follow-up phone
number is deleted and the free-text 意见建议 is blanked. Responses given by 评议码 or
device token cannot be tied to a person and are left alone.
"""

from django.utils import timezone

from audit.personal_data import ERASED_MARK

from .constants import CHANNEL_ACCOUNT
from .crypto import identity_hash
from .models import Campaign, Comment, ContactDetail, Response

TITLE = "群众评议"


def _responses(user):
    keys = [identity_hash(pk, CHANNEL_ACCOUNT, str(user.pk))
            for pk in Campaign.objects.values_list("pk", flat=True)]
    return (Response.objects.filter(channel=CHANNEL_ACCOUNT, respondent_key__in=keys)
            .select_related("campaign").prefetch_related("ratings__target"))


def export(user):
    rows = []
    for response in _responses(user):
        comment = Comment.objects.filter(response=response).first()
        contact = ContactDetail.objects.filter(response=response).first()
        rows.append({
            "评议活动": response.campaign.title,
            "提交时间": timezone.localtime(response.submitted_at).isoformat(),
            "评价": [{"评议对象": str(r.target), "各项评价": r.level_labels()}
                     for r in response.ratings.all()],
            "意见建议": comment.text if comment else "",
            "联系电话": contact.phone if contact else "",
        })
    return rows


def erase(user):
    responses = list(_responses(user))
    phones = ContactDetail.objects.filter(response__in=responses)
    phone_count = phones.count()
    phones.delete()
    comments = Comment.objects.filter(response__in=responses).exclude(text=ERASED_MARK)
    comment_count = comments.update(text=ERASED_MARK)
    return (f"{len(responses)}份评议保留计数，删除联系电话{phone_count}个、"
            f"意见建议{comment_count}条")
