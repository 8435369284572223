"""The ledger's filters (承诺期, 党组织, 状态, 主体, 类别, 逾期), read leniently from the query string.

The same filter drives the ledger page, its charts and the XLSX export, so an
export is exactly what the page shows.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils import timezone

from pages.models import BranchPage

from .choices import CATEGORIES, OVERDUE, PLEDGE_KINDS, STATUSES
from .models import Period
from .models.items import overdue_q


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass
class LedgerFilter:
    period: Period | None = None
    organisation: BranchPage | None = None
    status: str = ""
    kind: str = ""
    category: str = ""
    overdue: bool = False
    q: str = ""

    @classmethod
    def from_query(cls, params):
        period_id = _int(params.get("period"))
        org_id = _int(params.get("organisation"))
        status = params.get("status", "")
        kind = params.get("kind", "")
        category = params.get("category", "")
        return cls(
            period=Period.objects.filter(pk=period_id).first() if period_id else None,
            organisation=BranchPage.objects.filter(pk=org_id).first() if org_id else None,
            status=status if status in dict(STATUSES) else "",
            kind=kind if kind in dict(PLEDGE_KINDS) else "",
            category=category if category in dict(CATEGORIES) else "",
            overdue=params.get("overdue") in ("1", "on", "true"),
            q=(params.get("q") or "").strip()[:50],
        )

    def apply(self, items, today=None):
        today = today or timezone.localdate()
        if self.period:
            items = items.filter(pledge__period=self.period)
        if self.organisation:
            subtree = BranchPage.objects.filter(path__startswith=self.organisation.path)
            items = items.filter(pledge__organisation_id__in=list(
                subtree.values_list("pk", flat=True)))
        if self.kind:
            items = items.filter(pledge__kind=self.kind)
        if self.category:
            items = items.filter(category=self.category)
        if self.status == OVERDUE or self.overdue:
            items = items.filter(overdue_q(today))
        if self.status and self.status != OVERDUE:
            items = items.filter(status=self.status).exclude(overdue_q(today))
        if self.q:
            items = items.filter(content__icontains=self.q)
        return items

    def params(self):
        values = {
            "period": self.period.pk if self.period else "",
            "organisation": self.organisation.pk if self.organisation else "",
            "status": self.status, "kind": self.kind, "category": self.category,
            "overdue": "1" if self.overdue else "", "q": self.q,
        }
        return {k: v for k, v in values.items() if v not in ("", None)}

    def querystring(self):
        return urlencode(self.params())

    @property
    def is_active(self):
        return bool(self.params())

    def describe(self):
        """The filter in words, for export titles."""
        parts = []
        if self.period:
            parts.append(self.period.name)
        if self.organisation:
            parts.append(self.organisation.title)
        if self.kind:
            parts.append(dict(PLEDGE_KINDS)[self.kind])
        if self.category:
            parts.append(dict(CATEGORIES)[self.category])
        if self.status:
            parts.append(dict(STATUSES)[self.status])
        if self.overdue and self.status != OVERDUE:
            parts.append("逾期")
        if self.q:
            parts.append(f"含“{self.q}”")
        return "、".join(parts) or "全部"
