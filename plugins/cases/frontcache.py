"""Public addresses showing a case, for the front cache's purges.

A case is a page: the core purges it, its library and the home page. The library also
shows it under each 专题 (topic/<slug>/) and in its print view, which only this plugin
knows about.
"""


def front_cache_paths(obj):
    from wagtail.models import Page

    from .models import CaseLibraryPage, CaseTerm, InnovationCasePage

    if isinstance(obj, CaseTerm):
        obj = obj.case
    if isinstance(obj, InnovationCasePage):
        library = obj.get_parent().specific
    elif isinstance(obj, CaseLibraryPage):
        library = obj
    elif isinstance(obj, Page):
        return ()
    else:
        return None
    if not isinstance(library, CaseLibraryPage) or library.url is None:
        return ()
    base = library.url
    return [base, base + "print/"] + [f"{base}topic/{slug}/" for slug in
                                      library.topics.values_list("slug", flat=True)]
