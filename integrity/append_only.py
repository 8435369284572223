"""Rows a plugin's official record only ever appends (the 承诺践诺 ledger and its 点评,
群众评议 responses and ratings): through the ORM they are written once and never changed or
removed. What proves nothing was changed behind the ORM's back is the keyed chain
(chain.py) of the plugin that seals them.
"""

from django.db import models


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an appended row."""

    def __init__(self, model):
        super().__init__(f"{model._meta.verbose_name}只能新增，提交后不能修改或删除。")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(self.model)

    def delete(self):
        raise AppendOnlyError(self.model)

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError(self.model)

    def redact(self, **kwargs):
        """The one sanctioned change: personal data erased on request."""
        return super().update(**kwargs)


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(type(self))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(type(self))
