"""A 三会一课 record with every element seed 002 requires, plus absences and attachments."""

import datetime as dt
import hashlib

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from ..constants import MEETING_TYPES
from ..storage import private_storage, upload_path


def lock_days():
    return int(getattr(settings, "MEETINGS_LOCK_DAYS", 7))


# What the monthly counts depend on (models/counts.py).
COUNTED_FIELDS = {"organisation", "organisation_id", "meeting_type", "held_year", "held_month",
                  "voided"}


class MeetingRecordQuerySet(models.QuerySet):
    """Writes that bypass MeetingRecord.save() still keep the monthly counts right."""

    def update(self, **kwargs):
        from ..counts import refresh

        start = kwargs.get("start")
        if isinstance(start, dt.datetime) and not ({"held_year", "held_month"} & set(kwargs)):
            local = timezone.localtime(start)
            kwargs.update(held_year=local.year, held_month=local.month)
        if not COUNTED_FIELDS & set(kwargs):
            return super().update(**kwargs)  # e.g. the version marks: no count changes
        with transaction.atomic():
            pks = list(self.values_list("pk", flat=True))
            before = _pairs(pks)
            updated = super().update(**kwargs)
            refresh(before | _pairs(pks))
        return updated

    def bulk_create(self, objs, *args, **kwargs):
        from ..counts import refresh

        objs = list(objs)
        for obj in objs:
            obj.set_held_period()
        with transaction.atomic():
            created = super().bulk_create(objs, *args, **kwargs)
            refresh({(obj.organisation_id, obj.held_year) for obj in objs})
        return created

    def counted(self):
        """Records that count towards compliance: not withdrawn (作废)."""
        return self.filter(voided=False)

    def in_year(self, year):
        start, end = year_bounds(year)
        return self.filter(start__gte=start, start__lt=end)


def _pairs(pks):
    """(organisation id, year) of the given records, as stored."""
    pairs = set()
    for start in range(0, len(pks), 500):
        pairs |= set(MeetingRecord.objects.filter(pk__in=pks[start:start + 500]).order_by()
                     .values_list("organisation_id", "held_year").distinct())
    return pairs


def year_bounds(year):
    """Aware datetimes of 1 January of `year` and of the next year, in local time."""
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


class MeetingRecord(ClusterableModel):
    organisation = models.ForeignKey("pages.BranchPage", verbose_name="党组织",
                                     on_delete=models.PROTECT, related_name="meeting_records")
    meeting_type = models.CharField("会议类型", max_length=20, choices=MEETING_TYPES)
    topic = models.CharField("会议主题", max_length=200)
    start = models.DateTimeField("开始时间")
    end = models.DateTimeField("结束时间")
    place = models.CharField("会议地点", max_length=100)
    host = models.CharField("主持人", max_length=30)
    recorder = models.CharField("记录人", max_length=30)
    attendees = ParentalManyToManyField(settings.AUTH_USER_MODEL, verbose_name="出席人员",
                                        blank=True, related_name="meetings_attended")
    attendees_other = models.TextField(
        "名册外出席人员", blank=True,
        help_text="不在本组织党员名册中的出席人员姓名，每行一人或用顿号分隔。")
    in_attendance = models.TextField("列席人员", blank=True,
                                     help_text="列席人员姓名及单位、职务，如观察员、上级党组织派员。")
    content = models.TextField("会议内容及发言情况")
    votes = models.TextField("表决情况", blank=True)
    resolutions = models.TextField("决议及分工落实情况", blank=True)
    voided = models.BooleanField("已作废", default=False,
                                 help_text="误录的记录不删除，作废后不计入统计。")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True,
                                   blank=True, editable=False, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField("录入时间", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("最后修改", auto_now=True)
    # Local year and month of `start`, kept so the dashboards group in plain SQL.
    held_year = models.PositiveSmallIntegerField("年度", default=0, editable=False)
    held_month = models.PositiveSmallIntegerField("月份", default=0, editable=False)
    version_count = models.PositiveIntegerField("版本数", default=0, editable=False)

    objects = MeetingRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "会议记录"
        verbose_name_plural = "会议记录"
        ordering = ["-start"]
        indexes = [models.Index(fields=["organisation", "start"]),
                   models.Index(fields=["held_year", "organisation"]),
                   models.Index(fields=["start"])]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "meeting_type", "start"],
                                    name="meetings_unique_meeting", condition=models.Q(voided=False),
                                    violation_error_message="本组织同一时间已登记过同类会议，请勿重复录入。"),
        ]

    def __str__(self):
        return f"{self.start_local:%Y-%m-%d} {self.get_meeting_type_display()}：{self.topic}"

    def save(self, *args, **kwargs):
        """Save, and recount the months of the (organisation, year) before and after."""
        from ..counts import refresh

        self.set_held_period()
        with transaction.atomic():
            before = _pairs([self.pk]) if self.pk else set()
            super().save(*args, **kwargs)
            refresh(before | {(self.organisation_id, self.held_year)})

    def set_held_period(self):
        if self.start:
            local = timezone.localtime(self.start)
            self.held_year, self.held_month = local.year, local.month

    @property
    def start_local(self):
        return timezone.localtime(self.start)

    @property
    def year(self):
        return self.start_local.year

    # -- locking -------------------------------------------------------------------
    @property
    def locks_at(self):
        return self.created_at + dt.timedelta(days=lock_days())

    @property
    def locked(self):
        return self.pk is not None and timezone.now() >= self.locks_at

    @property
    def locked_label(self):
        return "已锁定" if self.locked else f"{timezone.localtime(self.locks_at):%m-%d %H:%M}锁定"

    def attendee_names(self):
        names = [u.get_full_name() or u.get_username() for u in self.attendees.all()]
        return names + split_names(self.attendees_other)


