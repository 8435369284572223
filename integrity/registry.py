"""Where plugins declare what they seal, so the core can verify and publish without
importing them.

    from integrity.registry import register_source
    register_source("commitments", "承诺践诺台账", objects=fn)

`objects()` yields (chain id, label, group, snapshot) for every object that should have a
chain: `label` names the object in messages (e.g. "承诺书#5（第一党支部2026年上半年）"),
`group` is what the 台账校验公示 lists it under, and `snapshot()` returns
{field name: value} -- every field a reader sees of it, now. `visible(user)` returns the chain ids
whose objects `user` may see (an AnonymousUser for the public); the 台账校验公示 lists
those one by one and publishes only counts and one combined digest for the rest, so an
item outside the public's scope is never named. A source without it is never listed.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    label: str
    title: str
    objects: object
    visible: object = None

    def visible_chains(self, user):
        return {str(c) for c in self.visible(user)} if self.visible else set()


_sources = {}


def register_source(label, title, objects, visible=None):
    _sources[label] = Source(label, title, objects, visible)


def sources():
    return dict(_sources)


def source(label):
    return _sources[label]
