"""The site search's view of this plugin: cases are one more page type ("case")."""


def search_providers():
    from django.apps import apps

    if not apps.is_installed("search"):
        return []
    from search.providers import SearchProvider

    return [SearchProvider("case", "创新案例", "cases.InnovationCasePage",
                           organisation_field="organisation", has_tags=True, order=25)]
