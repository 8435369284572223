"""/api/openapi.yaml: the hand-kept OpenAPI description of the portal's JSON endpoints
(portal/openapi.yaml), checked against the running site by `make test-api`."""

from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

SCHEMA = Path(__file__).with_name("openapi.yaml")


@cache
def _schema_text():
    return SCHEMA.read_text(encoding="utf-8")


@require_GET
@cache_control(max_age=3600, public=True)
def openapi_schema(request):
    return HttpResponse(_schema_text(), content_type="application/yaml; charset=utf-8")
