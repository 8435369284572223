"""A sealed 承诺书 and a sealed meeting record with something of every kind, made through
the plugins' own code paths, and a published 台账校验公示."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from integrity import anchors
from tests.factories import UserFactory, member_of

pytestmark = pytest.mark.requires_plugin("commitments", "meetings")  # both record-keeping plugins


@dataclass
class Sealed:
    pledge: object
    item: object
    record_progress: object
    comment: object
    record: object
    absence: object
    attachment: object
    evaluation: object
    member: object


@pytest.fixture
def sealed(site_tree, settings, tmp_path):
    from plugins.commitments import history, tracking
    from plugins.commitments.choices import IN_PROGRESS
    from plugins.commitments.models import LeaderComment, LedgerEntry, Pledge
    from plugins.meetings.models import MeetingAbsence, MeetingAttachment, ObserverEvaluation
    from plugins.meetings.versioning import append_version
    from tests.plugins.commitments.factories import published_pledge
    from tests.plugins.meetings.conftest import make_record

    settings.MEETINGS_PRIVATE_ROOT = tmp_path / "private"
    member = member_of(site_tree.branch1, username="member1", first_name="李明")
    pledge = published_pledge(site_tree.branch1, member=member, n=2)
    item = pledge.items.order_by("pk").first()
    progress = tracking.record_progress(member, item, timezone.localdate(), "已走访三户群众",
                                        IN_PROGRESS, 40)
    comment = LeaderComment.objects.create(pledge=pledge, author_name="王书记",
                                           comment="践诺扎实", grade="excellent")
    history.append(pledge, LedgerEntry.COMMENT, {"comment": "践诺扎实", "grade": "excellent",
                                                 "comment_id": comment.pk}, actor="王书记")
    Pledge.objects.filter(pk=pledge.pk).update(self_assessment="本人认真践诺",
                                               self_assessed_at=timezone.now())
    history.append(pledge, LedgerEntry.SELF_ASSESSMENT, {"text": "本人认真践诺"}, user=member)
    pledge.refresh_from_db()

    record = make_record(site_tree.branch1, start=timezone.now() - dt.timedelta(days=1))
    record.attendees.add(member)
    record.save()  # a ParentalManyToManyField is written on save
    absence = MeetingAbsence.objects.create(record=record, name="张三", reason="出差")
    attachment = MeetingAttachment(record=record, kind="document", title="签到表.pdf")
    attachment.file.save("sign.pdf", ContentFile(b"%PDF sign-in"), save=False)
    attachment.save()
    append_version(record, None, "补充出席、缺席和附件")
    observer = UserFactory(username="observer")
    evaluation = ObserverEvaluation.objects.create(
        record=record, evaluator=observer, leadership_score=3, quality_score=2,
        effect_score=3, strengths="准备充分")
    anchors.publish()
    return Sealed(pledge, item, progress, comment, record, absence, attachment, evaluation,
                  member)
