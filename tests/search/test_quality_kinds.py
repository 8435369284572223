"""Search quality per kind of query (search/quality.py): recall@10 ≥ 0.95 and MRR ≥ 0.9
for phrases with function characters, Traditional characters, synonyms and pinyin."""

import pytest

from search.quality import KINDS, build_corpus, evaluate, table


@pytest.mark.django_db
@pytest.mark.usefixtures("search_backend")
def test_every_kind_meets_its_targets(site_tree, search_backend, capsys):
    pages = build_corpus(site_tree.notices)
    if search_backend == "elasticsearch":  # pages saved after the fixture indexed everything
        from wagtail.search.backends import get_search_backend

        get_search_backend("elasticsearch").content_index.add_items(
            type(next(iter(pages.values()))), list(pages.values()))
    results = evaluate(pages)
    with capsys.disabled():
        print(f"\n[{search_backend}]\n" + table({search_backend: results}))
    assert set(results) == set(KINDS)
    for kind, (recall, mrr, rows) in results.items():
        assert recall >= 0.95 and mrr >= 0.9, (kind, rows)
