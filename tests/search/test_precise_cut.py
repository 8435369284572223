"""PreciseCutter gives exactly jieba's precise-mode words (HMM on), word for word."""

from pathlib import Path

from search.analysis.precise import PreciseCutter
from search.analysis.segmenter import cut, get_cutter, get_tokenizer, search_words
from tests.benchmarks.bench_search import make_doc

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"

EDGE_CASES = [
    "", " ", "党", "三会一课", "ISO9000质量管理体系", "e支部和QQ群", "2020年12月31日",
    "王建国同志和李晓梅同志当选为支部委员",  # names: jieba's HMM finds them
    "观察员制度\r\n第二条　观察员由党员担任。", "a-b_c.d%e+f#g&h", "……“创先争优”（试行）",
    "ＩＳＯ９０００ｅ支部", "的的的的的的的", "𠀀𠀁汉字扩展", "鼎发公司党支部召开支委会",
]


def _texts():
    texts = list(EDGE_CASES)
    for path in sorted((ROOT / "pages" / "demo").glob("*.py")):
        texts.append(path.read_text(encoding="utf-8"))
    for path in sorted(SEEDS.glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    for i in range(60):
        texts.extend(make_doc(i))
    return texts


def test_same_words_as_jieba():
    tokenizer = get_tokenizer()
    cutter = get_cutter()
    texts = _texts()
    assert len(texts) > 100
    for text in texts:
        assert list(cutter.cut(text)) == list(tokenizer.cut(text, HMM=True)), text[:40]


def test_query_cut_and_index_words_follow_jieba():
    tokenizer = get_tokenizer()
    text = "关于开展三会一课观察员制度试点和党小组履职评议的通知"
    assert cut(text) == tokenizer.lcut(text, HMM=True)
    expected = [w for w in tokenizer.cut(text, HMM=True) if len(w) >= 3]
    assert [w for w in search_words(text) if w in expected] == expected


def test_scores_follow_a_changed_dictionary():
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    cutter = PreciseCutter(tokenizer)
    text = "鼎发公司开展灯下黑专项整治和机关党建质量提升行动"
    assert list(cutter.cut(text)) == list(tokenizer.cut(text))
    tokenizer.add_word("灯下黑专项整治")  # changes the total, so every score
    tokenizer.add_word("质量提升行动", freq=5)
    words = list(cutter.cut(text))
    assert words == list(tokenizer.cut(text))
    assert "灯下黑专项整治" in words
