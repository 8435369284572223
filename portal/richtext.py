"""Output-side defence for rich text: whatever the database holds is whitelisted again
when it is rendered.

The admin editor and the importer already clean rich text on the way in, but Wagtail's
own rendering (`|richtext`, `RichText.__html__`) only expands its link and embed
placeholders: HTML written into the database any other way (a script, a bad migration,
a restored archive) would be shown as stored. Public templates therefore render rich
text through `sanitised_richtext` (portal/templatetags/richtext_tags.py), which expands
it as Wagtail does and then keeps only what the editor features can produce.
"""

import nh3
from django.utils.safestring import mark_safe
from wagtail.templatetags.wagtailcore_tags import richtext

# What the editor features in pages/blocks.py (RICH_FEATURES) and BranchIndexPage.intro
# produce: paragraphs, line breaks, bold, italic, lists, links, super- and subscript.
ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "ol", "ul", "li", "a", "sup", "sub"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# Relative links (pages, documents) pass; of absolute ones only these schemes.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html):
    """Whitelisted HTML: no scripts, event handlers, styles or javascript:/data: links."""
    return nh3.clean(str(html), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=ALLOWED_URL_SCHEMES, link_rel="noopener noreferrer")


def render_sanitised(value):
    """A rich text value (RichText, database HTML or None) as safe, whitelisted HTML."""
    return mark_safe(clean_html(richtext(value)))  # noqa: S308 - cleaned just above
