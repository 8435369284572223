"""The core never imports a plugin nor names one: it only reads the plugin registry.

Every module of the core apps (migrations included) is parsed, not imported: an import of
`plugins` or `plugins.*`, or a string naming a plugin's module ("plugins.reviews"), its
models, its URLs or its settings ("reviews.Campaign", "meetings:export",
"MEETINGS_PRIVATE_ROOT"), fails the test. Docstrings and
comments may talk about plugins. The only code that turns plugin names into modules is the
INSTALLED_APPS assembly in portal/plugin_loader.py, which builds them from the plugins
folder and entry points without naming any.
"""

import ast
import re
from pathlib import Path

import pytest

from portal.plugin_loader import bundled_plugins

ROOT = Path(__file__).resolve().parent.parent.parent
CORE = ["portal", "pages", "search", "caching", "audit", "members", "operations",
        "integrity", "twofactor", "roster", "calendars", "notifications", "acknowledgements"]
# "plugins.reviews", not a file such as "portal/admin/plugins.html".
PLUGIN_MODULE = re.compile(r"(?<![\w/.])plugins\.(?!(?:html|md|py|txt)\b)[A-Za-z_]")


def core_modules():
    return sorted(path for app in CORE for path in (ROOT / app).rglob("*.py"))


def docstrings(tree):
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def offences(source, labels):
    """(line, what) for every import of a plugin and every string naming one."""
    tree = ast.parse(source)
    alternatives = "|".join(map(re.escape, labels))
    named = re.compile(rf"^(?:(?:{alternatives})[.:][A-Za-z_]|(?:{alternatives.upper()})_[A-Z])")
    skip = docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, f"import {a.name}") for a in node.names
                      if a.name == "plugins" or a.name.startswith("plugins.")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and (
                node.module == "plugins" or node.module.startswith("plugins.")):
            found.append((node.lineno, f"from {node.module} import ..."))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in skip
              and (PLUGIN_MODULE.search(node.value) or named.match(node.value))):
            found.append((node.lineno, repr(node.value)))
    return found


def test_the_checker_catches_what_it_should():
    labels = ["reviews", "meetings"]
    source = '''
import plugins.reviews
from plugins.meetings.models import MeetingRecord
from plugins import reviews
x = apps.is_installed("plugins.reviews")
y = {"meetings:export": "..."}
z = apps.get_model("reviews.Campaign")
root = getattr(settings, "MEETINGS_PRIVATE_ROOT", None)
def f():
    """Docstrings may mention plugins.reviews."""
    from search.providers import SearchProvider
    return f"plugins.{name}", "pages.NoticePage", "reviews", "portal/admin/plugins.html"
apps = ["django_otp.plugins.otp_totp"]  # another package's own "plugins" module
'''
    assert [line for line, _ in offences(source, labels)] == [2, 3, 4, 5, 6, 7, 8]


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_names_no_plugin(path):
    labels = bundled_plugins()
    found = offences(path.read_text(encoding="utf-8"), labels)
    assert not found, "\n".join(f"{path.relative_to(ROOT)}:{line}: {what}" for line, what in found)
