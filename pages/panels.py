from wagtail.admin.panels import Panel


class OrganisationWarningsPanel(Panel):
    """Shows the organisation-setting rule warnings above the profile form."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "pages/admin/organisation_warnings_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["warnings"] = instance.setting_warnings() if instance.pk else []
            return context
