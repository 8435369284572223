"""A real cluster: three local nodes, the index with one replica; a node stops while
searches run, and no search fails.

Runs when Elasticsearch tests run (ELASTICSEARCH_URL set, as `make test` and CI do once a
node is up) and java and mvn are there: it starts its own three nodes with
scripts/elasticsearch.sh on ports 9211-9213 and stops them afterwards.
"""

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.test import RequestFactory
from wagtail.search.backends import get_search_backend

from portal.scope import AnonymousScopeResolver
from search.engines.base import SearchParams

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "elasticsearch.sh"
NODES = [("cluster-test-1", 9211, 9311), ("cluster-test-2", 9212, 9312),
         ("cluster-test-3", 9213, 9313)]

pytestmark = [
    pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"),
                       reason="ELASTICSEARCH_URL is not set: the Elasticsearch cluster test "
                              "runs with the other Elasticsearch tests (make elasticsearch)"),
    pytest.mark.skipif(not (shutil.which("java") and shutil.which("mvn")),
                       reason="java and mvn are needed to start the cluster's nodes"),
]


def node_env(name, http, transport):
    return {**os.environ, "ES_NAME": name, "ES_HTTP_PORT": str(http),
            "ES_TRANSPORT_PORT": str(transport), "ES_CLUSTER": "portal-cluster-test",
            "ES_SEED_PORTS": ",".join(str(t) for _n, _h, t in NODES),
            "ES_MASTER_NODES": ",".join(n for n, _h, _t in NODES),
            "ES_HEAP": "384m", "ES_NO_WAIT": "1"}


def run(command, name, http, transport):
    subprocess.run(["bash", str(SCRIPT), command], env=node_env(name, http, transport),
                   check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def cluster():
    for name, _http, _transport in NODES:  # a new cluster every time
        shutil.rmtree(ROOT / "var" / "elasticsearch" / name, ignore_errors=True)
    try:
        for node in NODES:
            run("start", *node)
        env = node_env(*NODES[0])
        env["ES_WAIT_STATUS"] = "green"
        subprocess.run(["bash", str(SCRIPT), "wait"], env=env, check=True, timeout=300)
        yield [f"http://127.0.0.1:{http}" for _n, http, _t in NODES]
    finally:
        for node in NODES:
            run("stop", *node)


@pytest.mark.django_db
def test_searches_survive_a_node_stopping(cluster, site_tree, settings):
    from tests.conftest import elasticsearch_settings, index_everything

    for name, value in elasticsearch_settings(cluster[0], "cluster_").items():
        setattr(settings, name, value)
    # The client knows every node, as a production site would; one replica of each shard.
    settings.WAGTAILSEARCH_BACKENDS["elasticsearch"].update(URLS=cluster, REPLICAS=1, TIMEOUT=10)
    backend = get_search_backend("elasticsearch")
    backend.content_index.reset()
    index_everything(backend)
    backend.client.cluster.health(wait_for_status="green", timeout="60s")
    shards = backend.client.cat.shards(index=backend.index_name, format="json")
    assert {shard["prirep"] for shard in shards} == {"p", "r"}  # a primary and its replica

    from search.engines import get_engine

    engine, request = get_engine(), RequestFactory().get("/")
    stopper = threading.Thread(target=lambda: (time.sleep(1), run("stop", *NODES[2])))
    stopper.start()
    answered, deadline = 0, time.monotonic() + 120
    while stopper.is_alive() or answered < 20:
        outcome = engine.search(SearchParams(query="三会一课"), AnonymousScopeResolver(),
                                request)
        assert outcome.count == 1, "a search failed or lost its hit while a node stopped"
        answered += 1
        assert time.monotonic() < deadline
    stopper.join()
    nodes = backend.client.cat.nodes(format="json")
    assert len(nodes) == 2  # the search went on with a node gone
    backend.drop_all()
