"""Search backends: Chinese-aware database backends for Wagtail, and Elasticsearch."""
