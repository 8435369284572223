"""Short, readable addresses for new pages: the pinyin of the title.

Wagtail fills a new page's slug from its title as the editor types; with a Chinese title
that is the whole title, percent-encoded in the address (~150 characters). Before a page
that was never published is saved, a slug that is not plain ASCII becomes the title's
pinyin, word by word ("guanyu-kaizhan-zhuti-dangri-huodong-de-tongzhi"), cut at a word
boundary and made unique among its siblings. A slug an editor typed in ASCII is kept, and
a published page's slug is never touched (Wagtail's admin stops syncing it with the
title once live; a deliberate change leaves a redirect from the old address, see
wagtail.contrib.redirects' WAGTAILREDIRECTS_AUTO_CREATE).
"""

import jieba
from django.utils.text import slugify
from pypinyin import lazy_pinyin

MAX_LENGTH = 50


def pinyin_slug(title, max_length=MAX_LENGTH):
    """The title's pinyin, words joined by hyphens, at most `max_length` characters."""
    words = []
    for word in jieba.cut(title or ""):
        part = slugify("".join(lazy_pinyin(word)))
        if part:
            words.append(part)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "")


def unique_among_siblings(base, page):
    """`base`, or `base-2`, `base-3`... the first free one among `page`'s siblings."""
    parent = page.get_parent()
    if parent is None:
        return base
    taken = set(parent.get_children().exclude(pk=page.pk).values_list("slug", flat=True))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def needs_short_slug(page):
    if page.first_published_at is not None or page.live and page.pk:
        return False
    return not page.slug or not page.slug.isascii()


def shorten_slug(page):
    """Give a never-published page whose slug is blank or not ASCII its pinyin slug."""
    if not needs_short_slug(page) or not page.path:
        return
    page.slug = unique_among_siblings(pinyin_slug(page.title) or "page", page)
    parent = page.get_parent()
    if parent is not None:
        page.set_url_path(parent)  # Page.save() set it from the old slug already
