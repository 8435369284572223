"""import_content type "case": one InnovationCasePage per JSON record.

Registered from CasesConfig.ready() through pages.importers.register_importer,
so the core command knows nothing of this plugin. Fields beyond the common
ones (slug, title, date, summary, branch, tags, scope): organisation (free
text), region, field, innovation_type, background, practice (or body),
results, lessons, source, recommendation, library (slug of the library).
Labels (社区, 机制创新, 重点推荐) and keys (community, mechanism, 3) both work.
"""

from pages.importers import (
    ImportError_,
    ImportResult,
    apply_scope,
    body_blocks,
    find_branch,
    parse_date,
    parse_slug,
    parse_tags,
    require,
    save_and_publish,
    text,
)

from .choices import FIELD_BY_LABEL, RECOMMENDATION_BY_LABEL, TYPE_BY_LABEL
from .hashing import content_hash


def find_library(slug=None):
    from .models import CaseLibraryPage

    libraries = CaseLibraryPage.objects.all()
    library = libraries.filter(slug=slug).first() if slug else libraries.order_by("path").first()
    if library is None:
        raise ImportError_(f"找不到创新案例库“{slug}”。" if slug else "站点中还没有创新案例库页面。")
    return library


def choice(value, mapping, name, default):
    value = str(value).strip() if value not in (None, "") else ""
    if not value:
        return default
    if value not in mapping:
        raise ImportError_(f"{name}“{value}”无效。")
    return mapping[value]


def fill_case(page, record):
    """Sets the case fields of `page` from a record (shared with the text-collection importer)."""
    page.title = text(require(record, "title") and record, "title", max_length=255)
    page.date = parse_date(record)
    page.summary = text(record, "summary", max_length=500)
    page.organisation_name = text(record, "organisation", max_length=200)
    page.region = text(record, "region", max_length=100)
    page.field = choice(record.get("field"), FIELD_BY_LABEL, "领域", "other")
    page.innovation_type = choice(record.get("innovation_type"), TYPE_BY_LABEL, "创新类型",
                                  "method")
    page.recommendation = choice(record.get("recommendation"), RECOMMENDATION_BY_LABEL,
                                 "推荐等级", 1)
    page.background = text(record, "background")
    page.results = text(record, "results")
    page.lessons = text(record, "lessons")
    page.source = text(record, "source", max_length=200)
    practice = record.get("practice") or record.get("body") or ""
    page.practice = body_blocks(practice)
    page.content_hash = content_hash(page.title, " ".join(
        str(record.get(key) or "") for key in ("background", "practice", "body", "results",
                                                 "lessons")))
    page.tags.set(parse_tags(record))
    return page


def import_case(record, context=None):
    from .models import InnovationCasePage

    slug = parse_slug(record)
    page = InnovationCasePage.objects.filter(slug=slug).first()
    created = page is None
    parent = None
    if created:
        page = InnovationCasePage(slug=slug)
        parent = find_library(text(record, "library"))
    organisation = find_branch(record["branch"]) if record.get("branch") else None
    page.organisation = organisation
    fill_case(page, record)
    save_and_publish(page, parent, created)
    apply_scope(page, record, organisation)
    return ImportResult(page, created)


def register():
    from pages.importers import register_importer

    register_importer("case")(import_case)
