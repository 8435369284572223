"""load_demo: realistic Chinese content, and running it twice changes nothing."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from pages.models import BranchPage, ExperienceCasePage, NoticePage


def counts():
    return (Page.objects.count(), NoticePage.objects.count(), ExperienceCasePage.objects.count(),
            BranchPage.objects.count(), PageViewRestriction.objects.count(),
            get_user_model().objects.count())


def test_load_demo_is_idempotent_and_complete(db, settings):
    settings.ENABLE_DEMO_ACCOUNTS = True
    call_command("load_demo", stdout=open("/dev/null", "w"))
    first = counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert counts() == first

    assert NoticePage.objects.count() >= 20
    assert ExperienceCasePage.objects.count() >= 6
    titles = set(BranchPage.objects.values_list("title", flat=True))
    for n in "一二三四五六":
        assert f"机关第{n}党支部" in titles
    assert "国库支付中心党支部" in titles
    assert BranchPage.objects.filter(org_type="joint").exists()
    assert BranchPage.objects.filter(org_type="committee").count() == 1
    for seed_like in ("观察员制度", "规范党内组织生活", "机关党的建设", "创先争优长效机制"):
        assert NoticePage.objects.filter(title__contains=seed_like).exists(), seed_like
    # Some items are disclosed only 党内 or to one organisation.
    assert PageViewRestriction.objects.count() >= 3
    User = get_user_model()
    for username in ("editor", "reviewer", "approver", "member1", "member2"):
        assert User.objects.filter(username=username).exists()
    assert (set(User.objects.get(username="member1").groups.values_list("name", flat=True))
            != set(User.objects.get(username="member2").groups.values_list("name", flat=True)))
    # Every notice number is unique and every organisation has its members' group.
    numbers = list(NoticePage.objects.values_list("index_number", flat=True))
    assert len(numbers) == len(set(numbers))
    assert not BranchPage.objects.filter(members_group=None).exists()


def test_demo_accounts_only_when_enabled(db, settings):
    settings.ENABLE_DEMO_ACCOUNTS = False
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert not get_user_model().objects.filter(username="member1").exists()


def test_ensure_admin_prints_the_same_credentials_twice(db, settings, tmp_path, capsys):
    settings.VAR_DIR = tmp_path
    call_command("ensure_admin")
    first = capsys.readouterr().out
    call_command("ensure_admin")
    assert capsys.readouterr().out == first
    assert "用户名：admin" in first
    assert get_user_model().objects.get(username="admin").is_superuser


def test_ensure_admin_prints_the_address_it_is_given(db, settings, tmp_path, capsys):
    settings.VAR_DIR = tmp_path
    call_command("ensure_admin")
    assert "http://127.0.0.1:8000/admin/" in capsys.readouterr().out
    call_command("ensure_admin", address="http://127.0.0.1:8010/")
    assert "管理后台 http://127.0.0.1:8010/admin/" in capsys.readouterr().out
