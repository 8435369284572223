"""相关案例: shared jieba terms and tags on the database backend; Elasticsearch falls back."""

from unittest import mock

import pytest

from plugins.cases import related
from plugins.cases.keyterms import key_terms
from plugins.cases.models import CaseTerm
from portal.scope import AnonymousScopeResolver

pytestmark = pytest.mark.django_db


def test_terms_are_stored_on_publish(cases):
    terms = set(CaseTerm.objects.filter(case=cases[0]).values_list("term", flat=True))
    assert {"网格", "联户"} <= terms or "网格化" in terms
    assert all(len(t) >= 2 for t in terms)


def test_key_terms_use_the_domain_dictionary(cases):
    terms = dict(key_terms(cases[2]))
    assert "三会一课" in terms  # one dictionary word, not split into 三会/一课
    assert "观察员" in terms


def test_related_ranks_shared_terms_and_tags(cases):
    found = related.related_cases(cases[0], AnonymousScopeResolver())
    assert found[0].slug == "c2"  # same tags and the most shared terms
    assert cases[0] not in found
    found = related.related_cases(cases[2], AnonymousScopeResolver())
    assert found[0].slug == "c6"  # shares 三会一课


def test_unrelated_case_has_no_related(library, cases):
    from .conftest import make_case

    lonely = make_case(library, "lonely", "孤立案例", tags=[], text="ＸＹＺ")
    CaseTerm.objects.filter(case=lonely).delete()  # shares neither terms nor tags
    assert related.related_cases(lonely, AnonymousScopeResolver()) == []


def test_unpublished_cases_are_not_related(cases):
    cases[1].unpublish()
    found = related.related_cases(cases[0], AnonymousScopeResolver())
    assert "c2" not in {c.slug for c in found}


def test_elasticsearch_more_like_this_is_used_when_active(cases):
    with mock.patch.object(related, "_elasticsearch_active", return_value=True), \
            mock.patch.object(related, "_more_like_this",
                              return_value=[cases[4].pk, 999999]) as mlt:
        found = related.related_cases(cases[0], AnonymousScopeResolver())
    assert mlt.called
    assert [c.slug for c in found] == ["c5"]  # ids unknown or invisible are dropped


def test_elasticsearch_failure_falls_back_to_terms(cases):
    with mock.patch.object(related, "_elasticsearch_active", return_value=True), \
            mock.patch.object(related, "_more_like_this", side_effect=ConnectionError("down")):
        found = related.related_cases(cases[0], AnonymousScopeResolver())
    assert found and found[0].slug == "c2"
