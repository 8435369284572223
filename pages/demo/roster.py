"""Demo rosters (党员名册): as many invented members as each demo 党支部's profile says,
its 支委 among them, in two or three 党小组. Names are made up from common surnames and
given names; the roster is never shown to the public (only its counts are)."""

import datetime as dt
import random

from roster.models import STATUS_FULL, STATUS_PROBATIONARY, PartyGroup, RosterEntry

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
         "明", "超", "秀英", "霞", "平", "刚", "桂兰", "建华", "志强", "晓燕", "海峰", "文博", "思远",
         "雨桐", "子涵", "浩然", "欣怡", "建国", "红梅", "立新", "春燕", "国庆", "宏伟", "丹丹", "俊杰"]
GROUP_NAMES = ["第一党小组", "第二党小组", "第三党小组"]


def invented_names(rng, count, taken):
    names = []
    while len(names) < count:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def load_rosters(branches):
    """Fill the roster of each organisation in `branches` that has none yet; returns how
    many entries were added."""
    added = 0
    for page in branches:
        if page.member_count <= 0 or RosterEntry.objects.filter(organisation=page).exists():
            continue
        rng = random.Random(f"roster-{page.slug}")
        size = page.member_count
        group_count = 1 if size < 12 else 2 if size < 30 else 3
        groups = [PartyGroup.objects.get_or_create(organisation=page, name=name)[0]
                  for name in GROUP_NAMES[:group_count]]
        committee = [m.name for m in page.committee.all()]
        names = committee + invented_names(rng, size - len(committee), set(committee))
        entries = []
        for n, name in enumerate(names[:size]):
            born = dt.date(rng.randint(1962, 1998), rng.randint(1, 12), 1)
            joined = dt.date(born.year + rng.randint(20, 26), rng.randint(1, 12), rng.randint(1, 28))
            joined = min(joined, dt.date(2024, 6, 30))  # everyone joined before the demo year
            probationary = n >= len(committee) and rng.random() < 0.06
            entries.append(RosterEntry(
                organisation=page, name=name, gender=rng.choice(["male", "female"]),
                birth_month=born, joined_on=joined,
                status=STATUS_PROBATIONARY if probationary else STATUS_FULL,
                party_group=groups[n % group_count],
                contact=f"0571-8{rng.randint(0, 9999999):07d}"))
        RosterEntry.objects.bulk_create(entries)
        added += len(entries)
    return added
