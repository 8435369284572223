"""A production-like stack for the front-cache tests and benchmarks: a temporary SQLite
database, gunicorn processes with the production settings (tests.benchmarks.throughput_settings:
production plus the benchmarks' minimal view), Varnish from deploy/varnish/ in front of the
first one, and Redis shared by all of them. 127.0.0.1 only, on ports 8101-8119 unless
FRONTCACHE_PORT_BASE says otherwise.

Writes are made by a separate Django process (`python -m tests.frontcache.stack act ...`)
with the same settings, the way an editor's publication runs in some other worker: it
moves the page-cache generation in Redis and purges the front cache.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "scripts" / "frontcache.sh"


def varnishd():
    return shutil.which("varnishd") or (os.path.exists("/usr/sbin/varnishd") and "/usr/sbin/varnishd")


def redis_url():
    return os.environ.get("FRONTCACHE_REDIS_URL") or os.environ.get("REDIS_URL") or ""


def redis_answers(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_timeout=2).ping()
    except Exception:
        return False


def port_is_free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count):
    base = int(os.environ.get("FRONTCACHE_PORT_BASE", "8101"))
    ports = [p for p in range(base, base + 19) if port_is_free(p)][:count]
    if len(ports) < count:
        raise RuntimeError(f"no {count} free ports from {base}")
    return ports


def stack_env(workdir, redis, front_cache_url=""):
    env = dict(os.environ)
    env.pop("PYTHONSTARTUP", None)
    env.update({
        "DJANGO_SETTINGS_MODULE": "tests.benchmarks.throughput_settings",
        "DJANGO_SECRET_KEY": (workdir / "secret").read_text().strip(),
        "INTEGRITY_KEY": "0" * 64,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "DATABASE_CONN_MAX_AGE": "600",
        "PORTAL_VAR_DIR": str(workdir / "var"),
        "PORTAL_MEDIA_ROOT": str(workdir / "media"),
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "PORTAL_PAGE_CACHE": "1",
        "REDIS_URL": redis,
        "PORTAL_FRONT_CACHE_URL": front_cache_url,
        "ELASTICSEARCH_URL": "",
        "LOG_LEVEL": "ERROR",
    })
    return env


def run_act(env, *args, timeout=300):
    """Run one step in a separate Django process; returns its JSON answer."""
    out = subprocess.run([sys.executable, "-m", "tests.frontcache.stack", *args], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=timeout)
    if out.returncode:
        raise RuntimeError(f"{args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


class Gunicorn:
    def __init__(self, env, port, workers=1, logfile=None):
        self.port, self.base = port, f"http://127.0.0.1:{port}"
        self.log = open(logfile or os.devnull, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--workers",
             str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
             "--timeout", "60", "-c", "python:tests.benchmarks.gunicorn_warm"],
            cwd=ROOT, env=env, stdout=self.log, stderr=self.log)
        wait_for(self.base + "/robots.txt", self.proc)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        self.log.close()


def wait_for(url, proc=None, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server for {url} exited")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"{url} does not answer")


class Varnish:
    def __init__(self, port, backend_port, workdir):
        self.listen = f"127.0.0.1:{port}"
        self.base = f"http://127.0.0.1:{port}"
        self.env = {**os.environ, "FRONTCACHE_DIR": str(workdir / "frontcache")}
        subprocess.run(["bash", str(SCRIPT), "start", self.listen, f"127.0.0.1:{backend_port}"],
                       check=True, env=self.env, capture_output=True, timeout=60)
        wait_for(self.base + "/robots.txt")

    def stop(self):
        subprocess.run(["bash", str(SCRIPT), "stop", self.listen], env=self.env, timeout=60)


def build(workdir, redis, demo=False):
    """Database, content and static files for a stack under `workdir`; returns the setup's
    answer (addresses and a member's session) and the environment without a proxy."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "secret").write_text(secrets.token_urlsafe(60))
    env = stack_env(workdir, redis)
    return run_act(env, "setup", "demo" if demo else "tiny", timeout=1200), env


# -- steps run in a separate Django process ---------------------------------------------------
def _setup(kind):
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.cache import caches
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if kind == "demo":
        call_command("load_demo", verbosity=0)
    from tests.conftest import build_site
    from tests.factories import member_of

    if kind == "demo":
        from pages.models import NoticePage

        notice = NoticePage.objects.live().public().order_by("-date").first()
        site = None
    else:
        site = build_site()
        notice = site.public_notice
    call_command("collectstatic", interactive=False, verbosity=0)
    for alias in settings.CACHES:
        caches[alias].clear()
    answer = {"home": "/", "notice": notice.url, "section": notice.get_parent().url}
    if site is not None:
        member = member_of(site.branch1, username="member1", first_name="张三")
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = str(member.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = member.get_session_auth_hash()
        store.create()
        answer.update(session=store.session_key, party_notice=site.party_notice.url,
                      section_id=site.notices.pk)
    return answer


def _publish(title, slug):
    import datetime

    from wagtail.models import Page

    from pages.models import NoticePage, SectionPage

    section = SectionPage.objects.get(slug="notices")
    notice = NoticePage(title=title, slug=slug, date=datetime.date.today(), live=False,
                        summary="端到端测试。")
    section.add_child(instance=notice)
    notice.save_revision().publish()
    return {"url": Page.objects.get(pk=notice.pk).url}


def _unpublish(slug):
    from pages.models import NoticePage

    NoticePage.objects.get(slug=slug).unpublish()
    return {}


def _restrict(slug):
    from pages.models import NoticePage
    from tests.factories import restrict_to_party

    restrict_to_party(NoticePage.objects.get(slug=slug))
    return {}


def main(argv):
    import django

    django.setup()
    step, args = argv[0], argv[1:]
    answer = {"setup": _setup, "publish": _publish, "unpublish": _unpublish,
              "restrict": _restrict}[step](*args)
    print(json.dumps(answer))


if __name__ == "__main__":
    main(sys.argv[1:])
