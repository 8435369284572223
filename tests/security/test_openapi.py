"""The OpenAPI description is served and names every JSON endpoint; the behaviours
`make test-api` (schemathesis) relies on hold without a live server too."""

import yaml
from django.urls import reverse

JSON_PATHS = {"/api/search/", "/api/search/suggest/", "/api/views/{page_id}/",
              "/integrity/latest.json", "/integrity/{publication_id}.json"}


def test_schema_is_served_and_lists_every_json_endpoint(client, db):
    response = client.get(reverse("openapi_schema"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    schema = yaml.safe_load(response.content.decode("utf-8"))
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == JSON_PATHS


def test_read_only_endpoints_answer_405_to_other_methods(client, db):
    for url in ("/api/search/", "/api/search/suggest/", "/integrity/latest.json"):
        assert client.post(url).status_code == 405
        assert client.generic("QUERY", url).status_code == 405


def test_publication_zero_is_not_the_latest(client, db):
    from integrity import anchors

    anchors.publish()
    assert client.get("/integrity/latest.json").status_code == 200
    assert client.get("/integrity/0.json").status_code == 404
    assert client.get("/integrity/0/").status_code == 404
