"""The body's image block is responsive: three widths, WebP with a JPEG fallback."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from pages.blocks import BodyStreamBlock


@pytest.fixture
def image(db):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (200, 30, 30)).save(buffer, "PNG")
    return Image.objects.create(title="党旗", file=ImageFile(buffer, name="flag.png"))


def test_image_block_renders_picture_with_srcset_and_webp(image):
    block = BodyStreamBlock()
    value = block.to_python([{"type": "image", "value": {
        "image": image.pk, "alt_text": "机关党委主题党日活动现场", "decorative": False}}])
    html = value.render_as_block()
    assert "<picture>" in html
    assert 'type="image/webp"' in html
    for width in ("480w", "800w", "1200w"):
        assert width in html
    assert 'alt="机关党委主题党日活动现场"' in html
    assert 'loading="lazy"' in html
    assert "<figcaption>机关党委主题党日活动现场</figcaption>" in html
    assert image.renditions.count() == 6  # three widths in two formats
