"""Hypothesis keeps its caches in a throw-away folder, not in the shared checkout."""

import tempfile

from hypothesis.configuration import set_hypothesis_home_dir

set_hypothesis_home_dir(tempfile.mkdtemp(prefix="portal-hypothesis-"))
