"""Removed or replaced attachments keep their file: every version's hashes stay verifiable
against the files, and authorised staff open them from the version history."""

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from plugins.meetings.files import check_files
from plugins.meetings.history import history
from plugins.meetings.models import MeetingAttachment, MeetingRecord, RetainedAttachment
from plugins.meetings.models.records import file_digest
from plugins.meetings.storage import private_storage
from plugins.meetings.versioning import append_version

from .conftest import make_record, record_problems

SIGN_IN = b"%PDF-1.4 sign-in sheet, version one"


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("admin", "a@example.org", "x-Password-123")


@pytest.fixture
def record(site_tree, secretary):
    record = make_record(site_tree.branch1, "committee", user=secretary, topic="研究十月工作")
    attachment = MeetingAttachment(record=record, kind="document", title="签到表.pdf")
    attachment.file.save("sign.pdf", ContentFile(SIGN_IN), save=False)
    attachment.save()
    append_version(record, secretary, "补充签到表")
    return record


def _admin_post(client, record, attachment_rows, reason="据原件更正附件"):
    """The admin edit form for `record` with the given attachment inline rows."""
    start, end = timezone.localtime(record.start), timezone.localtime(record.end)
    data = nested_form_data({
        "organisation": record.organisation_id, "meeting_type": record.meeting_type,
        "topic": record.topic, "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": end.strftime("%Y-%m-%d %H:%M"), "place": record.place, "host": record.host,
        "recorder": record.recorder, "attendees_other": "", "in_attendance": "",
        "content": record.content, "votes": "", "resolutions": "", "amend_reason": reason,
        "absences": inline_formset([]),
        "attachments": inline_formset(attachment_rows, initial=1),
    })
    return client.post(reverse("meeting_records:edit", args=[record.pk]), data)


def _row(attachment, **changes):
    return {"id": attachment.pk, "kind": attachment.kind, "title": attachment.title,
            "file": "", **changes}


def test_sealing_a_version_retains_its_files(record):
    retained = RetainedAttachment.objects.get(record=record)
    attachment = record.attachments.get()
    assert (retained.file.name, retained.sha256) == (attachment.file.name, attachment.sha256)
    assert retained.sha256 == file_digest(retained.file)[0]
    assert record_problems() == []


def test_deleting_an_attachment_in_the_admin_keeps_its_file(client, admin, record, secretary,
                                                            member1):
    attachment = record.attachments.get()
    client.force_login(admin)
    response = _admin_post(client, record, [_row(attachment, DELETE="1")])
    assert response.status_code == 302, response.content.decode()[-2000:]
    record.refresh_from_db()
    assert record.attachments.count() == 0 and record.version_count == 3
    assert record.versions.get(number=3).snapshot["attachments"] == []

    retained = RetainedAttachment.objects.get(record=record)
    with retained.file.open("rb") as handle:
        assert handle.read() == SIGN_IN
    assert record_problems() == []
    assert check_files(MeetingRecord.objects.all()) == (1, [])  # the retained file matched

    entry = history(record)[2]
    assert [(f.title, f.retained) for f in entry.removed_files] == [("签到表.pdf", retained)]
    url = reverse("meetings:retained", args=[retained.pk])
    for user in (secretary, admin):  # the branch's 支委 and staff
        client.force_login(user)
        page = client.get(reverse("meetings:detail", args=[record.pk])).content.decode()
        assert "移除或替换附件（原文件已存档）" in page and url in page
        assert b"".join(client.get(url).streaming_content) == SIGN_IN
    client.force_login(member1)  # reads the minutes, but not files removed from them
    page = client.get(reverse("meetings:detail", args=[record.pk])).content.decode()
    assert "签到表.pdf" in page and url not in page
    assert client.get(url).status_code == 403


def test_replacing_a_file_in_the_admin_hashes_the_new_file_and_keeps_the_old(
        client, admin, record):
    attachment = record.attachments.get()
    old_name, old_sha = attachment.file.name, attachment.sha256
    client.force_login(admin)
    new_content = b"%PDF-1.4 sign-in sheet, corrected"
    response = _admin_post(client, record, [_row(
        attachment, file=SimpleUploadedFile("sign-v2.pdf", new_content))])
    assert response.status_code == 302, response.content.decode()[-2000:]
    attachment.refresh_from_db()
    assert attachment.file.name != old_name
    assert (attachment.sha256, attachment.size) == (file_digest(attachment.file)[0],
                                                    len(new_content))
    retained = {r.sha256: r for r in RetainedAttachment.objects.filter(record=record)}
    assert set(retained) == {old_sha, attachment.sha256}
    assert retained[old_sha].file.name == old_name
    assert private_storage().exists(old_name)
    entry = history(record)[-1]
    assert [f.sha256 for f in entry.removed_files] == [old_sha]
    assert [f.sha256 for f in entry.added_files] == [attachment.sha256]
    assert record_problems() == []


def test_a_changed_or_lost_retained_file_is_reported(record):
    record.attachments.all().delete()  # behind the system's back: no new version
    record.attachments = []
    record.save()
    append_version(record, None, "删除误传附件")
    retained = RetainedAttachment.objects.get(record=record)
    assert record_problems() == []
    with open(retained.file.path, "wb") as handle:
        handle.write(b"%PDF forged")
    assert any("已移除或替换的附件“签到表.pdf”的存档文件内容与登记的哈希不符" in p
               for p in record_problems())
    pk = retained.pk
    retained.delete()
    problems = record_problems(check_files=False)
    assert any(f"“存档附件#{pk}”已被删除" in p for p in problems)


def test_the_private_storage_never_deletes_files(record):
    attachment = record.attachments.get()
    with pytest.raises(PermissionError, match="不能删除"):
        attachment.file.delete(save=False)
    assert private_storage().exists(attachment.file.name)


def test_migration_finds_the_files_of_attachments_removed_before_it(record, secretary):
    """Before retention existed, a removed attachment's row went but its file stayed in
    the private storage; the migration retains it by matching the versions' hashes."""
    migration = importlib.import_module(
        "plugins.meetings.migrations.0003_retained_files_monthly_counts")
    extra = MeetingAttachment(record=record, kind="photo", title="合影.png")
    extra.file.save("photo.png", ContentFile(b"not really a png"), save=False)
    extra.save()
    append_version(record, secretary, "补充照片")
    MeetingAttachment.objects.filter(pk=record.attachments.get(kind="document").pk).delete()
    append_version(MeetingRecord.objects.get(pk=record.pk), secretary, "删除签到表")
    RetainedAttachment.objects.all().delete()  # the state before the migration
    assert any("存档附件#" in p for p in record_problems())  # the keyed chain sees it

    migration.retain_existing_files(apps, None)
    assert sorted(RetainedAttachment.objects.values_list("title", flat=True)) == [
        "合影.png", "签到表.pdf"]
    assert check_files(MeetingRecord.objects.all()) == (2, [])
