from django.utils.functional import SimpleLazyObject

from .generation import current


def page_cache(request):
    """`page_cache_generation`: a `{% cache %}` key part that changes whenever the page
    cache is emptied (caching.signals), so a cached fragment is never older than a page."""
    return {"page_cache_generation": SimpleLazyObject(current)}
