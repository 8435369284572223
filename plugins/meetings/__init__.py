"""三会一课 records: meeting minutes, observer evaluations and a compliance calendar."""

PLUGIN_NAME = "三会一课"
PLUGIN_DESCRIPTION = "“三会一课”等组织生活记录、观察员评价和按期开展情况（合规日历）。"
__version__ = "1.0.0"
