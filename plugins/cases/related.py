"""相关案例: cases like this one, within the requester's scope.

With the Elasticsearch engine active, a more_like_this query on the segmented
title and body fields (scope as must_not path prefixes, as in the site
search). Otherwise -- or if Elasticsearch fails -- the database way: shared key
terms (CaseTerm weights, jieba-segmented) plus shared tags, each one GROUP BY
query over the visible cases.
"""

import logging

from django.db.models import Count, Sum

from pages.models import ArticleTag

from .models import CaseTerm, InnovationCasePage

logger = logging.getLogger(__name__)
RELATED_COUNT = 5
TAG_WEIGHT = 8


def visible_cases(resolver):
    return resolver.filter(InnovationCasePage.objects.live())


def related_cases(case, resolver, limit=RELATED_COUNT):
    ids = None
    if _elasticsearch_active():
        try:
            ids = _more_like_this(case, resolver, limit)
        except Exception:
            logger.exception("more_like_this failed for case %s; using shared terms", case.pk)
    if ids is None:
        ids = _shared_terms(case, resolver, limit)
    pages = {p.pk: p for p in visible_cases(resolver).filter(pk__in=ids)}
    return [pages[pk] for pk in ids if pk in pages]


def _elasticsearch_active():
    from .elastic import elasticsearch_active

    return elasticsearch_active()


def _shared_terms(case, resolver, limit):
    visible_ids = visible_cases(resolver).exclude(pk=case.pk).order_by().values("pk")
    scores = {}
    terms = list(CaseTerm.objects.filter(case=case).values_list("term", flat=True))
    if terms:
        rows = (CaseTerm.objects.filter(term__in=terms, case_id__in=visible_ids)
                .values("case_id").annotate(_score=Sum("weight")))
        for row in rows:
            scores[row["case_id"]] = row["_score"]
    tag_ids = list(ArticleTag.objects.filter(content_object_id=case.pk)
                   .values_list("tag_id", flat=True))
    if tag_ids:
        rows = (ArticleTag.objects.filter(tag_id__in=tag_ids, content_object_id__in=visible_ids)
                .values("content_object_id").annotate(_n=Count("tag_id")))
        for row in rows:
            pk = row["content_object_id"]
            scores[pk] = scores.get(pk, 0) + TAG_WEIGHT * row["_n"]
    ranked = sorted(scores.items(), key=lambda item: (-item[1], -item[0]))
    return [pk for pk, _score in ranked[:limit]]


def _more_like_this(case, resolver, limit):
    from elasticsearch.dsl import Q, Search
    from wagtail.search.backends import get_search_backend

    from search.backends.elasticsearch.documents import document_id
    from search.backends.elasticsearch.queries import scope_filters
    from search.providers import get_provider

    backend = get_search_backend("elasticsearch")
    index = backend.index_name
    provider = get_provider("case")
    filters, must_not = scope_filters(resolver.hidden_paths)
    filters.append(Q("term", type="case"))
    like = Q("more_like_this", fields=["title_seg", "body_seg", "tags"],
             like=[{"_index": index, "_id": document_id(provider, case)}],
             min_term_freq=1, min_doc_freq=1, max_query_terms=40)
    search = Search(index=index).query(
        Q("bool", must=[like], filter=filters, must_not=must_not))[:limit]
    response = search.using(backend.client).execute()
    return [int(hit.object_id) for hit in response.hits]
