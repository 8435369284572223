"""Plugins extend the search through Plugin(search_providers=[...])."""

import pytest

from portal.plugins import Plugin, registry
from search.providers import SearchProvider, all_providers

# Every test runs on the database backend, then on Elasticsearch when a node is there.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]


@pytest.fixture
def section_plugin(search_backend):
    plugin = Plugin(label="search_test_plugin", name="栏目检索测试",
                    search_providers=[SearchProvider("section", "栏目", "pages.SectionPage",
                                                     date_field=None, order=90)])
    registry.register(plugin)
    if search_backend == "elasticsearch":  # a plugin installed on a running site: update_index
        from django.core.management import call_command

        call_command("update_index", backend_name="elasticsearch", verbosity=0)
    yield plugin
    registry._plugins.pop(plugin.label, None)


def test_plugin_provider_is_searched(site_tree, section_plugin, api):
    assert "section" in [p.key for p in all_providers()]
    data = api(q="通知公告", type="section")
    assert [r["title"] for r in data["results"]] == ["通知公告"]
    assert data["results"][0]["type"] == "section"


def test_plugin_without_providers_still_works():
    plugin = Plugin(label="legacy", name="旧插件")
    assert plugin.search_providers == []


def test_attachment_titles_are_searchable(site_tree, api):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.models import Document

    from pages.models import NoticeAttachment

    doc = Document.objects.create(title="file", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"))
    NoticeAttachment.objects.create(page=site_tree.public_notice, document=doc,
                                    title="观察评价表模板")
    site_tree.public_notice.save_revision().publish()
    assert api(q="观察评价表")["results"][0]["title"] == "关于试行三会一课观察员制度的通知"
