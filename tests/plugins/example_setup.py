"""Run inside the site probe (PROBE_SETUP) when the pip-installed example plugin is on."""


def create_example_pages():
    from dangwu_example_plugin.models import ExamplePage
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    # The page type may be created under the home page only because the plugin says so.
    if not ExamplePage.can_create_at(home):
        raise AssertionError("示例页面不能建在首页下")
    home.add_child(instance=ExamplePage(title="插件页面一号", slug="example-page",
                                        intro="由示例插件添加的页面类型"))
    home.add_child(instance=ExamplePage(title="尚未发布的示例页面", slug="example-draft",
                                        live=False))
