"""群众评议: half-yearly public reviews of organisations and members (seed 004)."""

PLUGIN_NAME = "群众评议"
PLUGIN_DESCRIPTION = "每半年组织群众对党组织和党员进行评议，统计结果并公开通报、跟踪整改。"
__version__ = "1.0.0"
