"""gunicorn settings for benchmarks: each worker imports the URLconf when it starts.

Django imports the URLconf (and with it the admin, Wagtail's hooks and every plugin's
views) on a worker's first request, about a second of CPU; a benchmark of a running
server should not time that once per worker. `-c python:tests.benchmarks.gunicorn_warm`.
"""


def post_worker_init(worker):
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 -- imports the URLconf
