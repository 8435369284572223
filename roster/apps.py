from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "roster"
    label = "roster"
    verbose_name = "党员名册"

    def ready(self):
        from audit.personal_data import register

        from . import signals
        from .personal_data import erase_entries, export_entries

        signals.connect()

        register("roster", "党员名册", export=export_entries, erase=erase_entries)
