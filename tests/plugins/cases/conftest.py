"""Fixtures for the case plugin: a library under the shared site tree and a case builder."""

import datetime

import pytest

from tests.plugin_marks import skip_unless_plugin

skip_unless_plugin("cases")  # the whole directory, when the plugin is switched off

from pages.importers import body_blocks  # noqa: E402
from plugins.cases.models import CaseLibraryPage, CaseTopic, InnovationCasePage  # noqa: E402


def publish(page):
    page.save_revision(log_action=False).publish(log_action=False)
    page.refresh_from_db()
    return page


def make_case(library, slug, title=None, *, field="organ", innovation_type="method",
              date=datetime.date(2025, 5, 1), tags=(), text="", organisation=None,
              recommendation=1):
    case = InnovationCasePage(
        title=title or f"案例{slug}", slug=slug, date=date, field=field,
        innovation_type=innovation_type, organisation=organisation,
        organisation_name="" if organisation else "某单位党支部", region="临江市",
        summary=text[:100], background=text, practice=body_blocks(text),
        results="成效明显。", lessons="值得借鉴。", recommendation=recommendation)
    library.add_child(instance=case)
    case.tags.set(list(tags))
    return publish(case)


@pytest.fixture
def library(site_tree):
    page = CaseLibraryPage(title="创新案例库", slug="case-lib", intro="案例库简介")
    site_tree.home.add_child(instance=page)
    CaseTopic.objects.create(library=page, title="三会一课专题", slug="sanhui",
                             tag_names="三会一课、组织生活")
    return publish(page)


@pytest.fixture
def cases(library):
    """Six public cases over three fields, two types, two years and a few tags."""
    return [
        make_case(library, "c1", "社区网格党员联户", field="community", innovation_type="mechanism",
                  date=datetime.date(2025, 3, 1), tags=["网格化", "服务群众"],
                  text="社区把党员编入网格，党员联户，网格化治理，收集居民诉求。"),
        make_case(library, "c2", "街道网格化治理中的党员作用", field="community",
                  innovation_type="mechanism", date=datetime.date(2026, 3, 1),
                  tags=["网格化", "服务群众"],
                  text="街道党工委推行网格化治理，党员联户走访，居民诉求及时办结。"),
        make_case(library, "c3", "机关支部观察员打分", field="organ", innovation_type="method",
                  date=datetime.date(2026, 4, 1), tags=["三会一课", "观察员制度"],
                  text="观察员列席三会一课，按组织领导、活动质量、活动效果打分。"),
        make_case(library, "c4", "机关党小组建在业务链上", field="organ", innovation_type="method",
                  date=datetime.date(2025, 6, 1), tags=["党小组"],
                  text="按业务链设置党小组，党小组会与业务例会衔接。"),
        make_case(library, "c5", "村级党员积分制", field="rural", innovation_type="mechanism",
                  date=datetime.date(2025, 8, 1), tags=["积分管理", "组织生活"],
                  text="村党总支实行党员积分制管理，积分结果用于民主评议。"),
        make_case(library, "c6", "机关组织生活问题清单", field="organ", innovation_type="method",
                  date=datetime.date(2026, 1, 1), tags=["三会一课"],
                  text="梳理组织生活走过场的问题清单，三会一课分类施策。"),
    ]
