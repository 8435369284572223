"""Search fixtures: the shared site tree, indexed, plus readers of every scope."""

import pytest


@pytest.fixture
def api(client):
    def get(path="/api/search/", **params):
        response = client.get(path, params)
        assert response.status_code == 200, response.content[:500]
        return response.json()
    return get
