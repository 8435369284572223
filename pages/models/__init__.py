"""Core page types. One module per page type; re-exported here for Django."""

from .article import ArticlePage, ArticleTag  # noqa: F401
from .branch import BranchCommitteeMember, BranchIndexPage, BranchPage  # noqa: F401
from .experience import ExperienceCasePage  # noqa: F401
from .home import HomeHighlight, HomePage, HomeQuickLink  # noqa: F401
from .notice import NoticeAttachment, NoticePage  # noqa: F401
from .section import SectionPage  # noqa: F401
from .stats import PageViewCount  # noqa: F401
from .workflow import SeparateApprovalTask  # noqa: F401
