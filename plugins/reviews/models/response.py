"""What respondents submit. Responses and ratings are append-only: once written they never change.

A Rating holds one respondent's grades for one target as a string of level digits,
one per criterion of the target's kind in criterion order ("1243" = 满意, 比较满意,
不满意, 基本满意). Criteria are frozen once a campaign has responses, so positions
keep their meaning; the 统计表 groups on (target, category, levels).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from integrity.append_only import AppendOnlyModel

from ..admin_forms import CommentModerationForm
from ..constants import (
    CATEGORIES,
    CATEGORY_LABELS,
    CHANNELS,
    COMMENT_MAX_LENGTH,
    COMMENT_PENDING,
    COMMENT_STATUSES,
    LEVEL_LABELS,
)
from ..crypto import decrypt_phone, encrypt_phone, mask_phone


class Response(AppendOnlyModel):
    # No public page shows single responses: saving one leaves the page cache alone.
    page_cache_neutral = True

    # Indexed by the unique (campaign, respondent_key) constraint, which starts with it.
    campaign = models.ForeignKey("reviews.Campaign", verbose_name="评议活动",
                                 on_delete=models.PROTECT, related_name="responses",
                                 db_index=False)
    category = models.CharField("评议人类别", max_length=20, choices=CATEGORIES)
    channel = models.CharField("参与方式", max_length=20, choices=CHANNELS)
    # Keyed hash of the account, 评议码 or device token: one response per respondent,
    # enforced by the database, without recording who the respondent is.
    respondent_key = models.CharField("评议人标识（摘要）", max_length=64)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "评议记录"
        verbose_name_plural = "评议记录"
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "respondent_key"],
                                    name="reviews_one_response_per_respondent"),
        ]

    def __str__(self):
        return f"{self.campaign.title} #{self.pk}"

    @property
    def category_label(self):
        return CATEGORY_LABELS.get(self.category, "")


class Rating(AppendOnlyModel):
    page_cache_neutral = True

    # Both foreign keys are the first column of an index below (the unique constraint and
    # the tally index): no separate index each, two fewer index writes per rating.
    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="ratings",
                                 db_index=False)
    # Copied from the response so the 统计表 is one scan of this table.
    campaign = models.ForeignKey("reviews.Campaign", on_delete=models.PROTECT, related_name="+",
                                 db_index=False)
    category = models.CharField(max_length=20, choices=CATEGORIES)
    target = models.ForeignKey("reviews.CampaignTarget", verbose_name="评议对象",
                               on_delete=models.PROTECT, related_name="ratings")
    levels = models.CharField("各项评价", max_length=16)

    class Meta:
        verbose_name = "评价"
        verbose_name_plural = "评价"
        constraints = [
            models.UniqueConstraint(fields=["response", "target"], name="reviews_one_rating_per_target"),
        ]
        indexes = [models.Index(fields=["campaign", "target", "category", "levels"],
                                name="reviews_rating_tally")]

    def __str__(self):
        return f"{self.target_id}:{self.levels}"

    def level_labels(self):
        return [LEVEL_LABELS.get(ch, "?") for ch in self.levels]


class Comment(models.Model):
    """A respondent's 意见建议: never shown publicly until approved (pre-moderation)."""

    response = models.OneToOneField(Response, on_delete=models.PROTECT, related_name="comment")
    campaign = models.ForeignKey("reviews.Campaign", verbose_name="评议活动",
                                 on_delete=models.PROTECT, related_name="comments")
    text = models.TextField("意见建议", max_length=COMMENT_MAX_LENGTH)
    status = models.CharField("审核状态", max_length=20, choices=COMMENT_STATUSES,
                              default=COMMENT_PENDING, db_index=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人",
                                     null=True, blank=True, editable=False,
                                     on_delete=models.SET_NULL, related_name="+")
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("提交时间", default=timezone.now)

    base_form_class = CommentModerationForm
    panels = [FieldPanel("text", read_only=True), FieldPanel("status")]

    class Meta:
        verbose_name = "评议意见"
        verbose_name_plural = "评议意见"
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:30]


class ContactDetail(models.Model):
    """An optional phone number for follow-up, encrypted; purged after the retention period."""

    page_cache_neutral = True

    response = models.OneToOneField(Response, on_delete=models.PROTECT, related_name="contact")
    phone_encrypted = models.TextField("联系电话（密文）")
    created_at = models.DateTimeField("留存时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "联系方式"
        verbose_name_plural = "联系方式"
        permissions = [("view_full_phone", "查看完整联系电话")]

    def __str__(self):
        return self.masked_phone

    @classmethod
    def for_phone(cls, response, phone):
        return cls(response=response, phone_encrypted=encrypt_phone(phone))

    @property
    def phone(self):
        return decrypt_phone(self.phone_encrypted)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)

    def phone_for(self, user):
        """The full number only for users holding the special permission."""
        if user.has_perm("reviews.view_full_phone"):
            # Audit trail (issue 10): every unmasked number shown is recorded.
            from audit.api import log_personal_data_view

            log_personal_data_view(None, f"评议联系电话（评议记录#{self.response_id}）")
            return self.phone
        return self.masked_phone
