"""Key terms of a case, by the search app's jieba analysis (domain dictionary included).

A case's terms are the words of two or more characters that occur most in it,
title words counting three times; they are stored as CaseTerm rows when the
case is published and drive 相关案例 on the database backend.
"""

from collections import Counter

from django.utils.html import strip_tags

from search.analysis import normalise
from search.analysis.normalise import is_cjk
from search.analysis.segmenter import cut

MAX_TERMS = 25
TITLE_WEIGHT = 3
STOP_WORDS = frozenset(
    "我们 他们 一个 一些 通过 进行 开展 工作 加强 推进 落实 坚持 结合 围绕 不断 进一步 "
    "积极 有效 实现 提高 提升 增强 形成 建立 做到 确保 以及 同时 其中 没有 已经 可以 "
    "主要 情况 问题 方面 作用 过程 相关 各类 每月 每年 一是 二是 三是 四是 这个 这些 "
    "单位 党员 支部 组织".split())


def case_text(case):
    practice = " ".join(strip_tags(str(text)) for text in
                        case.practice.stream_block.get_searchable_content(case.practice))
    return " ".join([case.summary, case.background, practice, case.results, case.lessons,
                     case.organisation_name, case.region])


def _words(text):
    for chunk in normalise(text).split():
        if not any(is_cjk(c) for c in chunk):
            continue
        for word in cut(chunk):
            if len(word) >= 2 and all(is_cjk(c) for c in word) and word not in STOP_WORDS:
                yield word[:60]


def key_terms(case, limit=MAX_TERMS):
    """[(term, weight)] for the case, heaviest first."""
    counts = Counter(_words(case_text(case)))
    for word in _words(case.title):
        counts[word] += TITLE_WEIGHT
    return [(term, min(n, 30)) for term, n in counts.most_common(limit)]


def store_terms(case):
    from .models import CaseTerm

    CaseTerm.objects.filter(case=case).delete()
    CaseTerm.objects.bulk_create(
        [CaseTerm(case=case, term=term, weight=weight) for term, weight in key_terms(case)])
