"""践诺记录 with evidence, 自评 and 点评: the rules and the bad input."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from plugins.commitments import tracking
from plugins.commitments.choices import DONE, IN_PROGRESS
from plugins.commitments.models import Evidence, LeaderComment, LedgerEntry, ProgressRecord
from plugins.commitments.workflow import CommitmentError

from .factories import assessment_period, published_pledge


def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def pledge(site_tree, member1, period):
    return published_pledge(site_tree.branch1, period, member=member1)


def post_progress(client, item, **fields):
    data = {"date": timezone.localdate().isoformat(), "status": IN_PROGRESS, "progress": "40",
            "text": "已走访联系户两户"}
    data.update(fields)
    return client.post(reverse("commitments:progress", args=[item.pk]), data)


def test_progress_with_photo_updates_the_item_and_the_ledger(client, member1, pledge):
    item = pledge.items.first()
    client.force_login(member1)
    photo = SimpleUploadedFile("走访.png", png_bytes(), content_type="image/png")
    response = post_progress(client, item, evidence=[photo])
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.progress) == (IN_PROGRESS, 40)
    evidence = Evidence.objects.get()
    assert evidence.kind == "image" and evidence.size > 0
    entry = pledge.ledger_entries.order_by("-seq").first()
    assert entry.kind == LedgerEntry.STATUS and entry.item_id == item.pk
    assert entry.payload["to"] == IN_PROGRESS
    # evidence is served through the scope check
    assert client.get(reverse("commitments:evidence", args=[evidence.pk])).status_code == 200


@pytest.mark.parametrize("fields, message", [
    ({"progress": "101"}, "进度应在0至100之间"),
    ({"progress": "-5"}, "进度应在0至100之间"),
    ({"date": "2001-01-01"}, "践诺日期应在"),
    ({"status": DONE, "progress": "80"}, "进度应为100%"),
    ({"text": ""}, "请填写践诺情况"),
])
def test_bad_progress_is_refused_with_a_message(client, member1, pledge, fields, message):
    item = pledge.items.first()
    client.force_login(member1)
    response = post_progress(client, item, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressRecord.objects.exists()
    item.refresh_from_db()
    assert item.progress == 0


@pytest.mark.parametrize("name, content, message", [
    ("病毒.exe", b"MZ" + b"\0" * 100, "类型不支持"),
    ("假图片.png", b"not really a png at all", "内容与扩展名不符"),
    ("空.pdf", b"", "空文件"),
])
def test_wrong_uploads_are_refused(client, member1, pledge, name, content, message):
    client.force_login(member1)
    upload = SimpleUploadedFile(name, content)
    response = post_progress(client, pledge.items.first(), evidence=[upload])
    assert message in response.content.decode()
    assert not ProgressRecord.objects.exists() and not Evidence.objects.exists()


@override_settings(COMMITMENTS_MAX_EVIDENCE_BYTES=1024)
def test_oversized_upload_is_refused(client, member1, pledge):
    client.force_login(member1)
    upload = SimpleUploadedFile("材料.pdf", b"%PDF-1.4\n" + b"0" * 4096)
    response = post_progress(client, pledge.items.first(), evidence=[upload])
    assert "超过" in response.content.decode()
    assert not ProgressRecord.objects.exists()


def test_evidence_of_a_restricted_pledge_is_hidden(client, site_tree, member1, member2, period):
    pledge = published_pledge(site_tree.branch1, period, member=member1, scope="organisation")
    record = tracking.record_progress(
        member1, pledge.items.first(), timezone.localdate(), "完成", IN_PROGRESS, 50,
        [tracking_upload()])
    evidence = record.evidence.get()
    url = reverse("commitments:evidence", args=[evidence.pk])
    assert client.get(url).status_code == 404
    client.force_login(member2)
    assert client.get(url).status_code == 404


def tracking_upload():
    from plugins.commitments.uploads import check_upload

    return check_upload(SimpleUploadedFile("证明.pdf", b"%PDF-1.4 evidence"))


def test_progress_in_the_future_or_before_publication_is_refused(member1, site_tree, period):
    pledge = published_pledge(site_tree.branch1, period, member=member1)
    item = pledge.items.first()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    if period.contains(tomorrow):
        with pytest.raises(CommitmentError, match="不能晚于今天"):
            tracking.record_progress(member1, item, tomorrow, "提前", IN_PROGRESS, 10)
    with pytest.raises(PermissionDenied):
        tracking.record_progress(site_tree_user(site_tree), item, timezone.localdate(), "x",
                                 IN_PROGRESS, 10)


def site_tree_user(site_tree):
    from tests.factories import member_of

    return member_of(site_tree.branch2, username="someone-else")


def test_self_assessment_and_comment_at_period_end(client, site_tree, member1, secretary1):
    period = assessment_period()
    pledge = published_pledge(site_tree.branch1, period, member=member1)
    client.force_login(member1)
    response = client.post(reverse("commitments:self_assessment", args=[pledge.pk]),
                           {"text": "承诺事项基本完成。"})
    assert response.status_code == 302
    client.force_login(secretary1)
    response = client.post(reverse("commitments:comment", args=[pledge.pk]),
                           {"grade": "good", "comment": "践诺扎实。"})
    assert response.status_code == 302
    assert LeaderComment.objects.get().grade == "good"
    kinds = list(pledge.ledger_entries.order_by("seq").values_list("kind", flat=True))
    assert kinds == ["approval", "self_assessment", "comment"]
    page = client.get(reverse("commitments:pledge", args=[pledge.pk])).content.decode()
    assert "践诺扎实。" in page and "承诺事项基本完成。" in page


def test_member_cannot_comment_on_own_or_others(client, site_tree, member1, member2):
    period = assessment_period()
    pledge = published_pledge(site_tree.branch1, period, member=member1)
    for user in (member1, member2):
        client.force_login(user)
        response = client.post(reverse("commitments:comment", args=[pledge.pk]),
                               {"grade": "good", "comment": "自己评自己"})
        assert response.status_code == 403
    assert not LeaderComment.objects.exists()


def test_comments_outside_the_assessment_window_are_refused(site_tree, member1, secretary1,
                                                           period):
    pledge = published_pledge(site_tree.branch1, period, member=member1)
    with pytest.raises(CommitmentError, match="台账报送日期"):
        tracking.add_comment(secretary1, pledge, "好", "good",
                             today=period.start_date + dt.timedelta(days=1))
    tracking.add_comment(secretary1, pledge, "好", "good", today=period.end_date)
    assert LeaderComment.objects.count() == 1
