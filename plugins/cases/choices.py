"""Fixed vocabularies of the case library: fields, innovation types, recommendation levels."""

FIELD_CHOICES = [
    ("organ", "机关"),
    ("community", "社区"),
    ("rural", "农村"),
    ("soe", "国企"),
    ("private", "非公企业"),
    ("school", "学校"),
    ("institution", "事业单位"),
    ("social", "社会组织"),
    ("other", "其他"),
]

TYPE_CHOICES = [
    ("form", "形式创新"),
    ("carrier", "载体创新"),
    ("mechanism", "机制创新"),
    ("method", "方法创新"),
]

RECOMMEND_NORMAL, RECOMMEND_GOOD, RECOMMEND_KEY = 1, 2, 3
RECOMMENDATION_CHOICES = [
    (RECOMMEND_NORMAL, "一般"),
    (RECOMMEND_GOOD, "推荐"),
    (RECOMMEND_KEY, "重点推荐"),
]

FIELD_LABELS = dict(FIELD_CHOICES)
TYPE_LABELS = dict(TYPE_CHOICES)


def _by_label(choices, extra=None):
    """Maps a Chinese label (with and without the 创新 suffix) and the key to the key."""
    found = {}
    for key, label in choices:
        found[key] = key
        found[label] = key
        found[label.removesuffix("创新")] = key
    found.update(extra or {})
    return found


FIELD_BY_LABEL = _by_label(FIELD_CHOICES, {"国有企业": "soe", "非公": "private", "高校": "school",
                                           "中小学": "school", "村": "rural", "街道": "community"})
TYPE_BY_LABEL = _by_label(TYPE_CHOICES)
RECOMMENDATION_BY_LABEL = {label: key for key, label in RECOMMENDATION_CHOICES} | {
    str(key): key for key, _label in RECOMMENDATION_CHOICES}
