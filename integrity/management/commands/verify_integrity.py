from django.core.management.base import BaseCommand, CommandError

from integrity import anchors, chain, registry


class Command(BaseCommand):
    help = ("校验所有防篡改校验链：每个对象的当前内容、校验链本身，以及与最近一次（或 --against 所给）"
            "台账校验公示的链头。发现问题时逐条列出并以非零状态退出。")

    def add_arguments(self, parser):
        parser.add_argument("--source", action="append", help="只校验这些来源（如 commitments）。")
        parser.add_argument("--against", help="一份保存下来的公示 JSON（/integrity/latest.json）。")

    def handle(self, *args, source=None, against=None, **options):
        run(self, source or list(registry.sources()), against)


def run(command, labels, against=None, extra=(), ok="校验通过：所有防篡改校验链完整，与公示一致。"):
    """Verify the sources `labels` (against a saved copy of the 公示 if given), add the
    caller's `extra` problems, list them all and fail, or write `ok`."""
    document = None
    if against:
        try:
            document = anchors.load_copy(against)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
    problems = []
    for label in labels:
        if label not in registry.sources():
            raise CommandError(f"没有名为“{label}”的校验来源。")
        published = None
        if document is not None:
            published, copy_problems = anchors.heads_from_copy(document, label)
            problems += copy_problems
        problems += chain.verify_source(label, published)
    problems += list(extra)
    for problem in problems:
        command.stdout.write(problem)
    if problems:
        raise CommandError(f"发现{len(problems)}处问题。")
    command.stdout.write(ok)
