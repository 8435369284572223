"""承诺践诺: public commitments (公开承诺 → 践诺 → 评诺) and their ledger (台账)."""

PLUGIN_NAME = "承诺践诺"
PLUGIN_DESCRIPTION = "党组织和党员公开承诺书、践诺记录、领导点评与党员自评，承诺践诺台账的公开、导入导出。"
__version__ = "1.0.0"
