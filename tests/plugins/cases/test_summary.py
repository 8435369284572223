"""The library page's CaseSummary rows follow the live cases; topic counts; the nav entry."""

import datetime
import io
import re

import pytest
from django.core.management import call_command

from plugins.cases.facets import all_facets
from plugins.cases.models import CaseSummary
from portal.scope import AnonymousScopeResolver

from .conftest import make_case, publish

pytestmark = pytest.mark.django_db


def _row(case):
    return CaseSummary.objects.filter(page_id=case.pk).first()


def test_rows_follow_publish_draft_unpublish_and_delete(library):
    case = make_case(library, "s1", field="rural", date=datetime.date(2024, 2, 1))
    row = _row(case)
    assert (row.library_id, row.field, row.year, row.path) == (library.pk, "rural", 2024, case.path)

    case.field = "school"  # a draft: the live row keeps the published value
    case.save_revision(log_action=False)
    assert _row(case).field == "rural"
    case.get_latest_revision().publish(log_action=False)
    assert _row(case).field == "school"

    case.refresh_from_db()
    case.unpublish(log_action=False)
    assert _row(case) is None
    publish(case)
    assert _row(case) is not None
    case.delete()
    assert not CaseSummary.objects.filter(page_id=case.pk).exists()


def test_facets_from_rows_equal_facets_from_the_pages(library, cases):
    resolver = AnonymousScopeResolver()
    from_pages = all_facets(library.visible_cases(resolver))
    from_rows = all_facets(library.visible_summaries(resolver))
    assert from_rows == from_pages


def test_rebuild_command_restores_the_rows(library, cases):
    CaseSummary.objects.all().delete()
    call_command("rebuild_case_summaries", stdout=io.StringIO())
    assert set(CaseSummary.objects.values_list("page_id", flat=True)) == {c.pk for c in cases}


def test_moved_library_moves_its_rows(library, cases, site_tree):
    library.move(site_tree.branch1, pos="last-child")
    library.refresh_from_db()
    paths = set(CaseSummary.objects.values_list("path", flat=True))
    assert all(p.startswith(library.path) for p in paths) and len(paths) == len(cases)


def test_topics_show_their_counts_and_the_nav_entry_is_current(client, library, cases):
    body = client.get(library.url).content.decode()
    # 三会一课专题 = cases tagged 三会一课 or 组织生活: c3, c5, c6.
    assert re.search(r"三会一课专题</span> <span class=\"case-facet__n\">3<", body)
    assert re.search(r'href="/case-library/" aria-current="page"', body)
    case_page = client.get(cases[0].url).content.decode()
    assert re.search(r'href="/case-library/" aria-current="page"', case_page)
