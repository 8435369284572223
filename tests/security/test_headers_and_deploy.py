"""Production settings pass `check --deploy`; public pages carry the security headers and
a Content Security Policy without unsafe-inline, and their HTML needs no inline code."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import ExperienceCasePageFactory

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_settings():
    env = dict(os.environ,
               DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
               DJANGO_ALLOWED_HOSTS="dangwu.example.org",
               INTEGRITY_KEY=secrets.token_hex(32),
               DJANGO_SETTINGS_MODULE="portal.settings.production")
    # A deployment never has the test-only async override (browser tests set it).
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING",
         "--settings=portal.settings.production"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = dict(os.environ, DJANGO_ALLOWED_HOSTS="dangwu.example.org")
    env.pop("DJANGO_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-c", "import portal.settings.production"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def public_urls(site_tree):
    urls = ["/", site_tree.notices.url, site_tree.public_notice.url, site_tree.branch1.url,
            site_tree.branch_index.url, reverse("members:login"), "/search/?q=党支部"]
    case = ExperienceCasePageFactory(parent=site_tree.cases, slug="case-headers")
    urls.append(case.url)
    return urls


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTR = re.compile(r"<[^>]+\sstyle\s*=", re.I)


@pytest.mark.django_db
def test_public_pages_send_security_headers_and_strict_csp(client, site_tree):
    for url in public_urls(site_tree):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN"), url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        csp = response["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert directives["object-src"] == "'none'", url
        assert "frame-ancestors" in directives and "base-uri" in directives
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, url


@pytest.mark.django_db
def test_public_html_has_no_inline_script_handlers_or_style(client, site_tree):
    for url in public_urls(site_tree):
        html = client.get(url).content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html).group(0))
        assert not EVENT_HANDLER.search(html), (url, EVENT_HANDLER.search(html).group(0))
        assert not STYLE_ATTR.search(html), (url, STYLE_ATTR.search(html).group(0))


def test_inline_code_detectors_do_detect():
    # Guards the three patterns above against silently matching nothing.
    assert INLINE_SCRIPT.search('<script>alert(1)</script>')
    assert not INLINE_SCRIPT.search('<script src="/static/x.js"></script>')
    assert EVENT_HANDLER.search('<img src="x" onerror="alert(1)">')
    assert STYLE_ATTR.search('<p style="color:red">')


@pytest.mark.django_db
def test_admin_is_left_out_of_the_csp_but_still_framed_only_by_itself(client, site_tree):
    response = client.get("/admin/login/")
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")


def test_check_deploy_requires_the_integrity_key():
    env = dict(os.environ,
               DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
               DJANGO_ALLOWED_HOSTS="dangwu.example.org",
               DJANGO_SETTINGS_MODULE="portal.settings.production")
    for name in ("INTEGRITY_KEY", "INTEGRITY_KEY_FILE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--settings=portal.settings.production"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "integrity.E001" in result.stderr
