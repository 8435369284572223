from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    label = "members"
    verbose_name = "党员账户"

    def ready(self):
        from .receivers import connect

        connect()
