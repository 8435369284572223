"""The case plugin's models, one module per concern, re-exported for Django."""

from .case import CaseAttachment, InnovationCasePage  # noqa: F401
from .library import CaseLibraryPage, CaseTopic  # noqa: F401
from .summary import CaseSummary  # noqa: F401
from .terms import CaseTerm  # noqa: F401
