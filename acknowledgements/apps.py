from django.apps import AppConfig


class AcknowledgementsConfig(AppConfig):
    """阅知: notices members must confirm they have read, and who has."""

    name = "acknowledgements"
    label = "acknowledgements"
    verbose_name = "阅知"

    def ready(self):
        from . import personal_data, signals

        signals.connect()
        personal_data.register()
