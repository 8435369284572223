"""Search quality by kind of query: judged queries over a small corpus of 党建 notices.

Kinds the plain relevance suite (tests/search/test_relevance.py) does not cover:
phrases with function characters (抓在日常), Traditional characters (黨務公開),
synonyms and variants (交纳党费 → 缴纳党费) and pinyin suggestions (dwgk). Each query
names the notices that answer it; recall@10 and MRR are computed per kind through the
public engine (pinyin: through the suggestion channel, as the search box asks).

Used by tests/search/test_quality_kinds.py (on every backend) and by
`manage.py search_quality`, which writes the table into docs/search.md.
"""

import datetime
from dataclasses import dataclass

KINDS = {
    "phrase": "含虚词的短语",
    "traditional": "繁体",
    "synonym": "同义词与变体",
    "pinyin": "拼音联想",
}

CORPUS = [
    ("q-daily", "把作风建设抓在日常严在经常", "各党支部要把作风建设抓在日常、严在经常，常态化开展提醒谈话。"),
    ("q-glued", "抓日常考勤管理的通知", "机关各处室抓日常考勤，严格请销假制度。"),
    ("q-org-building", "加强基层组织的建设的意见", "围绕基层组织的建设，推进支部标准化规范化。"),
    ("q-org-std", "推进基层组织建设标准化", "对照基层组织建设标准逐项整改。"),
    ("q-study-first", "党员干部学习在前落实在后", "党员干部要学习在前、落实在后，带头学习第一议题。"),
    ("q-party-and-masses", "密切党员和群众的联系", "组织党员和群众结对，开展志愿服务。"),
    ("q-trad-open", "關於深化黨務公開工作的通知", "各黨支部要按照黨務公開目錄，及時公開黨費收繳情況。"),
    ("q-trad-meeting", "嚴格落實三會一課制度", "支部黨員大會、支委會、黨小組會和黨課按時召開。"),
    ("q-simp-open", "党务公开工作情况通报", "各党支部按照党务公开目录公开党费收缴情况。"),
    ("q-fee-a", "关于按时交纳党费的通知", "请全体党员按月交纳党费。"),
    ("q-fee-b", "党员缴纳党费标准说明", "缴纳党费的基数按照工资收入确定。"),
    ("q-review-a", "召开民主评议会的安排", "各支部于月底前召开民主评议会。"),
    ("q-review-b", "开展民主评议的工作方案", "民主评议采取个人自评、党员互评的方式。"),
    ("q-develop-a", "党员发展工作流程", "严格按照党员发展程序吸收新党员。"),
    ("q-develop-b", "做好发展党员工作", "发展党员要坚持标准、保证质量。"),
    ("q-day-a", "五月主题党日方案", "本月主题党日方案如下。"),
    ("q-day-b", "主题党日活动纪实", "第一党支部开展主题党日活动。"),
    ("q-talk", "支部书记谈心谈话记录", "支部书记与每名党员开展谈心谈话。"),
]


@dataclass(frozen=True)
class Judged:
    kind: str
    query: str
    relevant: tuple  # slugs


QUERIES = [
    Judged("phrase", "抓在日常", ("q-daily",)),
    Judged("phrase", "基层组织的建设", ("q-org-building",)),
    Judged("phrase", "学习在前", ("q-study-first",)),
    Judged("phrase", "党员和群众", ("q-party-and-masses",)),
    Judged("phrase", "严在经常", ("q-daily",)),
    Judged("traditional", "黨務公開", ("q-trad-open", "q-simp-open")),
    Judged("traditional", "党务公开", ("q-trad-open", "q-simp-open")),
    Judged("traditional", "三會一課", ("q-trad-meeting",)),
    Judged("traditional", "黨費收繳", ("q-trad-open", "q-simp-open")),
    Judged("traditional", "支委會", ("q-trad-meeting",)),
    Judged("synonym", "交纳党费", ("q-fee-a", "q-fee-b")),
    Judged("synonym", "缴纳党费", ("q-fee-a", "q-fee-b")),
    Judged("synonym", "民主评议会", ("q-review-a", "q-review-b")),
    Judged("synonym", "发展党员", ("q-develop-a", "q-develop-b")),
    Judged("synonym", "主题党日方案", ("q-day-a", "q-day-b")),
    Judged("synonym", "谈话谈心", ("q-talk",)),
    Judged("pinyin", "dwgk", ("q-trad-open", "q-simp-open")),
    Judged("pinyin", "dangwugongkai", ("q-trad-open", "q-simp-open")),
    Judged("pinyin", "shyk", ("q-trad-meeting",)),
    Judged("pinyin", "sanhui", ("q-trad-meeting",)),
    Judged("pinyin", "mzpyh", ("q-review-a",)),
    Judged("pinyin", "txth", ("q-talk",)),
]


def build_corpus(parent):
    """The corpus's notices under `parent` (a 栏目), public and live: {slug: page}."""
    from wagtail.rich_text import RichText

    from pages.models import NoticePage

    pages = {}
    for n, (slug, title, text) in enumerate(CORPUS):
        page = NoticePage(title=title, slug=slug, date=datetime.date(2025, 1, 1 + n), summary="",
                          body=[("paragraph", RichText(f"<p>{text}</p>"))])
        parent.add_child(instance=page)
        page.save_revision().publish()
        pages[slug] = NoticePage.objects.get(pk=page.pk)
    return pages


def evaluate(pages, engine=None):
    """{kind: (recall@10, MRR, [(query, recall, first rank)])} for the public."""
    from django.test import RequestFactory

    from portal.scope import AnonymousScopeResolver

    from .engines import get_engine
    from .engines import synonyms as synonym_search
    from .engines.base import SearchParams
    from .pinyin import suggest as pinyin_suggest

    engine = engine or get_engine()
    request = RequestFactory().get("/")
    resolver = AnonymousScopeResolver()
    urls = {slug: page.url for slug, page in pages.items()}
    scores = {}
    for judged in QUERIES:
        relevant = {urls[slug] for slug in judged.relevant}
        if judged.kind == "pinyin":
            ranked = [s["url"] for s in pinyin_suggest(engine, judged.query, resolver, request,
                                                       limit=10)]
        else:
            outcome, _pairs = synonym_search.search(engine, SearchParams(query=judged.query),
                                                    resolver, request)
            ranked = [hit.url for hit in outcome.hits]
        found = [url for url in ranked[:10] if url in relevant]
        recall = len(found) / min(10, len(relevant))
        first = next((i for i, url in enumerate(ranked, 1) if url in relevant), None)
        scores.setdefault(judged.kind, []).append((judged.query, recall, first))
    return {kind: (sum(r for _q, r, _f in rows) / len(rows),
                   sum(1 / f if f else 0.0 for _q, _r, f in rows) / len(rows), rows)
            for kind, rows in scores.items()}


def table(results_by_backend):
    """Markdown: one row per kind, recall@10 / MRR per backend."""
    backends = list(results_by_backend)
    lines = ["| 类型 (kind) | queries | " + " | ".join(f"{b} recall@10 / MRR" for b in backends)
             + " |", "|---|---|" + "---|" * len(backends)]
    for kind, label in KINDS.items():
        cells = []
        count = 0
        for backend in backends:
            recall, mrr, rows = results_by_backend[backend][kind]
            count = len(rows)
            cells.append(f"{recall:.2f} / {mrr:.2f}")
        lines.append(f"| {label} ({kind}) | {count} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
