"""Meetings held per organisation, year, type and month: what the dashboards read.

Derived data: counts.py rewrites the rows of an (organisation, year) from the records
whenever one of its records is saved, updated or deleted, so a dashboard over hundreds of
organisations reads one short row per organisation and type instead of grouping a year
of records. verify_records reports rows that disagree with the records, and
`manage.py rebuild_meeting_counts` rewrites them all.
"""

from django.db import models

from ..constants import MEETING_TYPES

MONTH_FIELDS = [f"m{month}" for month in range(1, 13)]


def _month(month):
    return models.PositiveSmallIntegerField(f"{month}月", default=0)


class MonthlyCount(models.Model):
    """Non-withdrawn meetings of one type an organisation held in each local month of a year.

    Twelve plain columns rather than a list: the dashboards read the rows straight from
    the cursor, with nothing to decode.
    """

    organisation = models.ForeignKey("pages.BranchPage", verbose_name="党组织",
                                     on_delete=models.CASCADE, related_name="+",
                                     db_index=False)
    year = models.PositiveSmallIntegerField("年度")
    meeting_type = models.CharField("会议类型", max_length=20, choices=MEETING_TYPES)
    m1 = _month(1)
    m2 = _month(2)
    m3 = _month(3)
    m4 = _month(4)
    m5 = _month(5)
    m6 = _month(6)
    m7 = _month(7)
    m8 = _month(8)
    m9 = _month(9)
    m10 = _month(10)
    m11 = _month(11)
    m12 = _month(12)

    class Meta:
        verbose_name = "月度召开次数"
        verbose_name_plural = "月度召开次数"
        constraints = [models.UniqueConstraint(fields=["year", "organisation", "meeting_type"],
                                               name="meetings_one_count_row")]

    def __str__(self):
        return f"{self.year} {self.organisation_id} {self.meeting_type}: {self.months}"

    @property
    def months(self):
        return [getattr(self, name) for name in MONTH_FIELDS]

    @months.setter
    def months(self, values):
        for name, value in zip(MONTH_FIELDS, values, strict=True):
            setattr(self, name, value)
