"""消息通知: the daily digest for 10,000 members with 20 pending events each.

Sets up Django with the test settings and its own throw-away database (SQLite in memory, or
with a PostgreSQL DATABASE_URL a database named by NOTIFICATIONS_BENCH_DB, default
notifications_bench), creates the members and their pending 每日汇总 notifications in bulk,
then times one digest run (`notifications.delivery.send_digests`, what `run_scheduled`
calls after the digest hour): one plain-text e-mail per member, each serialised to MIME by
a counting mail backend that keeps nothing, and every notification marked as digested.
Also timed: raising one event for all 10,000 members through `notify()`.
"""

import os
import resource
import time
import tracemalloc

from tests.benchmarks.plugin_site import engine, setup_django, throwaway_database

TITLE = "消息通知：每日汇总（10,000名党员 × 20条待汇总消息）"
COMMAND = ".venv/bin/python -m tests.benchmarks.run notifications"
NOTES = """
The digest reads pending notifications in batches of 500 members (one query for the batch's
rows, `only()` the fields the message needs), builds one message per member on every
configured channel (here the e-mail backend through a counting Django mail backend that
serialises each message to MIME and drops it, so SMTP's own latency is not measured),
and marks the batch digested with one UPDATE per batch inside one transaction per batch.
Memory: the peak of Python allocations during the run (tracemalloc, separate run) and the
process's peak resident set size (everything, Django and the data set-up included).
The machine is shared (see the load-average rows): with other engineers' test suites running
beside it, most of the wall time is waiting for a CPU; the CPU row is the work the digest
costs this process (about 1 ms per member), which is what a quiet server would see, plus
PostgreSQL's own share.
"""

SCALES = {
    "full": {"members": 10_000, "per_member": 20},
    "smoke": {"members": 50, "per_member": 3},
}

SENT = {"count": 0}


class CountingEmailBackend:
    """A Django mail backend that renders each message and keeps only a count."""

    def __init__(self, fail_silently=False, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        for message in messages:
            message.message().as_bytes()
        SENT["count"] += len(messages)
        return len(messages)


def _build(members, per_member):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from notifications.kinds import ELECTION_DUE
    from notifications.models import DIGEST, Notification

    User = get_user_model()
    password = make_password("bench")
    User.objects.bulk_create([
        User(username=f"m{n:05d}", email=f"m{n:05d}@example.org", first_name="党员",
             password=password) for n in range(members)], batch_size=2000)
    ids = list(User.objects.filter(username__startswith="m").values_list("pk", flat=True))
    rows = []
    for pk in ids:
        for i in range(per_member):
            rows.append(Notification(recipient_id=pk, kind=ELECTION_DUE, delivery=DIGEST,
                                     title=f"第{i + 1}条：第一党支部支委会逾期未开（{i + 1}月）",
                                     key=f"bench:{i}"))
        if len(rows) >= 20_000:
            Notification.objects.bulk_create(rows, batch_size=5000)
            rows = []
    Notification.objects.bulk_create(rows, batch_size=5000)
    return User.objects.filter(pk__in=ids)


def _reset_digested():
    from notifications.models import Notification

    Notification.objects.update(digested_at=None)


def run(scale="full"):
    setup_django()
    from django.conf import settings

    from notifications import delivery
    from notifications.api import notify
    from notifications.kinds import WORKFLOW_TASK
    from notifications.models import Notification

    settings.EMAIL_BACKEND = "tests.benchmarks.bench_notifications.CountingEmailBackend"
    settings.PORTAL_NOTIFICATION_BACKENDS = [
        {"BACKEND": "notifications.backends.EmailBackend", "OPTIONS": {}}]
    params = SCALES[scale]
    members, per_member = params["members"], params["per_member"]
    with throwaway_database(os.environ.get("NOTIFICATIONS_BENCH_DB", "notifications_bench")):
        users = _build(members, per_member)
        pending = Notification.objects.filter(digested_at=None).count()
        assert pending == members * per_member, pending

        SENT["count"] = 0
        start, cpu = time.perf_counter(), time.process_time()
        people = delivery.send_digests()
        digest_s = time.perf_counter() - start
        digest_cpu = time.process_time() - cpu
        assert people == members and SENT["count"] == members, (people, SENT)
        assert not Notification.objects.filter(digested_at=None).exists()

        _reset_digested()
        tracemalloc.start()
        delivery.send_digests()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        start = time.perf_counter()
        raised = len(notify(users, WORKFLOW_TASK, "有内容待您审核", key="bench-fanout"))
        fanout_s = time.perf_counter() - start
        assert raised == members
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_mb = peak / 1024 / 1024
    return [
        {"metric": "data", "value": f"{members} members x {per_member} pending = "
         f"{members * per_member} notifications ({engine()})", "unit": "", "target": "-",
         "ok": None},
        {"metric": "digest run (wall)", "value": round(digest_s, 1), "unit": "s",
         "target": "< 60 s", "ok": digest_s < 60},
        {"metric": "digest run (CPU of this process)", "value": round(digest_cpu, 1), "unit": "s",
         "target": "-", "ok": None},
        {"metric": "digest run peak Python memory (tracemalloc)", "value": round(peak_mb, 1),
         "unit": "MB", "target": "< 300 MB", "ok": peak_mb < 300},
        {"metric": "process peak RSS (whole benchmark)", "value": round(rss_mb, 1), "unit": "MB",
         "target": "< 300 MB", "ok": rss_mb < 300},
        {"metric": f"notify() one event to {members} members", "value": round(fanout_s, 1),
         "unit": "s", "target": "-", "ok": None},
        {"metric": "load average (1 min) at the end", "value": round(os.getloadavg()[0], 2),
         "unit": "", "target": "-", "ok": None},
    ]


if __name__ == "__main__":
    for row in run(os.environ.get("BENCH_SCALE", "full")):
        print(row)
