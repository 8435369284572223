import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the site administrator once and print its credentials (kept in var/)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--address", default="http://127.0.0.1:8000",
                            help="Where the site is served, for the printed admin link.")

    def handle(self, *args, username, address, **options):
        User = get_user_model()
        path = settings.VAR_DIR / "admin-credentials.txt"
        password = None
        if path.exists():
            saved_user, _, saved_password = path.read_text(encoding="utf-8").strip().partition(":")
            if saved_user == username:
                password = saved_password
        user = User.objects.filter(username=username).first()
        if user is None or password is None or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User(username=username, email=f"{username}@localhost")
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"{username}:{password}\n", encoding="utf-8")
            os.chmod(path, 0o600)
        self.stdout.write(self.style.SUCCESS(
            f"管理后台 {address.rstrip('/')}/admin/  用户名：{username}  密码：{password}"))
