"""Edits made behind the application's back (raw SQL): each is reported by the verify
command, with a message naming the 承诺书 or the record (and the field where there is one).

Every kind of edit the attack of issue 21 made silently, and more: 43 kinds, all reported
by the one keyed chain (integrity/) -- and, for a stored file, by verify_records' check of
the file against the SHA-256 the chain seals."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from integrity import keys
from integrity.models import Seal

from .conftest import pytestmark  # noqa: F401 -- skipped without both plugins


def sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def table(app_model):
    from django.apps import apps

    return apps.get_model(app_model)._meta.db_table


def verify(command):
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(command, stdout=out)
    return out.getvalue()


def _item(s, column, value):
    sql(f"UPDATE {table('commitments.CommitmentItem')} SET {column} = %s WHERE id = %s",
        value, s.item.pk)


def _pledge(s, column, value):
    sql(f"UPDATE {table('commitments.Pledge')} SET {column} = %s WHERE id = %s",
        value, s.pledge.pk)


def _drop_last_entry(s):
    entry, text = table("commitments.LedgerEntry"), table("commitments.LedgerText")
    sql(f"DELETE FROM {text} WHERE entry_id IN (SELECT id FROM {entry} WHERE pledge_id = %s "
        f"AND seq = (SELECT MAX(seq) FROM {entry} WHERE pledge_id = %s))", s.pledge.pk, s.pledge.pk)
    sql(f"DELETE FROM {entry} WHERE pledge_id = %s AND seq = "
        f"(SELECT MAX(seq) FROM (SELECT seq FROM {entry} WHERE pledge_id = %s) AS t)",
        s.pledge.pk, s.pledge.pk)


def _drop_ledger(s):
    entry, text = table("commitments.LedgerEntry"), table("commitments.LedgerText")
    sql(f"DELETE FROM {text} WHERE entry_id IN (SELECT id FROM {entry} WHERE pledge_id = %s)",
        s.pledge.pk)
    sql(f"DELETE FROM {entry} WHERE pledge_id = %s", s.pledge.pk)


def _seals(source, chain_id):
    return Seal.objects.filter(source=source, chain_id=str(chain_id))


def _drop_last_seal(source, chain_id):
    last = _seals(source, chain_id).order_by("-seq").first()
    sql(f"DELETE FROM {table('integrity.Seal')} WHERE id = %s", last.pk)


def _drop_chain(source, chain_id):
    sql(f"DELETE FROM {table('integrity.Seal')} WHERE source = %s AND chain_id = %s",
        source, str(chain_id))


def _recompute_without_the_key(s):
    """Rewrite a field, then recompute every link of the chain with a key of one's own."""
    from integrity.chain import field_digests, link_of
    from plugins.commitments.sealing import snapshot

    _item(s, "progress", 100)
    guess = b"attacker-guess-" * 3
    prev = "0" * 64
    for link in _seals("commitments", s.pledge.pk).order_by("seq"):
        link.digests = field_digests(snapshot(s.pledge.pk), guess)
        link.prev = prev
        link.link = link_of(link, guess)
        sql(f"UPDATE {table('integrity.Seal')} SET digests = %s, prev = %s, link = %s "
            "WHERE id = %s", __import__("json").dumps(link.digests), prev, link.link, link.pk)
        prev = link.link


def _rebuild_with_the_key(s):
    """Even someone holding the key cannot rewrite history after a publication: a chain
    rebuilt from scratch around a rewritten field no longer has the published head."""
    from integrity.chain import seal
    from plugins.commitments.sealing import snapshot

    _item(s, "progress", 100)
    _drop_chain("commitments", s.pledge.pk)
    for _ in range(6):
        seal("commitments", s.pledge.pk, snapshot(s.pledge.pk), "伪造")


def _replace_file(s):
    """Not a row: the stored file itself, which the row's SHA-256 registers."""
    storage, name = s.attachment.file.storage, s.attachment.file.name
    with open(storage.path(name), "wb") as handle:
        handle.write(b"%PDF forged")


