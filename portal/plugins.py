"""Plugin registry: how a plugin app tells the core what it contributes.

A plugin is a Django app that, in its AppConfig.ready(), registers the Plugin its
`plugin.py` builds, describing itself (name, description, version) and everything it
adds to the core: URLs, navigation entries, home-page panel, admin menu items,
permissions, search providers, personal-data export and erasure, audit actions,
audited downloads, admin 待办 items, notification kinds, scheduled tasks, backed-up
file folders, calendar events and a demo loader. The
core only ever reads this registry, so it runs with any plugin switched off: a
disabled plugin's app is not installed, never registers, and leaves no trace.
Settings a plugin needs come from its optional `default_settings.py`
(portal/plugin_loader.py).

Every field after `name` is optional, so a plugin written against an older
version of this dataclass keeps working when fields are added.
See docs/plugins.md.
"""

from dataclasses import dataclass, field


@dataclass
class NavItem:
    """An entry in the site's main navigation: a title and a URL name to reverse."""

    title: str
    url_name: str

    @property
    def namespace(self):
        """The plugin's URL namespace: every page under it marks this entry current."""
        return self.url_name.partition(":")[0]


@dataclass
class AdminMenuItem:
    """An entry in the plugin's submenu of the Wagtail admin.

    Shown only to users holding `permission` ("app_label.codename"), or to
    everyone with admin access when it is None.
    """

    label: str
    url_name: str
    icon_name: str = "folder-open-inverse"
    permission: str | None = None
    order: int = 100


@dataclass
class PluginPermission:
    """A permission the plugin declares; it is offered on the admin's group screen."""

    codename: str  # "app_label.codename"
    description: str = ""


@dataclass
class PersonalData:
    """What a plugin keeps about a person, for the admin's 个人信息导出/删除.

    `export(user)` returns JSON-serialisable data; `erase(user)` (optional) removes or
    anonymises it, keeping anonymous tallies, and returns a short Chinese summary.
    """

    title: str  # the section's heading in the export, e.g. "群众评议"
    export: object  # callable(user) -> JSON-serialisable
    erase: object = None  # callable(user) -> str


@dataclass
class TodoItem:
    """One line of the admin's 待办 panel: how many things wait, and where to do them."""

    count: int
    label: str  # e.g. "份承诺书待审定"
    url: str


@dataclass
class CalendarEvent:
    """One event of an organisation's calendar (calendars/ serves them as iCalendar).

    `start`/`end` are dates (all-day; `end` exclusive) or aware datetimes. Only events
    with `public=True` appear in the public feed; the others only in the feed of a member
    the plugin found them visible to.
    """

    uid: str  # stable across feeds and days, e.g. "meetings-plan-12-theme_day-2026-12"
    summary: str
    start: object
    end: object = None
    organisation_id: int | None = None
    public: bool = False
    description: str = ""
    location: str = ""
    url: str = ""


@dataclass
class NotificationKind:
    """A kind of event people are told about (notifications app).

    `code` is unique ("app.event"); `label` is what a person reads on the preferences
    page; `default_delivery` is "inbox", "email" (站内+邮件) or "digest" (每日汇总), used
    until the person chooses.
    """

    code: str
    label: str
    default_delivery: str = "inbox"
    description: str = ""


@dataclass
class ScheduledTask:
    """Work the scheduled command (`manage.py run_scheduled`) runs on every pass.

    `run(now)` does the work and returns a short summary line (Chinese or English) for
    the command's output; it must be safe to run again (notifications carry a key so a
    repeated event is not raised twice).
    """

    name: str  # unique, e.g. "meetings.overdue"
    label: str
    run: object  # callable(now) -> str


@dataclass
class MemberRow:
    """One line of a 党员中心 panel."""

    text: str
    url: str = ""
    note: str = ""  # e.g. "已公开示诺；3/5项已完成"


@dataclass
class MemberPanel:
    """A panel of the 党员中心 (members/), filled by a plugin for the logged-in member."""

    title: str  # e.g. "我的承诺"
    rows: list = field(default_factory=list)  # [MemberRow]
    empty: str = "暂无。"
    more_url: str = ""
    more_label: str = ""


