"""The plugin registry and loader, in-process."""

import pytest
from django.contrib.auth.models import Permission
from django.test import override_settings

from portal.plugin_loader import available_plugins, bundled_plugins, describe_available, plugin_apps
from portal.plugins import (
    AdminMenuItem,
    NavItem,
    Plugin,
    PluginPermission,
    PluginRegistry,
    PluginRegistryError,
    registry,
)
from tests.plugin_marks import skip_unless_plugin


def test_old_style_plugin_declaration_still_works():
    # The fields plugins were first written against, positionally and by name.
    plugin = Plugin("old", "旧插件", "说明", "1.0", None, "", [NavItem("旧", "x")])
    assert plugin.admin_menu_items == [] and plugin.permissions == []
    assert plugin.search_providers == []


def test_duplicate_label_is_refused():
    reg = PluginRegistry()
    reg.register(Plugin(label="a", name="甲"))
    with pytest.raises(PluginRegistryError):
        reg.register(Plugin(label="a", name="乙"))


def test_registry_collects_what_plugins_declare():
    reg = PluginRegistry()
    reg.register(Plugin(label="a", name="甲", nav_items=[NavItem("甲", "a:index")],
                        home_panel_template="a/panel.html",
                        permissions=["a.do_x", PluginPermission("a.do_y", "做乙")]),
                 module="plugins.a")
    reg.register(Plugin(label="b", name="乙"))
    assert [n.title for n in reg.nav_items()] == ["甲"]
    assert [p.label for p in reg.home_panels()] == ["a"]
    assert [p.codename for p in reg.permissions()] == ["a.do_x", "a.do_y"]
    assert reg.get("a").module == "plugins.a"


def test_loader_finds_bundled_plugins_and_reads_metadata_without_importing():
    assert "commitments" in bundled_plugins()
    assert available_plugins()["commitments"] == "plugins.commitments"
    assert plugin_apps(["commitments", "no-such-plugin"]) == ["plugins.commitments"]
    row = next(r for r in describe_available() if r["label"] == "commitments")
    assert row["name"] == "承诺践诺" and row["version"] and row["source"] == "bundled"


@pytest.mark.requires_plugin("commitments")
def test_commitments_plugin_is_registered_with_everything():
    plugin = registry.get("commitments")
    assert plugin.version and plugin.description
    assert plugin.urls and plugin.url_prefix == "commitments/"
    assert plugin.nav_items and plugin.home_panel_template and plugin.demo_loader
    assert plugin.admin_menu_items and plugin.permissions
    assert plugin.search_providers


def test_installed_lists_enabled_state():
    """Every bundled plugin is listed, enabled or not (PORTAL_PLUGINS decides)."""
    rows = {r["label"]: r for r in registry.installed()}
    for name in bundled_plugins():
        plugin = registry.get(name)
        assert rows[name]["enabled"] is (plugin is not None)
        assert rows[name]["version"] == (plugin.version if plugin else rows[name]["version"])
        assert rows[name]["version"] and rows[name]["source"] == "bundled"


@pytest.fixture
def extra_plugin():
    """A plugin registered at run time, as a test settings override would."""
    plugin = registry.register(Plugin(
        label="runtime", name="运行时插件", version="9.9",
        admin_menu_items=[AdminMenuItem("运行时", "wagtailadmin_home", permission="auth.view_user")]))
    yield plugin
    registry.unregister("runtime")


@pytest.mark.django_db
def test_admin_lists_plugins_with_version_and_state(client, django_user_model, extra_plugin):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12)
    client.force_login(admin)
    html = client.get("/admin/plugins/").content.decode()
    assert 'data-plugin="commitments"' in html  # installed, whether enabled or not
    assert 'data-plugin="runtime"' in html and "9.9" in html and "已启用" in html
    menu = client.get("/admin/").content.decode()
    assert "plugin-runtime" in menu  # the plugin's submenu
    for plugin in registry.enabled():
        if plugin.admin_menu_items:
            assert f"plugin-{plugin.label}" in menu


@pytest.mark.django_db
def test_plugin_list_is_for_superusers_only(client, django_user_model):
    user = django_user_model.objects.create_user("staff", password="x" * 12)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/plugins/").status_code in (302, 403)


def offered_permissions():
    from wagtail import hooks

    perms = set()
    for fn in hooks.get_hooks("register_permissions"):
        perms.update(fn().values_list("content_type__app_label", "codename"))
    return perms


