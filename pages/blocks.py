"""StreamField blocks shared by notices, cases and profiles."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageBlock

RICH_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link", "superscript", "subscript"]

TABLE_OPTIONS = {
    "minSpareRows": 0,
    "startRows": 3,
    "startCols": 3,
    "colHeaders": False,
    "rowHeaders": False,
    "contextMenu": True,
    "editor": "text",
    "language": "zh-CN",
    "renderer": "text",
    "autoColumnSize": False,
}


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="标题文字", max_length=200)
    level = blocks.ChoiceBlock(
        label="级别",
        choices=[("h2", "一级标题"), ("h3", "二级标题"), ("h4", "三级标题")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "小标题"
        template = "pages/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    source = blocks.CharBlock(label="出处", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "引用"
        template = "pages/blocks/quote.html"


class CaptionedTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label="表题", required=False, max_length=200)
    table = TableBlock(label="表格", table_options=TABLE_OPTIONS)

    class Meta:
        icon = "table"
        label = "表格"
        template = "pages/blocks/table.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label="正文段落", features=RICH_FEATURES,
                                     template="pages/blocks/paragraph.html")
    table = CaptionedTableBlock()
    image = ImageBlock(label="图片", template="pages/blocks/image.html")
    quote = QuoteBlock()

    class Meta:
        label = "正文"
