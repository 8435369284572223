"""The jieba tokenizer with the party-affairs dictionary, loaded once per process.

jieba's global tokenizer initialises itself on first use and is shared by the
whole process; ours is a private jieba.Tokenizer so the domain dictionary never
leaks into other users of jieba. Initialisation (about a second) happens on the
first call from any thread, under a lock, and never again.
"""

import logging
import threading
from pathlib import Path

DICTIONARY = Path(__file__).resolve().parent.parent / "dictionary" / "party_terms.txt"

_lock = threading.Lock()
_tokenizer = None
_cutter = None


def _load():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for term in domain_terms():
        tokenizer.add_word(term)
    return tokenizer


def domain_terms():
    terms = []
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            terms.append(line.split()[0])
    return terms


def get_tokenizer():
    """The process-wide tokenizer; built lazily, thread-safe."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = _load()
    return _tokenizer


def get_cutter():
    """The process-wide PreciseCutter over that tokenizer (jieba's precise cut, faster)."""
    global _cutter
    if _cutter is None:
        from .precise import PreciseCutter

        tokenizer = get_tokenizer()
        with _lock:
            if _cutter is None:
                _cutter = PreciseCutter(tokenizer)
    return _cutter


def cut_for_search(text):
    """jieba's own search-mode segmentation (long words plus their dictionary sub-words).
    Not used by the indexer; the benchmark's reference for raw jieba speed."""
    return get_tokenizer().cut_for_search(text, HMM=True)


def search_words(text, min_length=3):
    """The words of cut_for_search(text) that have at least `min_length` (>= 3) characters,
    in the same order, without the two-character dictionary probes cut_for_search makes
    for words we would drop anyway."""
    cutter = get_cutter()
    freq = cutter.tokenizer.FREQ
    found = []
    for word in cutter.blocks(text):
        size = len(word)
        if size < min_length:
            continue
        if size > 3:
            for i in range(size - 2):
                gram3 = word[i:i + 3]
                if freq.get(gram3) and len(gram3) >= min_length:
                    found.append(gram3)
        found.append(word)
    return found


def cut(text):
    """Precise-mode segmentation (as jieba's lcut(text, HMM=True)), used for queries."""
    return list(get_cutter().cut(text))
