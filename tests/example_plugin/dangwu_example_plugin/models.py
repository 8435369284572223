from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class ExamplePage(Page):
    """A page type the plugin adds; created under the home page (Plugin.home_page_types)."""

    intro = models.TextField("导语", blank=True)

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    template = "dangwu_example_plugin/example_page.html"

    class Meta:
        verbose_name = "示例页面"
        verbose_name_plural = "示例页面"
