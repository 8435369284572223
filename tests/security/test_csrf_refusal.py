"""A form posted without a valid CSRF token is refused with the portal's Chinese page
(settings.CSRF_FAILURE_VIEW), not Django's English one, and nothing is done."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_login_without_a_token_is_refused_in_chinese(site_tree):
    from tests.factories import UserFactory

    UserFactory(username="member1", password="correct-horse-battery")
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/member/login/", {"username": "member1",
                                               "password": "correct-horse-battery"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期或来源无法验证" in page and "为防止伪造提交" in page
    assert "CSRF verification failed" not in page
    assert "_auth_user_id" not in browser.session  # not logged in
