"""What every search engine takes and returns."""

import math
from dataclasses import dataclass, field

PER_PAGE = 10
MAX_PAGES = 100  # deeper pages are not served; nobody reads result 1,001


@dataclass
class SearchParams:
    query: str
    types: list = field(default_factory=list)  # provider keys; empty = all
    section: object = None  # SectionPage
    organisation: object = None  # BranchPage
    year: int | None = None
    tag: str | None = None
    sort: str = "relevance"  # or "date"
    page: int = 1
    per_page: int = PER_PAGE
    advanced: object = None  # search.advanced.Advanced (高级检索), None when unset

    @property
    def filtered(self):
        """True when the reader chose anything that narrows the results."""
        return bool(self.types or self.section or self.organisation or self.year or self.tag
                    or self.advanced)


@dataclass
class Hit:
    title: str
    url: str
    type: str
    type_label: str
    date: object
    title_html: str
    snippet: str
    scope: object = None
    meta: tuple = ()  # short facts for that line: 栏目, 发文机关, ... (search.excerpts)

    def as_json(self):
        return {
            "title": self.title,
            "url": self.url,
            "type": self.type,
            "type_label": self.type_label,
            "date": self.date.isoformat() if self.date else None,
            "snippet": str(self.snippet),
            "scope": self.scope.label if self.scope else None,
        }


@dataclass
class SearchOutcome:
    count: int = 0
    hits: list = field(default_factory=list)
    page: int = 1
    num_pages: int = 1
    type_counts: dict = field(default_factory=dict)  # provider key -> count
    year_counts: dict = field(default_factory=dict)  # year -> count
    count_capped: bool = False  # count is a lower bound: at least `count` results

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages


def page_window(total, page, per_page):
    """(page, num_pages, start, stop) with page clamped into range."""
    num_pages = min(MAX_PAGES, max(1, math.ceil(total / per_page)))
    page = min(max(1, page), num_pages)
    start = (page - 1) * per_page
    return page, num_pages, start, start + per_page


class SearchEngine:
    """Interface: search(params, resolver, request) and suggest(query, resolver, request)."""

    def __init__(self, **options):
        self.options = options

    def search(self, params, resolver, request=None):
        raise NotImplementedError

    def suggest(self, query, resolver, request=None, limit=8):
        raise NotImplementedError
