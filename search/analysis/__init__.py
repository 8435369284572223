"""Chinese text analysis for search: normalisation, jieba segmentation, query trees."""

from .normalise import normalise
from .query import (
    MAX_QUERY_LENGTH,
    All,
    Any,
    Expanded,
    Seq,
    analyse_query,
    needles,
    surface_words,
)
from .tokens import index_text, index_tokens

__all__ = [
    "MAX_QUERY_LENGTH", "All", "Any", "Expanded", "Seq", "analyse_query", "index_text", "index_tokens",
    "needles", "normalise", "surface_words",
]
