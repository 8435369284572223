"""/case-library/: the navigation entry, forwarded to the case library page."""

from django.http import Http404
from django.shortcuts import redirect

from portal.scope import resolver_for

from .models import CaseLibraryPage


def library_redirect(request):
    library = resolver_for(request).filter(CaseLibraryPage.objects.live()).order_by("path").first()
    if library is None:
        raise Http404("创新案例库尚未建立。")
    return redirect(library.get_url(request))
