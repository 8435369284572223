from wagtail.admin.forms import WagtailAdminModelForm


class ReadRequestForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == "organisations" and not cleaned.get("organisations"):
            self.add_error("organisations", "阅知范围为“指定党组织”时，请至少选择一个党组织。")
        return cleaned

