"""Builds the demo site. Every step looks things up by slug first, so a rerun changes nothing."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site

from portal.models import FooterLink, PortalSettings
from portal.scope import ALL_MEMBERS_GROUP

from ..importers import apply_scope, publish
from ..models import (
    BranchCommitteeMember,
    BranchIndexPage,
    BranchPage,
    ExperienceCasePage,
    HomeHighlight,
    HomePage,
    HomeQuickLink,
    NoticePage,
    SectionPage,
)
from ..roles import ensure_groups, ensure_publication_workflow
from . import content, organisations

SECTIONS = [
    # slug, title, intro, disclosure note, order
    ("notices", "通知公告", "机关党委及各党支部发布的通知、公告和工作安排。",
     "事项形成或变更后20个工作日内公开", 1),
    ("rules", "制度建设", "机关党建工作制度、实施意见和工作规范。", "制度印发后及时公开", 2),
    ("work", "党建工作", "组织生活、主题党日、创先争优等党建工作动态。", "活动结束后10个工作日内公开", 3),
    ("experience", "经验交流", "各党支部加强自身建设、服务中心工作的经验做法。", "常态化公开", 4),
]


class DemoLoader:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.created = 0

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    @transaction.atomic
    def run(self):
        ensure_groups()
        home = self.home()
        ensure_publication_workflow(home)
        self.site_settings(home)
        orgs = self.organisations(home)
        self.rosters(orgs)
        sections = self.sections(home)
        self.notices(sections, orgs)
        self.cases(sections, orgs)
        self.home_extras(home, sections)
        if getattr(settings, "ENABLE_DEMO_ACCOUNTS", False):
            self.accounts(orgs)
        return home

    # -- tree ---------------------------------------------------------------------
    def home(self):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's placeholder welcome page goes; the portal home replaces it.
            for page in Page.objects.child_of(root).exclude(content_type__model="homepage"):
                if not isinstance(page.specific, HomePage):
                    page.delete()
            home = HomePage(
                title="临江市财政局党务公开网", slug="home",
                organisation_name="中共临江市财政局机关委员会",
                banner_title="推进党务公开　接受党员群众监督",
                banner_text="依据《中国共产党党务公开条例（试行）》，公开党的领导活动、党的建设工作和党组织自身建设情况。",
            )
            root.add_child(instance=home)
            publish(home)
            self.created += 1
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home,
                      "site_name": "临江市财政局党务公开网"},
        )
        return home

    def site_settings(self, home):
        site = Site.objects.get(is_default_site=True)
        settings_obj = PortalSettings.for_site(site)
        if not settings_obj.sponsor:
            settings_obj.sponsor = "中共临江市财政局机关委员会"
            settings_obj.organiser = "临江市财政局机关党委办公室"
            settings_obj.address = "临江市人民路88号"
            settings_obj.postcode = "310000"
            settings_obj.phone = "0571-8800 1201"
            settings_obj.email = "dangwei@czj.linjiang.example"
            settings_obj.icp_number = "浙ICP备00000000号-1"
            settings_obj.police_number = "浙公网安备 33010000000000号"
            settings_obj.site_code = "3301000001"
            settings_obj.index_prefix = "LJCZ-JGDW"
            settings_obj.save()
        if not settings_obj.footer_links.exists():
            for i, (title, url) in enumerate([
                ("共产党员网", "https://www.12371.cn/"),
                ("人民网", "http://www.people.com.cn/"),
                ("新华网", "http://www.news.cn/"),
                ("中国政府网", "https://www.gov.cn/"),
            ]):
                FooterLink.objects.create(setting=settings_obj, title=title, url=url, sort_order=i)

    def organisations(self, home):
        index = BranchIndexPage.objects.child_of(home).first()
        if index is None:
            index = BranchIndexPage(
                title="组织机构", slug="organisations", show_in_menus=True,
                intro="<p>局机关党委下设机关第一至第六党支部、国库支付中心党支部和局属事业单位联合党支部。</p>")
            home.add_child(instance=index)
            publish(index)
        orgs = {}
        data = organisations.COMMITTEE
        committee = self._branch(index, data)
        orgs[data["slug"]] = committee
        for data in organisations.BRANCHES:
            orgs[data["slug"]] = self._branch(committee, data)
        return orgs

    def rosters(self, orgs):
        from .roster import load_rosters

        branches = [orgs[data["slug"]] for data in organisations.BRANCHES]
        added = load_rosters(branches)
        if added:
            self.say(f"党员名册：已为{len(branches)}个党支部载入{added}名演示党员（姓名均为虚构）。")

    def _branch(self, parent, data):
        existing = BranchPage.objects.child_of(parent).filter(slug=data["slug"]).first()
        if existing:
            return existing
        org_type = data.get("org_type", "branch")
        intro = data.get("intro") or (
            f"{data['title']}由{data['units']}的党员组成，现有党员{data['member_count']}名，"
            f"设支部委员会，按期开展“三会一课”、主题党日等组织生活。")
        page = BranchPage(
            title=data["title"], slug=data["slug"], org_type=org_type,
            member_count=data["member_count"], unit_count=data.get("unit_count"),
            founded_date=data.get("founded_date", dt.date(2008, 7, 1)),
            term_start=data.get("term_start"), phone=data.get("phone", ""),
            address=data.get("address", ""), intro=intro,
        )
        for i, member in enumerate(data["committee"]):
            name, role = member[0], member[1]
            duty = member[2] if len(member) > 2 else ""
            page.committee.add(BranchCommitteeMember(name=name, role=role, duty=duty, sort_order=i))
        parent.add_child(instance=page)
        publish(page)
        self.created += 1
        return page

    def sections(self, home):
        sections = {}
        for slug, title, intro, note, order in SECTIONS:
            page = SectionPage.objects.child_of(home).filter(slug=slug).first()
            if page is None:
                page = SectionPage(title=title, slug=slug, intro=intro, disclosure_note=note,
                                   home_order=order, show_in_menus=True, show_on_home=True)
                home.add_child(instance=page)
                publish(page)
                self.created += 1
            sections[slug] = page
        return sections

    # -- content ---------------------------------------------------------------------
    def _scope(self, page, scope, orgs):
        kind, _, org = scope.partition(":")  # "public", "party" or "org:<slug>"
        apply_scope(page, {"scope": "organisation" if org else kind}, orgs.get(org))

    def notices(self, sections, orgs):
        for item in content.NOTICES:
            section = sections[item.get("section", "notices")]
            if NoticePage.objects.filter(slug=item["slug"]).exists():
                continue
            page = NoticePage(
                title=item["title"], slug=item["slug"], date=item["date"],
                written_date=item.get("written_date", item["date"]),
                category=item.get("category", "organisation"),
                issuing_authority=item.get("authority", "中共临江市财政局机关委员会"),
                document_number=item.get("number", ""), addressee=item.get("addressee", ""),
                source=item.get("source", "本网"), keywords=item.get("keywords", ""),
                validity=item.get("validity", "valid"), summary=item.get("summary", ""),
                body=content.body_blocks(item["body"]), signature=item.get("signature", ""),
                organisation=orgs.get(item.get("org")),
            )
            for tag in item.get("tags", []):
                page.tags.add(tag)
            section.add_child(instance=page)
            publish(page)
            self._scope(page, item.get("scope", "public"), orgs)
            self.created += 1

    def cases(self, sections, orgs):
        for item in content.CASES:
            if ExperienceCasePage.objects.filter(slug=item["slug"]).exists():
                continue
            page = ExperienceCasePage(
                title=item["title"], slug=item["slug"], date=item["date"],
                summary=item["summary"], organisation=orgs.get(item.get("org")),
                body=content.body_blocks(item["body"]),
            )
            for tag in item.get("tags", []):
                page.tags.add(tag)
            sections["experience"].add_child(instance=page)
            publish(page)
            self._scope(page, item.get("scope", "public"), orgs)
            self.created += 1

    def home_extras(self, home, sections):
        if home.highlights.exists():
            return
        for i, slug in enumerate(content.HIGHLIGHTS):
            page = NoticePage.objects.filter(slug=slug).first() or \
                ExperienceCasePage.objects.filter(slug=slug).first()
            if page:
                HomeHighlight.objects.create(home=home, page=page, sort_order=i)
        links = [("通知公告", sections["notices"], ""), ("制度建设", sections["rules"], ""),
                 ("经验交流", sections["experience"], ""), ("站内搜索", None, "/search/"),
                 ("党员登录", None, "/member/login/"), ("RSS订阅", None, "/feeds/notices/rss.xml")]
        for i, (title, page, url) in enumerate(links):
            HomeQuickLink.objects.create(home=home, title=title, link_page=page, link_url=url,
                                         sort_order=i)

    # -- people --------------------------------------------------------------------------
    def accounts(self, orgs):
        from roster.models import RosterEntry

        User = get_user_model()
        all_members = Group.objects.get(name=ALL_MEMBERS_GROUP)
        for username, (name, groups, branch_slug) in organisations.DEMO_USERS.items():
            user, created = User.objects.get_or_create(username=username, defaults={
                "first_name": name, "email": f"{username}@example.org"})
            if created:
                user.set_password(organisations.DEMO_PASSWORD)
                user.save()
            for group_name in groups:
                user.groups.add(Group.objects.get(name=group_name))
            if branch_slug:
                org = orgs[branch_slug]
                org.refresh_from_db()
                user.groups.add(org.members_group, all_members)
        for (branch_slug, member_name), username in organisations.COMMITTEE_ACCOUNTS.items():
            user = User.objects.get(username=username)
            BranchCommitteeMember.objects.filter(
                branch=orgs[branch_slug], name=member_name, user=None).update(user=user)
            # The committee member is on the branch's 党员名册 too: link the entry to the
            # account, as a 书记 would (roster.api reads linked accounts).
            RosterEntry.objects.filter(
                organisation=orgs[branch_slug], name=member_name, user=None).update(user=user)
