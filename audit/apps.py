from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self):
        from . import personal_data, receivers

        receivers.connect()
        personal_data.register_builtin()
