"""{% fragment "name" key ... %}…{% endfragment %}: HTML rendered once per cache generation.

Pages the page cache cannot serve (members, editors, forms, a visitor's first request
after a publication) still render the same navigation, listings and footer as everyone
else who may see the same pages. This tag keeps such a block's HTML in the per-generation
memo (caching.memo), so it goes stale exactly when the page cache does.

The key is the name, the given key values and the requester's hidden subtrees (the
scope key every memo entry uses): two requesters share a fragment only if they may see
exactly the same pages, on the same day. Use it only around markup that depends on nothing
else -- not on the user's name, a form's CSRF token, the time of day, or a query string
not in the key.
Previews always render afresh.
"""

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from caching.memo import memoised
from portal.scope import resolver_for

register = template.Library()

MAX_ENTRIES = 500  # per fragment name: enough for every 栏目 page of a large site's front


class FragmentNode(template.Node):
    def __init__(self, name, keys, nodelist):
        self.name, self.keys, self.nodelist = name, keys, nodelist

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        name = "fragment:" + str(self.name.resolve(context))
        # Today's date too, as in the page cache's keys: some blocks say 已超期.
        key = (tuple(str(k.resolve(context)) for k in self.keys),
               tuple(resolver_for(request).hidden_paths), timezone.localdate())
        # mark_safe: the nodelist's output is already escaped where it needed to be.
        return memoised(name, key, lambda: mark_safe(self.nodelist.render(context)),
                        max_entries=MAX_ENTRIES)


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]),
                        [parser.compile_filter(b) for b in bits[2:]], nodelist)
