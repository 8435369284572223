from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(label="验证码", max_length=20,
                           help_text="身份验证器上的6位数字，或一个未用过的恢复码。",
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                         "inputmode": "text", "autofocus": True}))
