"""On every publish of a case: recompute its key terms and re-index it.

The re-index matters: Wagtail indexes a page from post_save, which fires
before the page's cluster children (its tags) are written, so the tags would
be missing from the full-text entry until the next save. page_published is
sent after everything is saved.
"""

from wagtail.search import index
from wagtail.signals import page_published


def refresh_terms(sender, instance, **kwargs):
    from .keyterms import store_terms

    store_terms(instance)
    index.insert_or_update_object(instance)


def connect():
    from .models import InnovationCasePage

    page_published.connect(refresh_terms, sender=InnovationCasePage,
                           dispatch_uid="cases_refresh_terms")
