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


def _schema():
    from django.conf import settings

    with open(settings.BASE_DIR / "portal" / "openapi.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_every_search_parameter_is_described_with_the_apis_own_limits():
    """The 高级检索 parameters and their limits come from the code that reads them, so the
    description cannot drift from what the API accepts."""
    from search.advanced import MAX_DOCNO, MAX_ISSUER, PARAMS, SCOPE_ORDER, VALIDITY

    schema = _schema()
    listed = {p["name"]: p["schema"] for p in schema["paths"]["/api/search/"]["get"]["parameters"]}
    assert set(listed) == {"q", "type", "section", "org", "year", "tag", "sort", "page", *PARAMS}
    assert listed["issuer"]["maxLength"] == MAX_ISSUER
    assert listed["docno"]["maxLength"] == MAX_DOCNO
    assert listed["validity"]["enum"] == ["", *VALIDITY]
    assert listed["scope"]["enum"] == ["", *SCOPE_ORDER]
    for name in ("written_from", "written_to", "date_from", "date_to"):
        assert listed[name] == {"$ref": "#/components/schemas/DateBound"}
    results = schema["components"]["schemas"]["SearchResults"]["properties"]
    assert results["also_searched"] == {"type": "array", "items": {"type": "string"},
                                        "description": results["also_searched"]["description"]}
    suggest = schema["paths"]["/api/search/suggest/"]["get"]["parameters"]
    assert [p["name"] for p in suggest] == ["q"] and "拼音" in suggest[0]["description"]