@pytest.mark.django_db
def test_declared_permissions_are_offered_on_the_group_screen():
    assert ("sessions", "view_session") not in offered_permissions()
    registry.register(Plugin(label="perm-test", name="权限测试",
                             permissions=[PluginPermission("sessions.view_session", "查看")]))
    try:
        assert ("sessions", "view_session") in offered_permissions()
    finally:
        registry.unregister("perm-test")


@pytest.mark.requires_plugin("commitments")
@pytest.mark.django_db
def test_commitments_permissions_are_offered():
    perms = offered_permissions()
    assert ("commitments", "approve_pledge") in perms
    assert ("commitments", "import_ledger") in perms


@override_settings(PORTAL_ENABLED_PLUGINS=["commitments", "no-such-plugin"])
@pytest.mark.django_db
def test_admin_warns_about_unknown_plugin_names(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root2", "r2@example.org", "x" * 12)
    client.force_login(admin)
    assert "no-such-plugin" in client.get("/admin/plugins/").content.decode()


def test_plugin_settings_come_from_the_plugin_not_the_core():
    from portal.plugin_loader import apply_plugin_settings

    namespace = {"INSTALLED_APPS": ["portal"], "CAPTCHA_LENGTH": 6}
    apply_plugin_settings(["reviews", "meetings"], namespace)
    # The plugin's app, then the apps it needs; nothing twice.
    assert namespace["INSTALLED_APPS"] == ["portal", "plugins.reviews", "captcha",
                                           "plugins.meetings"]
    apply_plugin_settings(["reviews"], namespace)
    assert namespace["INSTALLED_APPS"].count("captcha") == 1
    assert namespace["REVIEWS_SUBMIT_RATE"] == "20/m" and namespace["MEETINGS_LOCK_DAYS"] == 7
    assert namespace["CAPTCHA_LENGTH"] == 6  # what the settings module says wins

    bare = {"INSTALLED_APPS": ["portal"]}
    apply_plugin_settings(["commitments"], bare)
    assert bare["INSTALLED_APPS"] == ["portal", "plugins.commitments"]
    assert not any(name.startswith(("CAPTCHA_", "REVIEWS_")) for name in bare)


def test_registry_collects_the_core_hooks_plugins_fill():
    from portal.plugins import PersonalData, TodoItem

    reg = PluginRegistry()
    reg.register(Plugin(
        label="a", name="甲",
        personal_data=[PersonalData("甲的数据", export=lambda user: [])],
        audit_actions=[("a.did", "做了甲")],
        audited_downloads={"a:export": "甲（XLSX）"},
        todo_items=lambda request: [TodoItem(2, "件甲待办", "/a/")],
        file_roots={"a": lambda: "/tmp/a"},
        home_page_types=["pages.SectionPage"],
    ))
    reg.register(Plugin(label="b", name="乙"))
    assert [p.title for p in reg.personal_data()] == ["甲的数据"]
    assert reg.audit_actions() == [("a.did", "做了甲")]
    assert reg.audited_downloads() == {"a:export": "甲（XLSX）"}
    assert [(i.count, i.label) for i in reg.todo_items(None)] == [(2, "件甲待办")]
    assert reg.file_roots() == {"a": "/tmp/a"}
    assert [m._meta.label for m in reg.home_page_models()] == ["pages.SectionPage"]


@pytest.mark.requires_plugin("cases")
def test_a_plugin_page_type_may_be_created_under_the_home_page():
    from pages.models import HomePage

    labels = [m._meta.label for m in HomePage.clean_subpage_models()]
    assert labels[:2] == ["pages.SectionPage", "pages.BranchIndexPage"]
    assert "cases.CaseLibraryPage" in labels


@pytest.mark.parametrize("name", bundled_plugins())
def test_every_bundled_plugin_registers_through_its_plugin_builder(name):
    """One registration style: plugins/<name>/plugin.py's build_plugin(), called from ready()."""
    import importlib

    skip_unless_plugin(name)
    module = importlib.import_module(f"plugins.{name}.plugin")
    built = module.build_plugin()
    assert built.label == name and registry.get(name).name == built.name
    package = importlib.import_module(f"plugins.{name}")
    assert built.name == package.PLUGIN_NAME and built.version == package.__version__
