from django.contrib.auth.forms import AuthenticationForm


class MemberLoginForm(AuthenticationForm):
    """Django's login form with messages a member can act on."""

    error_messages = {
        "invalid_login": "用户名或密码不正确，请重新输入。连续多次输错后账户将被暂时锁定。",
        "inactive": "该账户已停用，请联系本支部组织委员。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
