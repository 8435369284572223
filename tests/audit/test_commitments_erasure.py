"""Personal data in the 承诺践诺 ledger: export, and erasure that leaves the tallies and
the hash chain intact while nothing personal is left in the database, the pages, the
XLSX and Word exports or the search."""

import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit import constants as c
from tests.factories import UserFactory

from .helpers import events

pytestmark = pytest.mark.requires_plugin("commitments")

NAME, USERNAME = "王小明", "member1"
# Free text the member wrote or that was written about her.
TEXTS = ["帮扶邻居李阿姨", "陪李阿姨就医三次", "本人自评：承诺均已落实", "帮扶很用心",
         "同意，承诺具体可行"]
PERSONAL = [NAME, USERNAME, f"{USERNAME}@example.org", *TEXTS]


@pytest.fixture
def ledger(site_tree, member1):
    from plugins.commitments import tracking, workflow
    from plugins.commitments.choices import IN_PROGRESS, MEMBER_PLEDGE
    from plugins.commitments.models import Evidence
    from tests.factories import member_of
    from tests.plugins.commitments.factories import (
        assessment_period,
        item_data,
        make_secretary,
        published_pledge,
    )

    member1.first_name, member1.email = NAME, f"{USERNAME}@example.org"
    member1.save()
    secretary = member_of(site_tree.branch1, username="secretary1", first_name="赵志刚")
    make_secretary(site_tree.branch1, secretary)
    period = assessment_period()
    pledge = workflow.start_pledge(member1, period, MEMBER_PLEDGE)
    revision = workflow.editable_revision(member1, pledge)
    workflow.save_draft(member1, revision, item_data(
        period, 2, content="帮扶邻居李阿姨买药", measures="每周帮扶邻居李阿姨一次",
        responsible=NAME), "public")
    workflow.submit(member1, revision)
    workflow.approve(secretary, revision, "同意，承诺具体可行")
    pledge.refresh_from_db()
    item = pledge.items.order_by("position").first()
    record = tracking.record_progress(member1, item, timezone.localdate(), "已陪李阿姨就医三次",
                                      IN_PROGRESS, 60)
    evidence = Evidence.objects.create(
        record=record, file=ContentFile(b"\x89PNG evidence", name="visit.png"),
        original_name="李阿姨家门口.png", kind="image", content_type="image/png", size=14)
    tracking.self_assess(member1, pledge, "本人自评：承诺均已落实")
    tracking.add_comment(secretary, pledge, "王小明同志帮扶很用心", "good")
    organisation = published_pledge(site_tree.branch1, period, n=2,
                                    responsible=f"{NAME}、赵志刚")
    return {"pledge": pledge, "organisation": organisation, "period": period,
            "evidence": evidence, "secretary": secretary, "member": member1}


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    return client


def erase(client, user, **kwargs):
    return client.post(f"/admin/personal-data/{user.pk}/erase/",
                       {"confirm_username": user.get_username()}, **kwargs)


def tallies(period):
    from plugins.commitments import rollups
    from plugins.commitments.models import CommitmentItem, LeaderComment, ProgressRecord

    items = CommitmentItem.objects.filter(pledge__period=period)
    return (
        list(items.order_by("pk").values_list(
            "pk", "pledge_id", "category", "deadline", "weight", "status", "progress")),
        rollups.summarise(items.current(), timezone.localdate()),
        list(LeaderComment.objects.order_by("pk").values_list("pledge_id", "grade")),
        list(ProgressRecord.objects.order_by("pk").values_list("item_id", "date", "progress")),
    )


def everything_public(client, ledger):
    """What an anonymous visitor can read: ledger, 承诺书 pages, print, Word, XLSX, search."""
    pledge, organisation = ledger["pledge"], ledger["organisation"]
    parts = {"ledger": client.get(reverse("commitments:ledger")).content.decode()}
    for p in (pledge, organisation):
        parts[f"page {p.pk}"] = client.get(reverse("commitments:pledge", args=[p.pk])).content.decode()
        parts[f"print {p.pk}"] = client.get(reverse("commitments:print", args=[p.pk])).content.decode()
        docx = client.get(reverse("commitments:docx", args=[p.pk]))
        parts[f"word {p.pk}"] = zipfile.ZipFile(io.BytesIO(docx.content)).read(
            "word/document.xml").decode() + docx["Content-Disposition"]
    xlsx = client.get(reverse("commitments:export"))
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)), read_only=True).active
    parts["xlsx"] = "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row)
    for word in (NAME, "李阿姨"):
        results = client.get("/api/search/", {"q": word}).json()
        parts[f"search {word}"] = json.dumps(results, ensure_ascii=False)
        parts[f"search count {word}"] = str(results["count"])
    return parts


def database_rows():
    """Every row of every table but the audit trail's (the portal's events in Wagtail's
    ModelLogEntry), as text, by model."""
    out = io.StringIO()
    call_command("dumpdata", exclude=["wagtailcore.modellogentry", "contenttypes",
                                      "auth.permission"], stdout=out)
    rows = {}
    for row in json.loads(out.getvalue()):
        rows.setdefault(row["model"], []).append(json.dumps(row, ensure_ascii=False))
    return {model: "\n".join(texts) for model, texts in rows.items()}


