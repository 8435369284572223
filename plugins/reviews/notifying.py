"""What the reviews plugin tells people, through the core's notifications API: a 群众评议
campaign they may take part in opened (scheduled) or published its 通报, and an 整改 item
of their organisation (or of themselves) changed state."""

from django.db.models.signals import post_save, pre_save
from django.urls import reverse

from notifications.api import notify
from portal.plugins import NotificationKind, ScheduledTask

from .constants import SCOPE_ORGANISATION

RECTIFICATION = "reviews.rectification"
CAMPAIGN = "reviews.campaign"

KINDS = [
    NotificationKind(RECTIFICATION, "本组织或本人的整改事项状态变化", "inbox"),
    NotificationKind(CAMPAIGN, "我可参加的群众评议开始或发布通报", "inbox"),
]


def participants():
    """Party members take part with their own account (identity.respondent_for)."""
    from members.membership import all_members

    return all_members()


def readers(campaign):
    """Members inside the 通报's publication scope (visibility.published_for)."""
    from members.membership import organisation_members

    if campaign.publication_scope == SCOPE_ORGANISATION:
        if campaign.scope_organisation is None:
            return []
        return organisation_members([campaign.scope_organisation], with_suborganisations=False)
    return participants()


def raise_opened(now):
    from .models import Campaign

    raised = 0
    for campaign in Campaign.objects.open_now(now):
        raised += len(notify(
            participants(), CAMPAIGN, f"群众评议“{campaign.title}”已开始",
            body=f"评议期间：{campaign.period}；截止时间："
                 f"{campaign.closes_at.astimezone():%Y年%m月%d日 %H:%M}。",
            link=reverse("reviews:index"), key=f"campaign:{campaign.pk}:opened"))
    return f"评议开始提醒{raised}条"


def _remember(field):
    """A pre_save receiver keeping the stored value of `field` as instance._notify_previous
    (a 1-tuple, or None for a new row), so post_save can tell whether it changed."""
    def receiver(sender, instance, raw=False, **kwargs):
        instance._notify_previous = None if raw or not instance.pk else (
            sender.objects.filter(pk=instance.pk).values_list(field).first())
    return receiver


def _rectification_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    previous = getattr(instance, "_notify_previous", None)
    if not created and previous is not None and previous[0] == instance.status:
        return
    from members.membership import organisation_leaders

    target = instance.target
    people = [target.member] if target.member_id else organisation_leaders(target.organisation)
    state = "新增" if created else f"状态变为“{instance.get_status_display()}”"
    notify(people, RECTIFICATION, f"整改事项{state}：{instance.problem[:30]}",
            body=f"整改措施：{instance.measure}\n完成时限：{instance.deadline:%Y年%m月%d日}",
            link=reverse("reviews:index"),
            key=f"rectification:{instance.pk}:{instance.status}:{instance.updated_at.isoformat()}")


def _campaign_saved(sender, instance, created, raw=False, **kwargs):
    previous = getattr(instance, "_notify_previous", None)
    if raw or not instance.results_published_at or (previous and previous[0]):
        return
    notify(readers(instance), CAMPAIGN, f"群众评议“{instance.title}”已发布通报",
            link=instance.get_absolute_url(), key=f"campaign:{instance.pk}:published")


def connect():
    from .models import Campaign, Rectification

    for model, field, saved in ((Rectification, "status", _rectification_saved),
                                (Campaign, "results_published_at", _campaign_saved)):
        name = model.__name__
        pre_save.connect(_remember(field), sender=model, weak=False,
                         dispatch_uid=f"reviews_notify_pre_{name}")
        post_save.connect(saved, sender=model, dispatch_uid=f"reviews_notify_post_{name}")


TASKS = [ScheduledTask("reviews.campaigns_opened", "群众评议开始提醒", raise_opened)]
