from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "calendars"
    label = "calendars"
    verbose_name = "活动日历"
    default_auto_field = "django.db.models.BigAutoField"