def database_text():
    return "\n".join(database_rows().values())


def personal_rows():
    return {model: found(text) for model, text in database_rows().items() if found(text)}


def found(text, needles=PERSONAL):
    return [n for n in needles if n in text]


def test_export_holds_the_members_pledges_records_and_comments(admin_client, ledger):
    data = json.loads(admin_client.get(
        f"/admin/personal-data/{ledger['member'].pk}/export.json").content)["承诺践诺"]
    pledge = data["承诺书"][0]
    assert pledge["党员自评"] == "本人自评：承诺均已落实"
    item = pledge["承诺事项"][0]
    assert item["承诺事项"] == "帮扶邻居李阿姨买药" and item["责任人"] == NAME
    assert item["践诺记录"][0]["践诺情况"] == "已陪李阿姨就医三次"
    assert item["践诺记录"][0]["佐证材料"] == ["李阿姨家门口.png"]
    assert pledge["领导点评"][0]["点评意见"] == "王小明同志帮扶很用心"
    assert [e["事项"] for e in pledge["台账历史"]] == ["审定公开", "状态变更", "党员自评", "领导点评"]
    assert any(e["事项"] == "党员自评" for e in data["本人的台账操作"])
    assert data["本人的践诺记录"][0]["践诺情况"] == "已陪李阿姨就医三次"
    assert [e.target for e in events(c.PERSONAL_EXPORT)] == [USERNAME]


def test_erasure_leaves_nothing_personal_but_keeps_tallies_and_the_chain(
        admin_client, client, ledger, django_capture_on_commit_callbacks):
    from plugins.commitments.models import LedgerEntry, Pledge

    period, member = ledger["period"], ledger["member"]
    before = tallies(period)
    public = everything_public(client, ledger)
    # The probes see the personal data before the erasure, so they can see it after.
    assert set(found("".join(public.values()))) >= {NAME, "帮扶邻居李阿姨", "陪李阿姨就医三次",
                                                    "本人自评：承诺均已落实", "帮扶很用心"}
    assert public[f"search count {NAME}"] != "0" and public["search count 李阿姨"] != "0"
    assert set(found(database_text())) == set(PERSONAL)
    storage, name = ledger["evidence"].file.storage, ledger["evidence"].file.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        response = erase(admin_client, member)
    assert response.status_code == 302

    assert personal_rows() == {}
    # The audit trail keeps its entries, but only the erasure's own names the former account.
    from wagtail.models import ModelLogEntry

    named = [e.action for e in ModelLogEntry.objects.all()
             if USERNAME in e.label + json.dumps(e.data, ensure_ascii=False)]
    assert named == [c.PERSONAL_ERASE]
    assert not storage.exists(name)
    admin_client.logout()
    public = everything_public(client, ledger)
    assert {k: found(v) for k, v in public.items() if found(v)} == {}
    assert public[f"search count {NAME}"] == "0" and public["search count 李阿姨"] == "0"
    assert "已注销成员" in public["ledger"] and "已注销成员" in public["xlsx"]
    assert "（应本人要求已删除）" in public[f"page {ledger['pledge'].pk}"]
    # Tallies: items, statuses, progress, weights, roll-ups, grades and records unchanged.
    assert tallies(period) == before
    # The chains still verify, and say when the erasure happened.
    call_command("verify_ledger", stdout=io.StringIO())
    for pledge in Pledge.objects.filter(pk__in=[ledger["pledge"].pk, ledger["organisation"].pk]):
        assert pledge.ledger_entries.order_by("-seq").first().kind == LedgerEntry.ERASURE
    # The other people in the ledger keep their names.
    assert "赵志刚" in public[f"page {ledger['pledge'].pk}"]
    # The erasure itself is in the audit trail, with what the ledger did.
    [event] = events(c.PERSONAL_ERASE)
    assert event.username == "boss" and "承诺践诺：1份承诺书" in event.detail
    assert not found(event.detail, TEXTS)


def test_the_chain_keeps_no_name_or_free_text(ledger):
    from plugins.commitments.models import LedgerEntry

    rows = json.dumps(list(LedgerEntry.objects.values("payload", "actor_key")),
                      ensure_ascii=False)
    assert found(rows) == [] and "赵志刚" not in rows


@pytest.mark.parametrize("as_staff", [True, False])
def test_only_superusers_can_erase(client, ledger, as_staff):
    from django.contrib.auth.models import Permission

    from plugins.commitments.models import Pledge

    secretary = ledger["secretary"]
    secretary.is_staff = as_staff
    secretary.save()
    secretary.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=[
        "commitments", "audit", "auth"]))
    client.force_login(secretary)
    response = erase(client, ledger["member"])
    assert response.status_code in (302, 403)
    if response.status_code == 302:  # the admin sent the non-staff user to its login
        assert "/login/" in response["Location"]
    pledge = Pledge.objects.get(pk=ledger["pledge"].pk)
    assert pledge.self_assessment == "本人自评：承诺均已落实"
    assert pledge.items.filter(content="帮扶邻居李阿姨买药").exists()
    assert not events(c.PERSONAL_ERASE)
