"""创新案例 plugin: a library of structured innovation cases with facets and related cases."""

PLUGIN_NAME = "创新案例"
PLUGIN_DESCRIPTION = "党建创新案例库：按领域、创新类型、年份和标签分面浏览，库内中文检索，相关案例推荐，专题与打印。"
__version__ = "0.1.0"
