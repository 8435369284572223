"""The site search's view of this plugin: cases are one more page type ("case")."""

# The provider keywords (Elasticsearch document field `facets`) of 领域 and 创新类型.
FIELD_KEY, TYPE_KEY = "case_field", "case_type"


def search_providers():
    from search.providers import SearchProvider

    return [SearchProvider("case", "创新案例", "cases.InnovationCasePage",
                           organisation_field="organisation", has_tags=True, order=25,
                           keywords=case_keywords)]


def case_keywords(case):
    """领域 and 创新类型 as keywords of the index document, for the library's facets."""
    return {FIELD_KEY: case.field, TYPE_KEY: case.innovation_type}
