from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "plugins.reviews"
    label = "reviews"
    verbose_name = "群众评议"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.plugins import NavItem, Plugin, registry

        from . import PLUGIN_DESCRIPTION, PLUGIN_NAME, __version__, layout
        from .demo import load_demo
        from .home import home_panel_context
        from .search import search_provider

        plugin = Plugin(
            label="reviews",
            name=PLUGIN_NAME,
            description=PLUGIN_DESCRIPTION,
            version=__version__,
            urls="plugins.reviews.urls",
            url_prefix="reviews/",
            nav_items=[NavItem("群众评议", "reviews:index")],
            home_panel_template="reviews/home_panel.html",
            home_panel_context=home_panel_context,
            demo_loader=load_demo,
        )
        # Fields the plugin mechanism gained later (permissions, search): set only where present.
        optional = {
            "permissions": ["reviews.view_results", "reviews.publish_results",
                            "reviews.view_full_phone"],
            "search_providers": [p for p in [search_provider()] if p is not None],
        }
        for name, value in optional.items():
            if hasattr(plugin, name):
                setattr(plugin, name, value)
        registry.register(plugin)
        layout.connect()
