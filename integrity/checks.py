from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security, deploy=True)
def integrity_key_configured(app_configs, **kwargs):
    """`check --deploy`: the chains' key must come from the environment or a secret file."""
    from . import keys

    try:
        keys.current_key()
    except (ImproperlyConfigured, OSError) as exc:
        return [Error(f"台账防篡改密钥不可用：{exc}",
                      hint="设置 INTEGRITY_KEY（64位十六进制）或 INTEGRITY_KEY_FILE，"
                           "见 docs/operations.md。", id="integrity.E001")]
    return []