@dataclass
class Plugin:
    label: str
    name: str
    description: str = ""
    version: str = "0.1.0"
    urls: str | None = None  # dotted path to a urls module with app_name set
    url_prefix: str = ""  # e.g. "ledger/"
    nav_items: list = field(default_factory=list)
    home_panel_template: str | None = None
    home_panel_context: object = None  # callable(request) -> dict
    demo_loader: object = None  # callable(stdout) run by load_demo
    search_providers: list = field(default_factory=list)  # [search.providers.SearchProvider]
    admin_menu_items: list = field(default_factory=list)  # [AdminMenuItem]
    admin_menu_icon: str = "folder-inverse"
    permissions: list = field(default_factory=list)  # [PluginPermission | "app.codename"]
    home_page_types: list = field(default_factory=list)  # ["app.PageModel"] creatable under home
    personal_data: list = field(default_factory=list)  # [PersonalData]
    audit_actions: list = field(default_factory=list)  # [("app.action", "中文说明")]
    audited_downloads: dict = field(default_factory=dict)  # {"ns:view_name": "what it exports"}
    todo_items: object = None  # callable(request) -> [TodoItem]; only counts above 0 show
    member_panels: object = None  # callable(request) -> [MemberPanel] for the 党员中心
    file_roots: dict = field(default_factory=dict)  # {name: callable() -> folder} to back up
    # callable(obj) -> [site-relative path] | None: the public addresses showing `obj` (a
    # page, or a row of this plugin's models) that the front cache must purge when it
    # changes; None for one of its own rows means "everything" (caching/frontcache.py).
    front_cache_paths: object = None
    # callable(organisations, user) -> [CalendarEvent]: user None asks for the public feed
    calendar_events: object = None
    notification_kinds: list = field(default_factory=list)  # [NotificationKind]
    scheduled_tasks: list = field(default_factory=list)  # [ScheduledTask]
    module: str = ""  # the app's module path; filled in by the registry

    def declared_permissions(self):
        return [p if isinstance(p, PluginPermission) else PluginPermission(p)
                for p in self.permissions]


class PluginRegistryError(Exception):
    pass


class PluginRegistry:
    def __init__(self):
        self._plugins = {}

    def register(self, plugin, module=""):
        """Record a plugin; a second plugin with the same label is an error."""
        existing = self._plugins.get(plugin.label)
        if existing is not None and existing is not plugin:
            raise PluginRegistryError(f"插件标识“{plugin.label}”已被注册。")
        if module and not plugin.module:
            plugin.module = module
        self._plugins[plugin.label] = plugin
        return plugin

    def unregister(self, label):
        """For tests: forget a plugin registered at run time."""
        return self._plugins.pop(label, None)

    def enabled(self):
        return list(self._plugins.values())

    def is_enabled(self, label):
        return label in self._plugins

    def get(self, label):
        return self._plugins.get(label)

    # -- what the core asks ------------------------------------------------------------
    def nav_items(self):
        return [item for plugin in self.enabled() for item in plugin.nav_items]

    def home_panels(self):
        return [p for p in self.enabled() if p.home_panel_template]

    def permissions(self):
        return [perm for p in self.enabled() for perm in p.declared_permissions()]

    def home_page_models(self):
        from django.apps import apps

        return [apps.get_model(name) for p in self.enabled() for name in p.home_page_types]

    def personal_data(self):
        return [entry for p in self.enabled() for entry in p.personal_data]

    def audit_actions(self):
        return [action for p in self.enabled() for action in p.audit_actions]

    def audited_downloads(self):
        return {name: label for p in self.enabled() for name, label in p.audited_downloads.items()}

    def todo_items(self, request):
        return [item for p in self.enabled() if p.todo_items
                for item in p.todo_items(request)]

    def calendar_events(self, organisations, user=None):
        """Every enabled plugin's events for these organisations; only public ones without
        a user (the core filters again, so a plugin's slip never leaks a private event)."""
        events = [event for p in self.enabled() if p.calendar_events
                  for event in p.calendar_events(organisations, user)]
        return [e for e in events if e.public] if user is None else events

    def provides_calendar(self):
        return any(p.calendar_events for p in self.enabled())

    def notification_kinds(self):
        return [kind for p in self.enabled() for kind in p.notification_kinds]

    def scheduled_tasks(self):
        return [task for p in self.enabled() for task in p.scheduled_tasks]

    def member_panels(self, request):
        return [panel for p in self.enabled() if p.member_panels
                for panel in p.member_panels(request)]

    def file_roots(self):
        return {name: folder() for p in self.enabled() for name, folder in p.file_roots.items()}

    def installed(self):
        """Every installed plugin, enabled or not, for the admin's plugin list.

        Returns dicts: label, name, description, version, module, source
        ("bundled" or "entry point"), enabled.
        """
        from .plugin_loader import describe_available

        rows = []
        for info in describe_available():
            plugin = self.get(info["label"])
            if plugin is not None:
                info.update(name=plugin.name, description=plugin.description,
                            version=plugin.version, enabled=True)
            rows.append(info)
        known = {row["label"] for row in rows}
        for plugin in self.enabled():  # registered from elsewhere, e.g. a test settings override
            if plugin.label not in known:
                rows.append({"label": plugin.label, "name": plugin.name,
                             "description": plugin.description, "version": plugin.version,
                             "module": plugin.module, "source": "settings", "enabled": True})
        return rows


registry = PluginRegistry()
