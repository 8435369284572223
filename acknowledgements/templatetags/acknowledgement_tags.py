from django import template

from ..audience import requests_for
from ..models import ReadConfirmation
from ..status import may_view

register = template.Library()


@register.inclusion_tag("acknowledgements/member_panel.html", takes_context=True)
def read_requests_panel(context):
    """党员中心's 需阅知 panel: notices the member has not yet confirmed."""
    user = context["request"].user
    requests = requests_for(user)
    done = set(ReadConfirmation.objects.filter(user=user, request__in=[r.pk for r in requests])
               .values_list("request_id", flat=True))
    return {"pending": [r for r in requests if r.pk not in done],
            "overseen": may_view(user)}
