"""Ships the 党建/政务 synonym and variant list (editable afterwards in the admin)."""

from django.db import migrations

GROUPS = [
    ("民主评议会，民主评议", "评议会与评议"),
    ("民主评议党员，党员民主评议", "语序"),
    ("交纳党费，缴纳党费", "异形词"),
    ("党费交纳，党费缴纳", "异形词"),
    ("党员发展，发展党员", "语序"),
    ("主题党日方案，主题党日活动", "方案与活动"),
    ("三会一课，三会一课制度", "制度全称"),
    ("党务公开，党务公开工作", ""),
    ("组织生活会，组织生活", ""),
    ("支委会，支部委员会", "简称"),
    ("党小组会，党小组会议", "简称"),
    ("党员大会，支部党员大会", "简称"),
    ("谈心谈话，谈话谈心", "语序"),
    ("入党积极分子，积极分子", "简称"),
    ("发展对象，入党发展对象", "简称"),
    ("预备党员转正，转为正式党员", ""),
    ("换届选举，换届", "简称"),
    ("党组织关系转接，组织关系转接，转接组织关系", "语序"),
    ("承诺践诺，公开承诺", ""),
    ("政务公开，政府信息公开", "政务"),
    ("信息公开申请，依申请公开", "政务"),
    ("党风廉政建设，廉政建设", "简称"),
    ("两学一做，两学一做学习教育", "全称"),
    ("不忘初心牢记使命，不忘初心牢记使命主题教育", "全称"),
    ("第一议题，第一议题制度", "全称"),
    ("学习强国，学习强国学习平台", "全称"),
    ("机关党委，机关党的委员会", "全称"),
    ("党支部书记，支部书记", "简称"),
]


def ship(apps, schema_editor):
    SynonymGroup = apps.get_model("portal_search", "SynonymGroup")
    for terms, note in GROUPS:
        SynonymGroup.objects.get_or_create(terms=terms, defaults={"note": note})


def unship(apps, schema_editor):
    SynonymGroup = apps.get_model("portal_search", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=[terms for terms, _note in GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0008_synonym_group")]
    operations = [migrations.RunPython(ship, unship)]
