from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "plugins.meetings"
    label = "meetings"
    verbose_name = "三会一课"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.plugins import NavItem, Plugin, registry

        from . import counts, dashboard_cache, observer_guards
        from .demo import load_demo
        from .public import home_panel_context

        dashboard_cache.connect_signals()
        observer_guards.connect_signals()
        counts.connect_signals()
        from . import sealing

        sealing.register()
        registry.register(Plugin(
            label="meetings",
            name="三会一课",
            description="“三会一课”等组织生活记录、观察员评价和按期开展情况（合规日历）。",
            version="1.0.0",
            urls="plugins.meetings.urls",
            url_prefix="meetings/",
            nav_items=[NavItem("三会一课", "meetings:index")],
            home_panel_template="meetings/home_panel.html",
            home_panel_context=home_panel_context,
            demo_loader=load_demo,
        ))
