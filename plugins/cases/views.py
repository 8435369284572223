"""/case-library/: the navigation entry, forwarded to the case library page."""

from django.shortcuts import redirect, render

from portal.scope import resolver_for

from .models import CaseLibraryPage


def library_redirect(request):
    library = resolver_for(request).filter(CaseLibraryPage.objects.live()).order_by("path").first()
    if library is None:
        # The navigation links here, so a site without a library yet gets a page, not a 404.
        return render(request, "cases/library_missing.html")
    return redirect(library.get_url(request))
