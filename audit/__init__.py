"""Audit trail: who did what, when and from where, kept in Wagtail's audit log.

The portal and its plugins record an event with::

    import audit
    audit.log(request, "reviews.export", target="统计表：2026年上半年", detail="XLSX",
              instance=campaign)

where the action is registered with Wagtail (audit.constants for the core, a plugin's
`audit_actions` for a plugin). `request` may be None (commands, signals); the user and
address then come from the request being served, if any (see audit.middleware).
"""


def log(request, action, target="", detail="", user=None, instance=None, data=None):
    from .api import log as _log

    return _log(request, action, target=target, detail=detail, user=user, instance=instance,
                data=data)
