"""Content import from JSON Lines: one importer per record type, in a small registry.

    @register_importer("notice")
    def import_notice(record, context) -> ImportResult

The core registers notice, experience and branch; a plugin registers its own
types (e.g. "case") the same way from its AppConfig.ready(). Records are
matched by slug within their type, so running an import again updates
instead of duplicating. See docs/import_content.md.
"""

import datetime
import html
import re
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from portal.scope import ALL_MEMBERS_GROUP

IMPORTERS = {}
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")
SCOPES = ("public", "party", "organisation")


class ImportError_(ValueError):  # noqa: N801 - not the builtin ImportError
    """A record that cannot be imported; the message is shown to the operator (Chinese)."""


@dataclass
class ImportResult:
    page: object
    created: bool


def register_importer(type_name):
    def decorator(func):
        IMPORTERS[type_name] = func
        return func
    return decorator


def importer_for(type_name):
    return IMPORTERS.get(type_name)


# -- field helpers -----------------------------------------------------------------
def require(record, key):
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ImportError_(f"缺少必填字段“{key}”。")
    return value.strip() if isinstance(value, str) else value


def text(record, key, default="", max_length=None):
    value = record.get(key, default)
    if value is None:
        return default
    if not isinstance(value, (str, int, float)):
        raise ImportError_(f"字段“{key}”应为文本。")
    value = str(value).strip()
    if max_length and len(value) > max_length:
        raise ImportError_(f"字段“{key}”超过{max_length}个字符。")
    return value


def parse_slug(record):
    slug = require(record, "slug")
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        raise ImportError_("slug 只能包含字母、数字、连字符和下划线。")
    return slug.lower()


def parse_date(record, key="date", required=True):
    value = record.get(key)
    if not value:
        if required:
            raise ImportError_(f"缺少必填字段“{key}”。")
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ImportError_(f"字段“{key}”不是有效的日期（应为 YYYY-MM-DD）。") from None


def parse_tags(record):
    tags = record.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ImportError_("tags 应为字符串列表。")
    return [t.strip()[:100] for t in tags if t.strip()]


def body_blocks(value):
    """Plain text or HTML as paragraph blocks; HTML is reduced to its text."""
    if not value:
        return []
    if not isinstance(value, str):
        raise ImportError_("body 应为文本。")
    if "<" in value:
        value = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</h\d\s*>|</li\s*>", "\n", value)
        value = html.unescape(strip_tags(value))
    return [("paragraph", RichText(f"<p>{html.escape(line.strip())}</p>"))
            for line in value.splitlines() if line.strip()]


def find_branch(slug):
    from pages.models import BranchPage

    branch = BranchPage.objects.filter(slug=slug).first()
    if branch is None:
        raise ImportError_(f"找不到党组织“{slug}”。")
    return branch


def apply_scope(page, record, organisation):
    """Sets the page's view restriction to the record's scope (public removes it)."""
    scope = text(record, "scope", "public") or "public"
    if scope not in SCOPES:
        raise ImportError_(f"scope 应为 {'、'.join(SCOPES)} 之一。")
    PageViewRestriction.objects.filter(page=page).delete()
    if scope == "public":
        return
    if scope == "party":
        group, _ = Group.objects.get_or_create(name=ALL_MEMBERS_GROUP)
    else:
        if organisation is None:
            raise ImportError_("scope 为 organisation 时必须指定 branch。")
        organisation.refresh_from_db()
        group = organisation.ensure_members_group()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([group])


def save_and_publish(page, parent, created):
    try:
        if created:
            parent.add_child(instance=page)
        else:
            page.full_clean()
            page.save()
    except ValidationError as error:
        messages = "；".join(m for msgs in error.message_dict.values() for m in msgs) \
            if hasattr(error, "message_dict") else "；".join(error.messages)
        raise ImportError_(messages) from None
    return publish(page)


def publish(page):
    """Publishes the page as it stands, with no audit-log entries (imports and demo data)."""
    revision = page.save_revision(log_action=False)
    revision.publish(log_action=False)
    page.refresh_from_db()
    return page


def _section(record, default):
    from pages.models import SectionPage

    slug = text(record, "section", default) or default
    section = SectionPage.objects.filter(slug=slug).first()
    if section is None:
        raise ImportError_(f"找不到栏目“{slug}”，请先创建该栏目。")
    return section


def _article(model, record, section_default):
    slug = parse_slug(record)
    title = text(require(record, "title") and record, "title", max_length=255)
    page = model.objects.filter(slug=slug).first()
    created = page is None
    if created:
        page = model(slug=slug)
        parent = _section(record, section_default)
    else:
        page = page.specific
        parent = None
    organisation = find_branch(record["branch"]) if record.get("branch") else None
    page.title = title
    page.date = parse_date(record)
    page.summary = text(record, "summary", max_length=500)
    page.organisation = organisation
    page.body = body_blocks(record.get("body", ""))
    return page, parent, created, organisation


# -- core types -----------------------------------------------------------------------
@register_importer("notice")
def import_notice(record, context=None):
    from pages.models import NoticePage
    from pages.models.notice import CATEGORY_CHOICES

    page, parent, created, organisation = _article(NoticePage, record, "notices")
    category = text(record, "category", "organisation") or "organisation"
    if category not in dict(CATEGORY_CHOICES):
        raise ImportError_("category 不是有效的主题分类。")
    page.category = category
    page.document_number = text(record, "document_number", max_length=50)
    page.issuing_authority = text(record, "issuing_authority", max_length=100)
    page.addressee = text(record, "addressee", max_length=200)
    page.keywords = text(record, "keywords", max_length=200)
    page.source = text(record, "source", "本网", max_length=100) or "本网"
    page.signature = text(record, "signature")
    page.written_date = parse_date(record, "written_date", required=False)
    page.tags.set(parse_tags(record))
    save_and_publish(page, parent, created)
    apply_scope(page, record, organisation)
    return ImportResult(page, created)


@register_importer("experience")
def import_experience(record, context=None):
    from pages.models import ExperienceCasePage

    page, parent, created, organisation = _article(ExperienceCasePage, record, "experience")
    page.tags.set(parse_tags(record))
    save_and_publish(page, parent, created)
    apply_scope(page, record, organisation)
    return ImportResult(page, created)


@register_importer("branch")
def import_branch(record, context=None):
    from pages.models import BranchIndexPage, BranchPage
    from pages.models.branch import ORG_TYPE_CHOICES

    slug = parse_slug(record)
    page = BranchPage.objects.filter(slug=slug).first()
    created = page is None
    parent = None
    if created:
        page = BranchPage(slug=slug)
        if record.get("branch"):
            parent = find_branch(record["branch"])
        else:
            parent = BranchIndexPage.objects.first()
            if parent is None:
                raise ImportError_("站点中还没有党组织目录页。")
    page.title = text(require(record, "title") and record, "title", max_length=255)
    org_type = text(record, "org_type", "branch") or "branch"
    if org_type not in dict(ORG_TYPE_CHOICES):
        raise ImportError_("org_type 不是有效的组织类型。")
    page.org_type = org_type
    member_count = record.get("member_count", page.member_count or 0)
    if not isinstance(member_count, int) or member_count < 0:
        raise ImportError_("member_count 应为非负整数。")
    page.member_count = member_count
    page.intro = text(record, "intro", max_length=1000) or strip_tags(
        str(record.get("body", "")))[:1000]
    page.body = body_blocks(record.get("body", ""))
    page.founded_date = parse_date(record, "date", required=False)
    save_and_publish(page, parent, created)
    apply_scope(page, record, None)
    return ImportResult(page, created)
