"""Keeps the request being served at hand for signal receivers that get none, and records
downloads from the export views named in AUDIT_EXPORT_VIEWS (plugins that do not call
audit.log themselves are audited this way without changing them)."""

from contextvars import ContextVar

from django.conf import settings

_current_request = ContextVar("audit_current_request", default=None)

# view name -> what is exported; extend with the AUDIT_EXPORT_VIEWS setting.
EXPORT_VIEWS = {
    "meetings:export": "三会一课记录（XLSX）",
    "commitments:export": "承诺践诺台账（XLSX）",
    "commitments:docx": "公开承诺书（Word）",
}


def current_request():
    return _current_request.get()


class AuditRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
            self._audit_export(request, response)
            return response
        finally:
            _current_request.reset(token)

    @staticmethod
    def _audit_export(request, response):
        match = getattr(request, "resolver_match", None)
        if match is None or response.status_code != 200:
            return
        views = {**EXPORT_VIEWS, **getattr(settings, "AUDIT_EXPORT_VIEWS", {})}
        if match.view_name in views:
            from . import constants as c
            from .api import log

            log(request, c.EXPORT, target=views[match.view_name], detail=request.get_full_path())