def _meeting(s, column, value):
    sql(f"UPDATE {table('meetings.MeetingRecord')} SET {column} = %s WHERE id = %s",
        value, s.record.pk)


def _evaluation(s, column, value):
    sql(f"UPDATE {table('meetings.ObserverEvaluation')} SET {column} = %s WHERE id = %s",
        value, s.evaluation.pk)


COMMITMENTS = {
    "item content": (lambda s: _item(s, "content", "改写后的承诺"), "承诺事项"),
    "item measures": (lambda s: _item(s, "measures", "改写后的措施"), "践诺措施"),
    "item deadline": (lambda s: _item(s, "deadline", "2000-01-01"), "完成时限"),
    "item responsible": (lambda s: _item(s, "responsible", "他人"), "责任人"),
    "item weight": (lambda s: _item(s, "weight", 3), "权重"),
    "item status": (lambda s: _item(s, "status", "done"), "状态"),
    "item progress": (lambda s: _item(s, "progress", 100), "进度"),
    "item withdrawn": (lambda s: _item(s, "withdrawn", True), "已撤回"),
    "pledge scope": (lambda s: _pledge(s, "scope", "party"), "公开范围"),
    "pledge state": (lambda s: _pledge(s, "state", "draft"), "审定状态"),
    "published revision": (lambda s: _pledge(s, "published_revision", 7), "已公开版本"),
    "self-assessment": (lambda s: _pledge(s, "self_assessment", "改写的自评"), "党员自评"),
    "comment grade": (lambda s: sql(
        f"UPDATE {table('commitments.LeaderComment')} SET grade = 'poor' WHERE id = %s",
        s.comment.pk), "等次"),
    "comment text": (lambda s: sql(
        f"UPDATE {table('commitments.LeaderComment')} SET comment = '改写' WHERE id = %s",
        s.comment.pk), "点评意见"),
    "progress record date": (lambda s: sql(
        f"UPDATE {table('commitments.ProgressRecord')} SET date = '2000-01-02' WHERE id = %s",
        s.record_progress.pk), "践诺日期"),
    "progress record text": (lambda s: sql(
        f"UPDATE {table('commitments.ProgressRecord')} SET text = '改写' WHERE id = %s",
        s.record_progress.pk), "践诺情况"),
    "progress record progress": (lambda s: sql(
        f"UPDATE {table('commitments.ProgressRecord')} SET progress = 90 WHERE id = %s",
        s.record_progress.pk), "进度"),
    "ledger text": (lambda s: sql(
        f"UPDATE {table('commitments.LedgerText')} SET text = '改写' WHERE field = 'comment'"),
        "文字"),
    "ledger text erased without an erasure entry": (lambda s: sql(
        f"UPDATE {table('commitments.LedgerText')} SET text = '', erased = %s "
        "WHERE field = 'text'", True), "文字"),
    "ledger entry payload": (lambda s: sql(
        f"UPDATE {table('commitments.LedgerEntry')} SET actor_key = 'system' "
        "WHERE pledge_id = %s AND seq = 1", s.pledge.pk), "台账#1"),
    "last ledger entry deleted": (_drop_last_entry, "台账#"),
    "whole ledger deleted": (_drop_ledger, "台账#1"),
    "last link deleted (tail)": (lambda s: _drop_last_seal("commitments", s.pledge.pk),
                                 "链尾被删除"),
    "whole chain deleted": (lambda s: _drop_chain("commitments", s.pledge.pk), "整条删除"),
    "chain recomputed without the key": (_recompute_without_the_key, "校验值不符"),
    "chain rebuilt with the key after publication": (_rebuild_with_the_key, "链头不符"),
}

