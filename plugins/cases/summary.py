"""Keeping CaseSummary rows equal to the stored, live cases (models/summary.py).

A row is rebuilt from the database, never from the instance in memory: a draft saved
with new facet values changes the page's draft fields only, so the row keeps the live
values until the draft is published.
"""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

SUMMARY_FIELDS = ("field", "innovation_type", "date", "recommendation", "path", "depth", "live")


def _rows(cases, libraries):
    from .models import CaseSummary

    rows = []
    for case in cases:
        library = libraries.get(case["path"][:-Page.steplen])
        if library is None or not case["live"]:
            continue
        date = case["date"]
        rows.append(CaseSummary(
            page_id=case["pk"], library_id=library, path=case["path"], field=case["field"],
            innovation_type=case["innovation_type"], year=date.year if date else None,
            date=date, recommendation=case["recommendation"]))
    return rows


def _libraries(paths):
    from .models import CaseLibraryPage

    return dict(CaseLibraryPage.objects.filter(path__in=set(paths)).values_list("path", "pk"))


def sync_cases(page_ids):
    """Make the rows of these cases match the database: written if live, removed if not."""
    from .models import CaseSummary, InnovationCasePage

    page_ids = list(page_ids)
    if not page_ids:
        return
    cases = list(InnovationCasePage.objects.filter(pk__in=page_ids)
                 .values("pk", *SUMMARY_FIELDS))
    libraries = _libraries(c["path"][:-Page.steplen] for c in cases)
    rows = _rows(cases, libraries)
    with transaction.atomic():
        CaseSummary.objects.filter(page_id__in=page_ids).delete()
        CaseSummary.objects.bulk_create(rows)


def rebuild(stdout=None):
    """Every row from scratch (management command, migration, bulk imports)."""
    from .models import CaseSummary, InnovationCasePage

    cases = list(InnovationCasePage.objects.values("pk", *SUMMARY_FIELDS))
    libraries = _libraries(c["path"][:-Page.steplen] for c in cases)
    rows = _rows(cases, libraries)
    with transaction.atomic():
        CaseSummary.objects.all().delete()
        CaseSummary.objects.bulk_create(rows, batch_size=2000)
    if stdout is not None:
        stdout.write(f"案例索引行：{len(rows)} 个已上线案例。")
    return len(rows)


def _on_case_change(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    sync_cases([instance.pk])


def _on_move(sender, instance, **kwargs):
    """A moved case, or a moved library or ancestor: every case under it gets its new path."""
    from .models import InnovationCasePage

    moved = Page.objects.get(pk=instance.pk)
    ids = InnovationCasePage.objects.filter(path__startswith=moved.path).values_list("pk", flat=True)
    sync_cases(ids)


def connect():
    from .models import InnovationCasePage

    post_save.connect(_on_case_change, sender=InnovationCasePage, dispatch_uid="cases_summary_save")
    page_published.connect(_on_case_change, sender=InnovationCasePage,
                           dispatch_uid="cases_summary_published")
    page_unpublished.connect(_on_case_change, sender=InnovationCasePage,
                             dispatch_uid="cases_summary_unpublished")
    post_page_move.connect(_on_move, dispatch_uid="cases_summary_move")
