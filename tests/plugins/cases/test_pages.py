"""Page rules, the plugin registration, the demo loader and attachment scope."""

import pytest
from wagtail.test.utils import WagtailPageTestCase

from pages.models import HomePage, SectionPage
from plugins.cases.models import CaseAttachment, CaseLibraryPage, InnovationCasePage
from portal.plugins import registry


class CasePageRulesTest(WagtailPageTestCase):
    def test_parent_and_child_types(self):
        self.assertCanCreateAt(HomePage, CaseLibraryPage)
        self.assertCanCreateAt(CaseLibraryPage, InnovationCasePage)
        self.assertCanNotCreateAt(SectionPage, InnovationCasePage)
        self.assertCanNotCreateAt(HomePage, InnovationCasePage)
        self.assertAllowedSubpageTypes(CaseLibraryPage, {InnovationCasePage})


def test_plugin_is_registered():
    plugin = registry.get("cases")
    assert plugin is not None and plugin.name == "创新案例"
    assert [p.key for p in plugin.search_providers] == ["case"]
    from pages.importers import importer_for

    assert importer_for("case") is not None


@pytest.mark.django_db
def test_demo_loader_is_idempotent(site_tree):
    import io

    from plugins.cases.demo import load_demo

    for _ in range(2):
        load_demo(io.StringIO())
    cases = InnovationCasePage.objects.live()
    assert cases.count() >= 12
    assert cases.values("field").distinct().count() >= 6
    assert CaseLibraryPage.objects.count() == 1


@pytest.mark.django_db
def test_case_attachment_follows_case_scope(client, library, cases, site_tree):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from tests.factories import restrict_to_party

    document = Document.objects.create(title="附件", file=ContentFile(b"x", name="a.txt"))
    case = cases[0]
    CaseAttachment.objects.create(page=case, document=document, title="方案")
    assert "方案" in client.get(case.url).content.decode()
    restrict_to_party(case)
    response = client.get(document.url)
    assert response.status_code == 302 and "login" in response["Location"]
