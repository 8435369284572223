"""Factories for the core page types and people (wagtail-factories + factory_boy)."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from pages.models import (
    BranchIndexPage,
    BranchPage,
    ExperienceCasePage,
    HomePage,
    NoticePage,
    SectionPage,
)
from portal.scope import ALL_MEMBERS_GROUP


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "党员"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


def member_of(branch, **kwargs):
    """A party member of `branch`: in its members' group and in 全体党员."""
    all_members, _ = Group.objects.get_or_create(name=ALL_MEMBERS_GROUP)
    branch.refresh_from_db()
    return UserFactory(groups=[branch.members_group, all_members], **kwargs)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "党务公开网"
    organisation_name = "中共示范市财政局机关委员会"
    banner_title = "党务公开"


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    slug = factory.Sequence(lambda n: f"section-{n}")

    title = factory.Sequence(lambda n: f"栏目{n}")
    intro = "本栏目发布党务公开信息。"


class NoticePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NoticePage

    slug = factory.Sequence(lambda n: f"notice-{n}")

    title = factory.Sequence(lambda n: f"关于开展第{n}次主题党日活动的通知")
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300))
    written_date = factory.LazyAttribute(lambda o: o.date)
    issuing_authority = "中共示范市财政局机关委员会"
    document_number = factory.Sequence(lambda n: f"财机党〔2026〕{n + 1}号")
    addressee = "各党支部"
    summary = "请各党支部按要求组织开展活动。"
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>各党支部：现将有关事项通知如下。</p>"))]
    )
    signature = "中共示范市财政局机关委员会\n2026年1月1日"


class ExperienceCasePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ExperienceCasePage

    slug = factory.Sequence(lambda n: f"case-{n}")

    title = factory.Sequence(lambda n: f"党支部工作经验{n}")
    date = datetime.date(2026, 3, 1)
    summary = "总结推广党支部规范化建设的做法。"
    body = factory.LazyFunction(lambda: [("paragraph", RichText("<p>主要做法如下。</p>"))])


class BranchIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BranchIndexPage

    title = "组织机构"


class BranchPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BranchPage

    slug = factory.Sequence(lambda n: f"branch-{n}")

    title = factory.Sequence(lambda n: f"第{n}党支部")
    org_type = "branch"
    member_count = 12
    term_start = datetime.date(2024, 6, 1)


def restrict_to_groups(page, *groups):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set(groups)
    return restriction


def restrict_to_party(page):
    group, _ = Group.objects.get_or_create(name=ALL_MEMBERS_GROUP)
    return restrict_to_groups(page, group)
