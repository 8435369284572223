"""Party organisations (党组织): the index/tree page and one profile page per organisation."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import BodyStreamBlock
from ..org_rules import default_term_years, organisation_warnings
from ..panels import OrganisationWarningsPanel
from .querysets import PortalPageManager

ORG_TYPE_CHOICES = [
    ("committee", "党委"),
    ("general", "党总支"),
    ("branch", "党支部"),
    ("joint", "联合党支部"),
    ("temporary", "临时党支部"),
]

ROLE_CHOICES = [
    ("secretary", "书记"),
    ("deputy", "副书记"),
    ("organisation", "组织委员"),
    ("publicity", "宣传委员"),
    ("discipline", "纪检委员"),
    ("member", "委员"),
]


class BranchIndexPage(Page):
    objects = PortalPageManager()

    intro = RichTextField("简介", blank=True, features=["bold", "link"])

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.BranchPage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "党组织目录"

    def get_context(self, request, *args, **kwargs):
        from portal.scope import resolver_for

        context = super().get_context(request, *args, **kwargs)
        branches = resolver_for(request).filter(
            BranchPage.objects.live().descendant_of(self).order_by("path")
        ).prefetch_related("committee")
        branches = list(branches)
        from roster.api import counts_by_organisation

        totals = counts_by_organisation(branches)  # one query for the whole tree
        for branch in branches:
            branch.members_total = totals[branch.pk]
        context["tree"] = build_tree(branches, self.depth + 1)
        return context


@dataclass
class TreeNode:
    page: object
    children: list


def build_tree(pages, top_depth):
    """Nest pages (ordered by path) into TreeNodes, skipping orphans of hidden parents."""
    roots, stack = [], []
    for page in pages:
        node = TreeNode(page, [])
        while stack and not page.path.startswith(stack[-1].page.path):
            stack.pop()
        if stack:
            stack[-1].children.append(node)
        elif page.depth == top_depth:
            roots.append(node)
        else:
            continue
        stack.append(node)
    return roots


class BranchPage(Page):
    objects = PortalPageManager()

    org_type = models.CharField("组织类型", max_length=20, choices=ORG_TYPE_CHOICES,
                                default="branch")
    member_count = models.PositiveIntegerField(
        "党员人数", default=0,
        error_messages={"min_value": "党员人数不能为负数。"},
    )
    unit_count = models.PositiveSmallIntegerField(
        "联合单位数", null=True, blank=True, help_text="仅联合党支部填写：联合组建的单位数量"
    )
    founded_date = models.DateField("成立日期", null=True, blank=True)
    term_start = models.DateField("本届任期开始", null=True, blank=True)
    term_years = models.PositiveSmallIntegerField(
        "任期（年）", null=True, blank=True,
        help_text="留空按组织类型默认：党委5年，党总支、党支部3年。",
    )
    phone = models.CharField("联系电话", max_length=50, blank=True)
    address = models.CharField("办公地点", max_length=200, blank=True)
    intro = models.TextField("简介", blank=True, max_length=1000)
    body = StreamField(BodyStreamBlock(), verbose_name="详细介绍", blank=True)
    members_group = models.OneToOneField(
        Group, verbose_name="党员用户组", null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="organisation",
    )

    parent_page_types = ["pages.BranchIndexPage", "pages.BranchPage"]
    subpage_types = ["pages.BranchPage"]
    type_label = "党组织"

    content_panels = Page.content_panels + [
        OrganisationWarningsPanel(heading="组织设置提示"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("org_type"), FieldPanel("member_count")]),
                FieldPanel("unit_count"),
                FieldRowPanel([FieldPanel("founded_date"), FieldPanel("term_start"),
                               FieldPanel("term_years")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("address")]),
            ],
            heading="组织信息",
        ),
        InlinePanel("committee", label="书记和委员"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("org_type"),
        index.RelatedFields("committee", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = "党组织"
        verbose_name_plural = "党组织"

    def get_context(self, request, *args, **kwargs):
        from portal.scope import resolver_for

        context = super().get_context(request, *args, **kwargs)
        resolver = resolver_for(request)
        context["calendar_url"] = self.calendar_url()
        context["children"] = resolver.filter(
            BranchPage.objects.live().child_of(self).order_by("path"))
        return context

    def calendar_url(self):
        """The organisation's public iCalendar feed, when a plugin provides events."""
        from django.urls import reverse

        from portal.plugins import registry

        if not registry.provides_calendar():
            return ""
        return reverse("calendars:organisation", args=[self.pk])

    # -- what a search hit shows (search/excerpts.py): no committee list, no date ------
    def search_excerpt(self):
        from search.excerpts import stream_text

        return " ".join(part for part in (self.intro, stream_text(self.body)) if part)

    def search_meta(self):
        return [self.get_org_type_display(),
                f"党员{self.member_count}名" if self.member_count else ""]

    # -- rules ------------------------------------------------------------------
    def clean(self):
        super().clean()
        errors = {}
        if self.term_start and self.founded_date and self.term_start < self.founded_date:
            errors["term_start"] = "本届任期开始日期不能早于成立日期。"
        if self.term_start and self.term_start > timezone.localdate():
            errors["term_start"] = "本届任期开始日期不能晚于今天。"
        if self.term_years is not None and not 1 <= self.term_years <= 10:
            errors["term_years"] = "任期应在1至10年之间。"
        if errors:
            raise ValidationError(errors)

    @property
    def term_length(self):
        return self.term_years or default_term_years(self.org_type)

    @property
    def next_election_date(self):
        if not self.term_start:
            return None
        try:
            return self.term_start.replace(year=self.term_start.year + self.term_length)
        except ValueError:  # 29 February
            return self.term_start.replace(year=self.term_start.year + self.term_length, day=28)

    @property
    def election_overdue(self):
        due = self.next_election_date
        return bool(due and due < timezone.localdate())

    @cached_property
    def parent_organisation(self):
        # One query, and none for a parent that is not an organisation (the tree's index).
        return BranchPage.objects.filter(path=self.path[:-self.steplen]).first()

    @cached_property
    def members_total(self):
        """党员人数 as the rules count it: the roster of this organisation and those below,
        or the number typed on the profile where none is recorded (roster.api)."""
        from roster.api import member_count

        return member_count(self) or 0

    def setting_warnings(self):
        return organisation_warnings(self, list(self.committee.all()))

    @classmethod
    def led_by(cls, user):
        """Organisations in which `user` is 书记 or 副书记 (linked account)."""
        return cls.objects.filter(committee__user=user,
                                  committee__role__in=("secretary", "deputy")).distinct()

    @property
    def secretary(self):
        return next((m for m in self.committee.all() if m.role == "secretary"), None)

    # -- members' group -----------------------------------------------------------
    def ensure_members_group(self):
        """Every organisation has a group of its members, used for 本组织公开."""
        name = f"{self.title}党员"
        if self.members_group_id:
            group = self.members_group
            if group.name != name and not Group.objects.filter(name=name).exists():
                group.name = name
                group.save(update_fields=["name"])
            return group
        base, n = name, 1
        while Group.objects.filter(name=name).exists():
            n += 1
            name = f"{base}（{n}）"
        group = Group.objects.create(name=name)
        type(self).objects.filter(pk=self.pk).update(members_group=group)
        self.members_group = group
        return group

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if self.pk:
            self.ensure_members_group()
        return result


class BranchCommitteeMember(Orderable):
    branch = ParentalKey(BranchPage, related_name="committee", on_delete=models.CASCADE)
    name = models.CharField("姓名", max_length=30)
    role = models.CharField("职务", max_length=20, choices=ROLE_CHOICES, default="member")
    duty = models.CharField("分工", max_length=100, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="关联账户", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="committee_roles",
        help_text="关联后，该委员可在前台审定本组织的承诺书等事项。",
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")]), FieldPanel("duty"),
              FieldPanel("user")]

    class Meta(Orderable.Meta):
        verbose_name = "支委成员"
        verbose_name_plural = "支委成员"

    def __str__(self):
        return f"{self.get_role_display()} {self.name}"
