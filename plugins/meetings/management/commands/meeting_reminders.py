import datetime as dt

from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plugins.meetings.reminders import reminders


class Command(BaseCommand):
    help = "列出各党组织本年度待开和逾期的“三会一课”等组织生活；加 --send 向已关联账户的支委发送提醒邮件。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="以该日期（YYYY-MM-DD）为今天计算，默认今天")
        parser.add_argument("--within", type=int, default=None,
                            help="只提醒在此天数内到期的待开事项（逾期事项总是列出）")
        parser.add_argument("--send", action="store_true", help="发送提醒邮件")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD。") from exc
        today = today or timezone.localdate()
        items = reminders(today=today, within_days=options["within"])
        if not items:
            self.stdout.write(self.style.SUCCESS(f"截至{today:%Y年%m月%d日}，各党组织没有待开或逾期的组织生活。"))
            return
        sent = 0
        for reminder in items:
            lines = reminder.lines(today)
            self.stdout.write(f"{reminder.organisation.title}：")
            for line in lines:
                self.stdout.write(line)
            if options["send"] and reminder.recipients:
                body = (f"{reminder.organisation.title}：\n截至{today:%Y年%m月%d日}，"
                        "本组织以下组织生活需要抓紧安排：\n" + "\n".join(lines) +
                        "\n\n请在会后及时在党务公开网录入会议记录。")
                sent += send_mail(f"【三会一课提醒】{reminder.organisation.title}", body, None,
                                  reminder.recipients, fail_silently=False)
        overdue = sum(len(r.overdue) for r in items)
        due = sum(len(r.due) for r in items)
        self.stdout.write(f"合计：{len(items)}个党组织，逾期{overdue}项，待开{due}项。")
        if options["send"]:
            self.stdout.write(f"已发送提醒邮件{sent}封（仅发送给已关联账户并填写邮箱的支委）。")
