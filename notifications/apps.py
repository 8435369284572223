from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    label = "notifications"
    verbose_name = "消息通知"

    def ready(self):
        from . import personal_data, workflow_events

        workflow_events.connect()
        personal_data.register()
