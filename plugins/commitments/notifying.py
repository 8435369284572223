"""What the commitments plugin tells people, through the core's notifications API:
a 承诺书 waits for my 审定, my 承诺书 was approved or returned, a 点评 was posted on it.

Called from workflow.py and tracking.py inside their transactions: the inbox rows are
written with the action, e-mails leave after it commits."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from notifications.api import notify
from portal.plugins import NotificationKind

from . import people
from .choices import MEMBER_PLEDGE

REVIEW = "commitments.review"
DECISION = "commitments.decision"
COMMENT = "commitments.comment"

KINDS = [
    NotificationKind(REVIEW, "有承诺书待我审定", "email", "本组织党员或下级党组织提交的承诺书。"),
    NotificationKind(DECISION, "我的承诺书已审定公开或被退回", "email", "退回时附审定意见。"),
    NotificationKind(COMMENT, "我的承诺书收到领导点评", "inbox"),
]


def reviewers(pledge):
    """Who may 审定 the 承诺书: the reviewing organisation's 书记/副书记, or, where it has
    none linked, holders of the 审定 permission."""
    User = get_user_model()
    org = people.reviewing_organisation(pledge)
    leaders = User.objects.none()
    if org is not None:
        leaders = User.objects.filter(committee_roles__branch=org,
                                      committee_roles__role__in=("secretary", "deputy"))
    if leaders.exists():
        return leaders.distinct()
    perm = Q(codename="approve_pledge", content_type__app_label="commitments")
    from django.contrib.auth.models import Permission

    perms = Permission.objects.filter(perm)
    return User.objects.filter(Q(user_permissions__in=perms) | Q(groups__permissions__in=perms)
                               ).distinct()


def owners(pledge):
    """Whose 承诺书 it is: the member, or the organisation's 书记/副书记."""
    if pledge.kind == MEMBER_PLEDGE:
        return [pledge.member] if pledge.member_id else []
    return list(get_user_model().objects.filter(
        committee_roles__branch=pledge.organisation,
        committee_roles__role__in=("secretary", "deputy")).distinct())


def submitted(revision):
    pledge = revision.pledge
    notify(reviewers(pledge), REVIEW, f"《{pledge.title}》待您审定",
            body=f"第{revision.number}版，共{len(revision.items)}项承诺事项。",
            link=reverse("commitments:review"), key=f"revision:{revision.pk}:submitted",
            exclude=revision.author)


def approved(revision, user):
    pledge = revision.pledge
    body = f"审定意见：{revision.note}" if revision.note else "已审定，现已公开示诺。"
    notify(owners(pledge), DECISION, f"您的《{pledge.title}》已审定公开", body=body,
            link=pledge.get_absolute_url(), key=f"revision:{revision.pk}:approved",
            exclude=user)


def returned(revision, user):
    pledge = revision.pledge
    notify(owners(pledge), DECISION, f"您的《{pledge.title}》被退回修改",
            body=f"审定意见：{revision.note}", link=pledge.get_absolute_url(),
            key=f"revision:{revision.pk}:returned", exclude=user)


def commented(comment):
    pledge = comment.pledge
    notify(owners(pledge), COMMENT, f"您的《{pledge.title}》收到领导点评",
            body=f"{comment.author_name}（{comment.get_grade_display()}）：{comment.comment}",
            link=pledge.get_absolute_url(), key=f"comment:{comment.pk}", exclude=comment.author)
