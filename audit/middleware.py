"""Keeps the request being served at hand for signal receivers that get none, and records
downloads from the views plugins list in their Plugin's `audited_downloads` (and the
AUDIT_EXPORT_VIEWS setting), so a plugin's export views need no audit code of their own."""

from contextvars import ContextVar

from django.conf import settings

_current_request = ContextVar("audit_current_request", default=None)


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
        from portal.plugins import registry

        views = {**registry.audited_downloads(), **getattr(settings, "AUDIT_EXPORT_VIEWS", {})}
        if match.view_name in views:
            from . import constants as c
            from .api import log

            log(request, c.EXPORT, target=views[match.view_name], detail=request.get_full_path())
