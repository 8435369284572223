"""The review form's layout: the targets, the criteria of each kind and the (target,
criterion) questions of a campaign."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    target: object
    criterion: object
    name: str
    label: str


@dataclass(frozen=True)
class Layout:
    targets: tuple
    criteria: dict  # kind -> [Criterion] in stored order
    questions: tuple
    question_names: frozenset


def answer_name(target, criterion):
    return f"r-{target.pk}-{criterion.pk}"


def layout_for(campaign):
    targets = tuple(campaign.targets.all())
    criteria = {kind: campaign.criteria_for(kind) for kind in campaign.target_kinds()}
    questions = tuple(
        Question(target, criterion, answer_name(target, criterion),
                 f"{target.display_name}·{criterion.name}")
        for target in targets for criterion in criteria.get(target.kind, [])
    )
    return Layout(targets, criteria, questions, frozenset(q.name for q in questions))
