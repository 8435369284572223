"""ExperienceCasePage (经验交流): an organisation's write-up of a practice worth sharing."""

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyStreamBlock
from .article import ArticlePage


class ExperienceCasePage(ArticlePage):
    body = StreamField(BodyStreamBlock(), verbose_name="正文")

    type_label = "经验交流"
    parent_page_types = ["pages.SectionPage"]
    subpage_types = []

    content_panels = ArticlePage.content_panels + [
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("date")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = ArticlePage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = "经验交流"
        verbose_name_plural = "经验交流"

    def search_meta(self):
        return super().search_meta() + [self.organisation.title if self.organisation_id else ""]
