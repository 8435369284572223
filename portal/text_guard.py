"""Refuses requests whose path, query or form fields carry text no database can store.

PostgreSQL rejects a NUL character in any text value, so a lookup such as
``?q=a%00b`` raised a database error deep inside a view (a 500) while SQLite answered.
Rather than guard every view, this middleware answers such requests with a 400 and a
Chinese message before any view runs, on every database alike. Refused: NUL, lone
surrogates, and percent-escapes or bytes that are not valid UTF-8 (which Django would
otherwise quietly turn into U+FFFD or leave as "%XX").
"""

from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string

MESSAGE = "请求中含有无法识别的字符（如空字符或不完整的编码），已被拒绝。请检查链接或输入内容后重试。"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def is_valid_text(value):
    """True when ``value`` (str) holds no NUL and no lone surrogate."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _valid_bytes(raw):
    if b"\x00" in raw:
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _valid_query(raw):
    """Checks each name and value of a raw query string or url-encoded body (bytes)."""
    for pair in raw.replace(b";", b"&").split(b"&"):
        if not _valid_bytes(unquote_to_bytes(pair.replace(b"+", b" "))):
            return False
    return True


def _wsgi_bytes(value):
    # WSGI hands strings over as latin-1 decoded bytes; look at the bytes themselves.
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogatepass")


def _valid_path(request):
    # Django keeps bytes of the path that are not UTF-8 as "%XX" escapes (the server has
    # already undone the client's own escapes), so undo those once more and look.
    return _valid_bytes(unquote_to_bytes(request.path_info)) and is_valid_text(request.path_info)


def _valid_form(request):
    if request.method != "POST":
        return True
    content_type = request.META.get("CONTENT_TYPE", "")
    if not content_type.startswith(FORM_TYPES):
        return True
    try:
        if content_type.startswith(FORM_TYPES[0]):
            if not _valid_query(request.body):
                return False
        data = request.POST
        files = request.FILES
    except Exception:  # noqa: BLE001 -- size limits and broken bodies are the view's to answer
        return True
    for key, values in data.lists():
        if not is_valid_text(key) or not all(is_valid_text(value) for value in values):
            return False
    return all(is_valid_text(upload.name or "") for upload in files.values())


def refusal(request):
    if request.path_info.startswith("/api/") or "json" in request.META.get("HTTP_ACCEPT", ""):
        return JsonResponse({"error": MESSAGE}, status=400,
                            json_dumps_params={"ensure_ascii": False})
    try:
        body = render_to_string("400.html", {"message": MESSAGE}, request=request)
    except Exception:  # noqa: BLE001 -- the refusal itself must never fail
        body = MESSAGE
    return HttpResponseBadRequest(body, content_type="text/html; charset=utf-8")


class InvalidTextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (_valid_path(request)
                and _valid_query(_wsgi_bytes(request.META.get("QUERY_STRING", "")))
                and _valid_form(request)):
            return refusal(request)
        return self.get_response(request)
