import pytest

from tests.frontcache import recording


@pytest.fixture
def purged(settings):
    """WAGTAILFRONTENDCACHE pointing at a recording backend; yields the purged paths."""
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "tests.frontcache.recording.RecordingBackend"},
    }
    recording.PURGED.clear()

    class Purged:
        def paths(self):
            return {url.removeprefix("http://localhost") for url in recording.PURGED}

        def clear(self):
            recording.PURGED.clear()

    yield Purged()
    recording.PURGED.clear()