MEETINGS = {
    "record 录入时间": (lambda s: _meeting(s, "created_at", "2030-01-01 08:00:00+00"), "录入时间"),
    "record topic": (lambda s: _meeting(s, "topic", "改写的主题"), "会议主题"),
    "record content": (lambda s: _meeting(s, "content", "改写的内容"), "会议内容"),
    "record voided": (lambda s: _meeting(s, "voided", True), "已作废"),
    "absence reason": (lambda s: sql(
        f"UPDATE {table('meetings.MeetingAbsence')} SET reason = '病假' WHERE id = %s",
        s.absence.pk), "缺席#"),
    "attendee removed": (lambda s: sql(
        f"DELETE FROM {table('meetings.MeetingRecord').replace(chr(34), '')}_attendees "
        "WHERE meetingrecord_id = %s", s.record.pk), "出席人员"),
    "attachment title": (lambda s: sql(
        f"UPDATE {table('meetings.MeetingAttachment')} SET title = '改名.pdf' WHERE id = %s",
        s.attachment.pk), "附件#"),
    "evaluation score": (lambda s: _evaluation(s, "quality_score", 1), "活动质量评分"),
    "evaluation comment": (lambda s: _evaluation(s, "strengths", "改写"), "肯定成绩"),
    "version reason": (lambda s: sql(
        f"UPDATE {table('meetings.RecordVersion')} SET reason = '改写' WHERE record_id = %s",
        s.record.pk), "版本#"),
    "earlier version's content": (lambda s: sql(
        f"UPDATE {table('meetings.RecordVersion')} SET snapshot = %s WHERE record_id = %s "
        "AND number = 1", '{"topic": "改写的主题"}', s.record.pk), "版本#1"),
    "version deleted": (lambda s: sql(
        f"DELETE FROM {table('meetings.RecordVersion')} WHERE record_id = %s AND number = 2",
        s.record.pk), "版本#2"),
    "retained file row deleted": (lambda s: sql(
        f"DELETE FROM {table('meetings.RetainedAttachment')} WHERE record_id = %s",
        s.record.pk), "存档附件#"),
    "statistics month": (lambda s: _meeting(s, "held_month", s.record.held_month % 12 + 1),
                         "统计月份"),
    "statistics month out of range": (lambda s: _meeting(s, "held_month", 13), "统计月份"),
    "attachment file replaced on disk": (_replace_file, "文件内容与登记的哈希不符"),
    "last link deleted (tail)": (lambda s: _drop_last_seal("meetings", s.record.pk),
                                 "链尾被删除"),
    "whole chain deleted": (lambda s: _drop_chain("meetings", s.record.pk), "整条删除"),
}


def test_the_suite_has_at_least_25_kinds():
    assert len(COMMITMENTS) + len(MEETINGS) >= 25


def test_intact_data_verifies(sealed):
    out = io.StringIO()
    call_command("verify_ledger", stdout=out)
    call_command("verify_records", stdout=out)
    call_command("verify_integrity", stdout=out)
    assert "台账校验通过" in out.getvalue() and "未发现篡改" in out.getvalue()


@pytest.mark.parametrize("kind", sorted(COMMITMENTS))
def test_ledger_edit_is_reported(sealed, kind):
    mutate, words = COMMITMENTS[kind]
    mutate(sealed)
    out = verify("verify_ledger")
    named = [line for line in out.splitlines() if f"承诺书#{sealed.pledge.pk}" in line]
    assert named, out
    assert any(words in line for line in named), out


@pytest.mark.parametrize("kind", sorted(MEETINGS))
def test_record_edit_is_reported(sealed, kind):
    mutate, words = MEETINGS[kind]
    mutate(sealed)
    out = verify("verify_records")
    named = [line for line in out.splitlines()
             if f"会议记录#{sealed.record.pk}" in line or "三会一课记录" in line]
    assert named, out
    assert any(words in line for line in named), out


def test_the_key_is_not_in_the_database(sealed):
    key = keys.current_key()
    with connection.cursor() as cursor:
        for model in ("integrity.Seal", "integrity.Publication"):
            cursor.execute(f"SELECT * FROM {table(model)}")
            dump = repr(cursor.fetchall())
            assert key.hex() not in dump
