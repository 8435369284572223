"""jieba's precise-mode cut (HMM on), computed in one pass.

jieba finds the most probable segmentation in two passes: get_DAG lists, for
every position, the dictionary words that start there, and calc walks the
text backwards scoring every candidate with log(frequency) - log(total). Both
run in Python and are most of the cost of indexing a document.

PreciseCutter gives exactly the words `Tokenizer.cut(text, HMM=True)` gives
(tests/search/test_precise_cut.py compares them on the demo site, the seeds
and generated text), but scores each candidate while scanning for it, right
to left, so there is no DAG to build, and keeps each word's log-probability
once it has been computed instead of taking a logarithm per candidate. Runs of
single characters go to jieba's own HMM (finalseg), as in jieba.

The same tie rule as jieba's max() over (score, end) pairs: on equal scores the
longer word wins.
"""

from math import log

from jieba import finalseg, re_han_default, re_skip_default


class _LogProbabilities(dict):
    """word -> log(frequency or 1) - log(total), filled on first use."""

    def __init__(self, freq, total):
        super().__init__()
        self.freq = freq
        self.total = total
        self.logtotal = log(total)

    def __missing__(self, word):
        value = log(self.freq.get(word) or 1) - self.logtotal
        self[word] = value
        return value


class PreciseCutter:
    def __init__(self, tokenizer):
        tokenizer.check_initialized()
        self.tokenizer = tokenizer
        self._logp = None

    def _probabilities(self):
        tokenizer = self.tokenizer
        logp = self._logp
        # add_word changes the total, and with it every score: start again then.
        if logp is None or logp.freq is not tokenizer.FREQ or logp.total != tokenizer.total:
            logp = self._logp = _LogProbabilities(tokenizer.FREQ, tokenizer.total)
        return logp

    def _ends(self, sentence):
        """For each position, the end (inclusive) of the best word starting there."""
        freq = self.tokenizer.FREQ
        logp = self._probabilities()
        size = len(sentence)
        score = [0.0] * (size + 1)
        ends = [0] * size
        for start in range(size - 1, -1, -1):
            best = None
            end = start
            stop = start
            frag = sentence[start]
            while True:
                count = freq.get(frag)
                if count is None:
                    break
                if count:
                    candidate = logp[frag] + score[stop + 1]
                    if best is None or candidate >= best:
                        best, end = candidate, stop
                stop += 1
                if stop >= size:
                    break
                frag = sentence[start:stop + 1]
            if best is None:  # no dictionary word starts here: the character alone
                best = logp[sentence[start]] + score[start + 1]
            score[start] = best
            ends[start] = end
        return ends

    def _cut_block(self, sentence):
        freq = self.tokenizer.FREQ
        ends = self._ends(sentence)
        size = len(sentence)
        x = 0
        buf = ""
        while x < size:
            y = ends[x] + 1
            if y - x == 1:
                buf += sentence[x]
            else:
                if buf:
                    yield from self._flush(buf, freq)
                    buf = ""
                yield sentence[x:y]
            x = y
        if buf:
            yield from self._flush(buf, freq)

    @staticmethod
    def _flush(buf, freq):
        if len(buf) == 1:
            yield buf
        elif not freq.get(buf):
            yield from finalseg.cut(buf)
        else:
            yield from buf

    def cut(self, sentence):
        for block in re_han_default.split(sentence):
            if not block:
                continue
            if re_han_default.match(block):
                yield from self._cut_block(block)
            else:
                for piece in re_skip_default.split(block):
                    if re_skip_default.match(piece):
                        yield piece
                    else:
                        yield from piece

    def blocks(self, sentence):
        """Words of the segmentable blocks only (what a caller that skips spaces and
        punctuation needs), without splitting the rest into characters."""
        for match in re_han_default.finditer(sentence):
            yield from self._cut_block(match.group(0))
