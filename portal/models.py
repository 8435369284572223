"""Site-wide settings shown in the footer and used to number notices."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


@register_setting(icon="site")
class PortalSettings(ClusterableModel, BaseSiteSetting):
    sponsor = models.CharField("主办单位", max_length=100, blank=True)
    organiser = models.CharField("承办单位", max_length=100, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    postcode = models.CharField("邮编", max_length=10, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    icp_number = models.CharField("ICP备案号", max_length=50, blank=True)
    police_number = models.CharField("公网安备号", max_length=50, blank=True)
    site_code = models.CharField("网站标识码", max_length=30, blank=True)
    index_prefix = models.CharField(
        "索引号前缀",
        max_length=30,
        blank=True,
        default="DW",
        help_text="通常为发布机关的统一社会信用代码或组织机构代码；索引号形如“前缀/年份-流水号”。",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("sponsor"), FieldPanel("organiser"), FieldPanel("address"),
             FieldPanel("postcode"), FieldPanel("phone"), FieldPanel("email")],
            heading="单位与联系方式",
        ),
        MultiFieldPanel(
            [FieldPanel("icp_number"), FieldPanel("police_number"), FieldPanel("site_code")],
            heading="备案信息",
        ),
        FieldPanel("index_prefix"),
        InlinePanel("footer_links", label="页脚链接"),
    ]

    class Meta:
        verbose_name = "网站设置"


class FooterLink(Orderable):
    setting = ParentalKey(PortalSettings, related_name="footer_links", on_delete=models.CASCADE)
    title = models.CharField("名称", max_length=50)
    url = models.URLField("链接地址")

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "页脚链接"

    def __str__(self):
        return self.title
