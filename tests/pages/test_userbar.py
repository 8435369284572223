"""Wagtail's user bar on the public pages: shown to whoever may enter the admin, and a
member's page views skip its permission reads (members/receivers.py)."""

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.receivers import ADMIN_ACCESS
from pages.roles import EDITORS, ensure_groups
from tests.factories import UserFactory

USERBAR = "<wagtail-userbar"


def permission_reads(client, url):
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).content.decode()
    return body, [q["sql"] for q in ctx.captured_queries if "auth_permission" in q["sql"]]


def test_an_editor_gets_the_user_bar(client, site_tree):
    ensure_groups()
    editor = UserFactory(username="editor1", groups=[Group.objects.get(name=EDITORS)])
    client.force_login(editor)
    assert client.session[ADMIN_ACCESS] is True
    body, _ = permission_reads(client, site_tree.public_notice.url)
    assert USERBAR in body


def test_a_member_gets_no_user_bar_and_no_permission_reads(client, site_tree, member1):
    client.force_login(member1)
    assert client.session[ADMIN_ACCESS] is False
    client.get(site_tree.public_notice.url)
    body, reads = permission_reads(client, site_tree.public_notice.url)
    assert USERBAR not in body and reads == []
    assert member1.get_full_name() in body


def test_a_session_from_before_the_flag_still_asks(client, site_tree, member1):
    ensure_groups()
    client.force_login(member1)
    session = client.session
    del session[ADMIN_ACCESS]
    session.save()
    body, reads = permission_reads(client, site_tree.public_notice.url)
    assert USERBAR not in body and reads  # asked, and refused
    member1.groups.add(Group.objects.get(name=EDITORS))
    body, _ = permission_reads(client, site_tree.public_notice.url)
    assert USERBAR in body


def test_access_withdrawn_after_login_hides_the_bar(client, site_tree):
    ensure_groups()
    editors = Group.objects.get(name=EDITORS)
    editor = UserFactory(username="editor2", groups=[editors])
    client.force_login(editor)
    editor.groups.remove(editors)
    body, _ = permission_reads(client, site_tree.public_notice.url)
    assert USERBAR not in body
