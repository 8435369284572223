"""Double submission and a database failure in the middle of a 群众评议 submission:
exactly one response counts, and a failed one leaves nothing behind."""

import threading

import pytest
from django.db import DatabaseError, connection
from django.test import Client

pytestmark = pytest.mark.requires_plugin("reviews")


def _setup(site_tree):
    from tests.plugins.reviews.conftest import make_campaign

    campaign = make_campaign(site_tree, slug="integrity")
    client = Client()
    client.get(f"/reviews/{campaign.slug}/")  # device cookie
    return campaign, client


def _form(campaign):
    from tests.plugins.reviews.conftest import form_data

    return form_data(campaign, comment="请多开展志愿服务", contact_phone="13800138000")


def _counts():
    from plugins.reviews.models import Comment, ContactDetail, Rating, Response

    return tuple(m.objects.count() for m in (Response, Rating, Comment, ContactDetail))


def test_second_submission_past_the_precheck_is_refused_by_the_database(site_tree, monkeypatch):
    """Two requests that both passed the "already answered?" check at the same moment."""
    from plugins.reviews.models import RefusedAttempt, Response

    campaign, client = _setup(site_tree)
    assert client.post(f"/reviews/{campaign.slug}/", _form(campaign)).status_code == 302
    after_first = _counts()

    real_filter = Response.objects.filter

    def blind_filter(*args, **kwargs):  # the view's pre-check sees no earlier response
        qs = real_filter(*args, **kwargs)
        return qs.none() if "respondent_key" in kwargs else qs

    monkeypatch.setattr(Response.objects, "filter", blind_filter)
    response = client.post(f"/reviews/{campaign.slug}/", _form(campaign))
    assert response.status_code == 409
    assert "只能提交一次" in response.content.decode()
    assert _counts() == after_first
    assert RefusedAttempt.objects.filter(reason="duplicate").exists()


def test_database_error_mid_submission_leaves_nothing(site_tree, monkeypatch):
    from plugins.reviews.models import Comment

    campaign, client = _setup(site_tree)
    before = _counts()

    def failing_create(*args, **kwargs):  # after the response and its ratings were written
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(Comment.objects, "create", failing_create)
    client.raise_request_exception = False
    response = client.post(f"/reviews/{campaign.slug}/", _form(campaign))
    assert response.status_code == 500
    assert "系统繁忙" in response.content.decode()  # the site's clear error page, no traceback
    assert "Traceback" not in response.content.decode()
    assert _counts() == before

    monkeypatch.undo()
    retry = client.post(f"/reviews/{campaign.slug}/", _form(campaign))
    assert retry.status_code == 302  # nothing half-written blocks the visitor's retry
    assert _counts()[0] == before[0] + 1


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="needs PostgreSQL: SQLite's shared in-memory test database "
                           "refuses concurrent writers instead of queueing them")
# No serialized rollback: after an earlier flush, post_migrate has already recreated
# the role groups, and build_site() restores Wagtail's own rows itself.
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submission_counts_once(site_tree):
    from plugins.reviews.models import Response

    campaign, client = _setup(site_tree)
    cookies = client.cookies
    forms = [_form(campaign) for _ in range(4)]  # each with its own captcha
    barrier = threading.Barrier(4)
    statuses = []

    def submit(form):
        from django.db import connections

        own = Client()
        own.cookies = cookies
        try:
            barrier.wait()
            statuses.append(own.post(f"/reviews/{campaign.slug}/", form).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(form,)) for form in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses).count(302) == 1, statuses
    assert set(statuses) <= {302, 409, 400}, statuses
    assert Response.objects.filter(campaign=campaign).count() == 1
