"""Chinese analysis: normalisation, index tokens, query trees, the domain dictionary."""

import threading

from search.analysis import analyse_query, index_tokens, normalise, segmenter, surface_words
from search.analysis.query import All, Any, Seq


def test_normalise_folds_width_case_and_punctuation():
    assert normalise("ＩＳＯ９０００") == "iso9000"
    assert normalise("“三会一课”（试行）") == "三会一课 试行"
    assert normalise('a"b*c-d(e)f:g') == "a b c d e f g"


def test_index_tokens_hold_bigrams_last_character_and_dictionary_words():
    tokens = index_tokens("三会一课观察员制度")
    for token in ("三会", "会一", "一课", "观察", "察员", "制度", "度"):
        assert token in tokens
    assert "三会一课" in tokens and "观察员" in tokens  # from the domain dictionary
    assert "iso9000" in index_tokens("通过ＩＳＯ9000认证")


def test_domain_dictionary_has_at_least_300_terms_and_loads_once():
    terms = segmenter.domain_terms()
    assert len(terms) >= 300
    assert len(set(terms)) == len(terms)
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(segmenter.get_tokenizer()))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(t) for t in seen}) == 1
    assert segmenter.get_tokenizer() is seen[0]


def test_dictionary_terms_survive_segmentation():
    assert surface_words("三会一课观察员制度") == ["三会一课", "观察员制度"]
    assert surface_words("党小组履职") == ["党小组", "履职"]


def test_query_trees():
    assert analyse_query("承诺") == Seq(("承诺",), False, "承诺")
    one = analyse_query("党")
    assert one.tokens == ("党",) and one.prefix
    year = analyse_query("2020年")
    assert isinstance(year, Any) and Seq(("2020", "年"), True, "2020年") in year.items
    both = analyse_query("党小组 履职")
    assert isinstance(both, All) and len(both.items) == 2
    assert isinstance(analyse_query("党小组 履职", operator="or"), Any)


def test_operator_characters_and_words_are_not_syntax():
    tree = analyse_query('"三会一课" AND (观察员) -x* NEAR:y')
    words = surface_words('"三会一课" AND (观察员) -x* NEAR:y')
    assert "and" not in words and "near" not in words
    assert tree is not None
    assert analyse_query('"*()-:') is None
    assert analyse_query("") is None


def test_long_input_is_cut():
    assert len("".join(surface_words("党" * 100_000))) <= 100
