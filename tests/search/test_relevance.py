"""Relevance: a judged query set against the demo content and the seed notices.

Relevant documents are judged by exhaustive substring check (every part of the
query occurs in the document's normalised title + text; no segmentation
involved), over what an anonymous visitor may see. A query whose parts occur
in exactly one title is single-target: that document must rank first.
Prints recall@10 and MRR; requires recall@10 >= 0.95.
"""

from pathlib import Path

import pytest
from django.test import RequestFactory

from pages.demo.loader import DemoLoader
from pages.importers import import_notice
from pages.models import ArticlePage, BranchPage
from portal.scope import AnonymousScopeResolver
from search.analysis import normalise
from search.backends.database.indexer import RawDocument
from search.engines import get_engine
from search.engines import synonyms as synonym_search
from search.engines.base import SearchParams

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

QUERIES = [
    "承诺", "评议", "三会一课", "观察员制度", "观察员", "ISO9000", "iso9000", "e支部", "qq群",
    "QQ群", "2020年", "党小组 履职", "组织生活会", "民主评议党员", "主题党日", "谈心谈话", "党费",
    "换届选举", "第一议题", "发展对象", "创先争优长效机制", "灯下黑", "两学一做",
    "公开承诺书", "群众评议 整改", "支委会", "党课", "联合党支部", "国库支付中心", "七一",
    "鼎发", "观察评价表", "规范党内组织生活", "学习强国", "微党课", "台账", "领导点评",
]

EXTRA = [  # mixed Latin / digits the demo does not use
    {"type": "notice", "slug": "rel-iso9000", "title": "机关党建工作通过ISO9000质量管理体系认证",
     "date": "2021-03-01", "body": "按照ＩＳＯ９０００标准梳理党建工作流程。"},
    {"type": "notice", "slug": "rel-e-branch", "title": "用好e支部和QQ群开展线上组织生活",
     "date": "2021-04-01", "body": "各党支部通过e支部发布学习资料，通过qq群交流心得。"},
    {"type": "notice", "slug": "rel-group-duties", "title": "关于党小组组长年度述职的安排",
     "date": "2021-05-01", "body": "党小组组长围绕履职尽责、带头学习、联系党员等情况进行述职。"},
]


def seed_records():
    records = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        title = next(line for line in lines if line.startswith("关于") or "关于" in line[:12])
        records.append({"type": "notice", "slug": f"seed-{path.stem[:3]}", "title": title[:120],
                        "date": "2020-12-31", "body": text, "section": "rules"})
    return records


@pytest.fixture
def corpus(db):
    DemoLoader().run()
    for record in seed_records() + EXTRA:
        import_notice(record)
    resolver = AnonymousScopeResolver()
    docs = {}
    for model in (ArticlePage, BranchPage):
        for page in resolver.filter(model.objects.live()).specific():
            raw = RawDocument(page)
            docs[page.url] = (normalise(page.title), normalise(page.title + " " + raw.body_raw))
    return docs


def judged(query, docs):
    parts = normalise(query).split()
    relevant = {url for url, (_t, text) in docs.items() if all(p in text for p in parts)}
    titled = {url for url, (title, _x) in docs.items() if all(p in title for p in parts)}
    return relevant, titled


def test_relevance(search_backend, corpus, capsys):
    if not SEEDS.exists():
        pytest.skip(f"seed notices not found at {SEEDS}")
    engine = get_engine()
    request = RequestFactory().get("/")
    resolver = AnonymousScopeResolver()
    recalls, reciprocal_ranks, failures, lines = [], [], [], []
    for query in QUERIES:
        relevant, titled = judged(query, corpus)
        if not relevant:  # nothing an anonymous visitor may see contains it
            lines.append(f"{query:<16} (no visible relevant document; not scored)")
            continue
        # As the search page and API rank: exact matches first, then synonym-only ones.
        outcome, _pairs = synonym_search.search(engine, SearchParams(query=query), resolver,
                                               request)
        ranked = [hit.url for hit in outcome.hits]
        hits = [url for url in ranked[:10] if url in relevant]
        recall = len(hits) / min(10, len(relevant))
        first = next((i for i, url in enumerate(ranked, 1) if url in relevant), None)
        recalls.append(recall)
        reciprocal_ranks.append(1 / first if first else 0.0)
        lines.append(f"{query:<16} relevant={len(relevant):>3} found={outcome.count:>3} "
                     f"recall@10={recall:.2f} first={first}")
        if len(titled) == 1 and (not ranked or ranked[0] not in titled):
            failures.append(f"{query}: single target {titled} ranked {ranked[:3]}")
    recall_at_10 = sum(recalls) / len(recalls)
    mrr = sum(reciprocal_ranks) / len(reciprocal_ranks)
    with capsys.disabled():
        print("\n" + "\n".join(lines))
        print(f"[{search_backend}] relevance over {len(recalls)} judged queries, {len(corpus)} documents: "
              f"recall@10={recall_at_10:.3f} MRR={mrr:.3f}")
    assert len(recalls) >= 30
    assert not failures, failures
    assert recall_at_10 >= 0.95
