from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    name = "twofactor"
    label = "twofactor"
    verbose_name = "两步验证"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .receivers import flag_second_factor

        user_logged_in.connect(flag_second_factor, dispatch_uid="twofactor_pending")
