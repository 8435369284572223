"""示例插件: the smallest useful portal plugin, installed with pip in the tests."""

PLUGIN_NAME = "示例插件"
PLUGIN_DESCRIPTION = "演示如何以 pip 包的形式为党务公开网编写插件。"
__version__ = "0.2.0"
