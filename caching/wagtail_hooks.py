from wagtail import hooks

from portal.scope import resolver_for

from .middleware import mark_uncacheable


@hooks.register("before_serve_page", order=-20)
def never_cache_restricted_pages(page, request, serve_args, serve_kwargs):
    """A page under any view restriction is never cached, whoever asks for it.

    Uses the request's scope resolver, which the scope hooks load anyway, so this
    costs no query of its own.
    """
    if resolver_for(request).restrictions_on(page):  # an alias: its source's too
        mark_uncacheable(request)