def split_names(text):
    """Names typed as lines or separated by 、，, ; blank items dropped, order kept."""
    names = []
    for line in (text or "").replace("，", "、").replace(",", "、").replace("；", "、").splitlines():
        names += [n.strip() for n in line.split("、") if n.strip()]
    return names


class MeetingAbsence(models.Model):
    record = ParentalKey(MeetingRecord, related_name="absences", on_delete=models.CASCADE)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="党员账户", null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField("姓名", max_length=30)
    reason = models.CharField("缺席原因", max_length=200)

    class Meta:
        verbose_name = "缺席人员"
        verbose_name_plural = "缺席人员"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.name}（{self.reason}）"


ATTACHMENT_KINDS = [("document", "附件"), ("photo", "活动照片")]


class MeetingAttachment(models.Model):
    record = ParentalKey(MeetingRecord, related_name="attachments", on_delete=models.CASCADE)
    kind = models.CharField("类别", max_length=10, choices=ATTACHMENT_KINDS, default="document")
    title = models.CharField("名称", max_length=200, blank=True)
    file = models.FileField("文件", storage=private_storage, upload_to=upload_path,
                            max_length=200)
    size = models.PositiveIntegerField("大小（字节）", default=0, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = "附件和照片"
        verbose_name_plural = "附件和照片"
        ordering = ["kind", "pk"]

    def __str__(self):
        return self.title or self.get_kind_display()

    def save(self, *args, **kwargs):
        if self.file and self._content_changed():
            # A new or replaced file gets its own hash; the old file stays where it is and
            # keeps its entry among the record's retained files (see models/retained.py).
            self.sha256, self.size = file_digest(self.file)
        if not self.title and self.file:
            self.title = getattr(self.file, "name", "").rsplit("/", 1)[-1][:200]
        super().save(*args, **kwargs)

    def _content_changed(self):
        if not self.sha256 or not getattr(self.file, "_committed", True):
            return True
        if self.pk is None:
            return False
        stored = type(self).objects.filter(pk=self.pk).values_list("file", flat=True).first()
        return stored != self.file.name


def file_digest(field_file):
    """SHA-256 and size of a stored or freshly uploaded file."""
    digest, size = hashlib.sha256(), 0
    field_file.open("rb")
    for chunk in field_file.chunks():
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size
