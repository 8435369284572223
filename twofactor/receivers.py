"""A password login of an account with (or due) a second factor leaves the session
pending until the code is given; the middleware holds every page back until then."""

from . import policy


def flag_second_factor(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and policy.asks_for_code(user):
        request.session[policy.PENDING] = True
