"""Login lockout with two limits (django-axes).

AXES_LOCKOUT_PARAMETERS counts failures per account (username from one address) and
per address (every username together). Axes compares the larger count with one limit;
this handler gives the address its own, larger limit, so a password sprayed over many
usernames from one address is stopped, while an office behind one address is not locked
out by a few people's typing mistakes.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class AccountAndAddressHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        counts = [attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
                  for attempts in self.get_user_attempts(request, credentials)]
        account, address = (counts + [0, 0])[:2]
        if address >= settings.PORTAL_ADDRESS_FAILURE_LIMIT:
            return max(account, settings.AXES_FAILURE_LIMIT)
        return account
