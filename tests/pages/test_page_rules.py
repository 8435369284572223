"""Page-type creation rules, routing and admin creation (Wagtail's page test helpers)."""

import datetime

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from pages.models import (
    BranchIndexPage,
    BranchPage,
    ExperienceCasePage,
    HomePage,
    NoticePage,
    SectionPage,
)
from tests.conftest import build_site


def notice_form_data(**overrides):
    data = {
        "title": "关于召开党员大会的通知",
        "slug": "party-congress",
        "date": "2026-05-10",
        "written_date": "2026-05-08",
        "category": "organisation",
        "validity": "valid",
        "document_number": "财机党[2026]30号",
        "body": streamfield([
            ("paragraph", rich_text("<p>定于5月15日召开党员大会。</p>")),
        ]),
        "attachments": inline_formset([]),
        "tags": "",
    }
    data.update(overrides)
    return nested_form_data(data)


class PageRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()

    def setUp(self):
        self.login()

    def test_home_lives_under_root_only(self):
        from portal.plugins import registry

        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(SectionPage, HomePage)
        allowed = set(HomePage.allowed_subpage_models())
        core = {SectionPage, BranchIndexPage}
        self.assertTrue(core <= allowed)
        # Anything else under the home page comes from an enabled plugin.
        plugin_labels = {p.label for p in registry.enabled()}
        for model in allowed - core:
            self.assertIn(model._meta.app_label, plugin_labels)

    def test_sections_hold_articles_and_subsections(self):
        self.assertAllowedSubpageTypes(
            SectionPage, {NoticePage, ExperienceCasePage, SectionPage})
        self.assertAllowedParentPageTypes(NoticePage, {SectionPage})
        self.assertAllowedParentPageTypes(ExperienceCasePage, {SectionPage})

    def test_organisations_nest(self):
        self.assertAllowedSubpageTypes(BranchIndexPage, {BranchPage})
        self.assertAllowedSubpageTypes(BranchPage, {BranchPage})
        self.assertCanNotCreateAt(SectionPage, BranchPage)
        self.assertAllowedSubpageTypes(NoticePage, set())

    def test_pages_are_routable_and_renderable(self):
        for page in (self.tree.home, self.tree.notices, self.tree.public_notice,
                     self.tree.branch_index, self.tree.branch1):
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
        self.assertPageIsRoutable(self.tree.public_notice, "print/")
        self.assertPageIsRoutable(self.tree.home, "catalogue/")

    def test_notice_is_previewable(self):
        self.assertPageIsPreviewable(self.tree.public_notice, post_data=notice_form_data())

    def test_editor_can_create_a_notice_in_the_admin(self):
        self.assertCanCreate(self.tree.notices, NoticePage, notice_form_data())
        notice = NoticePage.objects.get(slug="party-congress")
        # Brackets typed as [ ] are normalised to the official 〔 〕.
        self.assertEqual(notice.document_number, "财机党〔2026〕30号")
        self.assertTrue(notice.index_number.endswith("/2026-00004"), notice.index_number)
        self.assertEqual(notice.date, datetime.date(2026, 5, 10))
