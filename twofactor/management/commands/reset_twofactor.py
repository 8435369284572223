from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

import audit
from audit.constants import ROLE_CHANGE
from twofactor import policy


class Command(BaseCommand):
    help = "删除一个账户的身份验证器和恢复码（手机丢失时），下次登录管理后台时重新绑定。"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户名为“{username}”的账户。")
        policy.remove(user)
        audit.log(None, ROLE_CHANGE, username, "两步验证已重置")
        self.stdout.write(f"已重置“{username}”的两步验证。")
