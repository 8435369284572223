"""Kept HTML fragments ({% fragment %}) and view restrictions answered from the memo.

Transactional, page cache off: every request renders its page, so what is checked is
what the per-generation memo keeps -- the path an uncached page takes in production.
"""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from pages.models import NoticePage
from tests.factories import NoticePageFactory, SectionPageFactory, member_of, restrict_to_party

pytestmark = pytest.mark.django_db(transaction=True)


def nav_of(html):
    return html.split('class="mainnav"')[1].split("</nav>")[0]


def test_navigation_marks_the_current_section_on_each_page(client, committed_tree):
    home_nav = nav_of(client.get("/").content.decode())
    notices_nav = nav_of(client.get(committed_tree.notices.url).content.decode())
    notice_nav = nav_of(client.get(committed_tree.public_notice.url).content.decode())
    assert 'href="/" aria-current="page"' in home_nav
    assert 'href="/" aria-current="page"' not in notices_nav
    for nav in (notices_nav, notice_nav):  # a 栏目 and a notice inside it share the mark
        assert f'href="{committed_tree.notices.url}" aria-current="page"' in nav
    assert f'href="{committed_tree.notices.url}" aria-current="page"' not in home_nav


def test_a_member_and_the_public_never_share_a_fragment(client, committed_tree):
    party = committed_tree.party_notice.title
    assert party not in client.get(committed_tree.notices.url).content.decode()
    client.force_login(member_of(committed_tree.branch1, username="member1"))
    assert party in client.get(committed_tree.notices.url).content.decode()
    assert party in client.get("/").content.decode()
    client.logout()
    assert party not in client.get(committed_tree.notices.url).content.decode()
    assert party not in client.get("/").content.decode()


def test_edited_notice_body_shows_at_once(client, committed_tree):
    notice = NoticePage.objects.get(pk=committed_tree.public_notice.pk)
    assert "修订后的正文段落" not in client.get(notice.url).content.decode()
    notice.body = [("paragraph", "<p>修订后的正文段落</p>")]
    notice.save_revision().publish()
    assert "修订后的正文段落" in client.get(notice.url).content.decode()


def test_fragment_is_kept_per_key_and_scope(committed_tree):
    rendered = []
    template = Template('{% load fragment_cache %}{% fragment "t" n %}{{ n }}-{{ counter }}'
                        "{% endfragment %}")

    def render(n, request):
        rendered.append(n)
        return template.render(Context({"n": n, "counter": len(rendered), "request": request}))

    anonymous = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    anonymous.user, anonymous.session = AnonymousUser(), {}
    first = render(1, anonymous)
    assert render(1, anonymous) == first  # kept: the counter did not move on
    assert render(2, anonymous) != first  # another key
    member = RequestFactory().get("/")
    member.user, member.session = member_of(committed_tree.branch1, username="m2"), {}
    assert render(1, member) != first  # other hidden subtrees: another entry
    preview = RequestFactory().get("/")
    preview.user, preview.session, preview.is_preview = AnonymousUser(), {}, True
    assert render(1, preview) != first  # previews always render afresh


def test_restricted_page_still_refuses_the_public(client, committed_tree):
    notice = NoticePageFactory(parent=committed_tree.notices, title="限制访问的通知", slug="later-restricted")
    assert client.get(notice.url).status_code == 200
    restrict_to_party(notice)
    response = client.get(notice.url)
    assert response.status_code == 302 and "/member/login/" in response["Location"]
    client.force_login(member_of(committed_tree.branch1, username="member3"))
    assert client.get(notice.url).status_code == 200
    client.logout()
    PageViewRestriction.objects.filter(page=notice).delete()
    assert client.get(notice.url).status_code == 200


def test_password_restriction_still_shows_the_password_form(client, committed_tree):
    notice = NoticePageFactory(parent=committed_tree.notices, title="凭密码访问的通知", slug="password-notice")
    PageViewRestriction.objects.create(page=notice, password="s3cret-口令",
                                       restriction_type=PageViewRestriction.PASSWORD)
    response = client.get(notice.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="password"' in html and "凭密码访问的通知" not in html.split("<main")[1]


def test_alias_of_a_restricted_page_is_still_refused(client, committed_tree):
    # An alias obeys its source's restrictions, which its own path cannot tell.
    source = SectionPageFactory(parent=committed_tree.home, title="内部栏目", slug="internal")
    restrict_to_party(source)
    alias = source.create_alias(parent=committed_tree.cases, update_slug="internal-alias")
    response = client.get(alias.url)
    assert response.status_code == 302 and "/member/login/" in response["Location"]


def test_plugin_pages_mark_their_navigation_entry(client, committed_tree):
    from django.apps import apps
    from django.urls import reverse

    if not apps.is_installed("plugins.commitments"):
        pytest.skip("the commitments plugin is switched off in this run")
    url = reverse("commitments:ledger")
    assert f'href="{url}" aria-current="page"' in nav_of(client.get(url).content.decode())
    assert f'href="{url}" aria-current="page"' not in nav_of(client.get("/").content.decode())
