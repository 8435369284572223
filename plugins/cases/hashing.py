"""Content fingerprints, so the same article imported twice is recognised."""

import hashlib

from search.analysis import normalise


def content_hash(title, body):
    """SHA-256 of the normalised title and body: punctuation, spacing and width do not count."""
    text = normalise(title) + "\n" + normalise(body)
    return hashlib.sha256(text.replace(" ", "").encode("utf-8")).hexdigest()
