from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from plugins.commitments.reminders import due_items, group_by_recipient


def describe(item, today):
    state = (f"已逾期{(today - item.deadline).days}天" if item.deadline < today
             else "今天到期" if item.deadline == today
             else f"还有{(item.deadline - today).days}天到期")
    return (f"[{state}] {item.pledge.pledger_name}：{item.content}"
            f"（完成时限{item.deadline:%Y-%m-%d}，进度{item.progress}%）")


class Command(BaseCommand):
    help = "List and e-mail 承诺事项 that are overdue or due soon (run daily from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14, help="提前提醒的天数（默认14天）")
        parser.add_argument("--dry-run", action="store_true", help="只列出，不发送邮件")

    def handle(self, *args, **options):
        today = timezone.localdate()
        items = list(due_items(options["days"], today))
        if not items:
            self.stdout.write("没有到期或逾期的承诺事项。")
            return
        self.stdout.write(f"到期或逾期的承诺事项共{len(items)}项：")
        for item in items:
            self.stdout.write("  " + describe(item, today))
        grouped, unreachable = group_by_recipient(items)
        for item in unreachable:
            self.stdout.write(self.style.WARNING(
                f"  无法提醒（未关联邮箱）：{item.pledge.pledger_name}：{item.content}"))
        if options["dry_run"]:
            self.stdout.write(f"试运行：将发送{len(grouped)}封提醒邮件。")
            return
        sent = 0
        for address, own in sorted(grouped.items()):
            lines = [describe(item, today) for item in own]
            body = ("您好！以下承诺事项已到期或即将到期，请及时登记践诺情况：\n\n"
                    + "\n".join(lines) + "\n\n——党务公开网 承诺践诺台账")
            sent += send_mail(f"【承诺践诺提醒】{len(own)}项承诺事项到期或逾期", body,
                              settings.DEFAULT_FROM_EMAIL, [address])
        self.stdout.write(self.style.SUCCESS(f"已发送{sent}封提醒邮件。"))
