from .counts import MonthlyCount
from .observers import ObserverEvaluation, ObserverGroup
from .records import MeetingAbsence, MeetingAttachment, MeetingRecord
from .retained import RetainedAttachment
from .rules import FrequencyRule
from .versions import RecordVersion

__all__ = [
    "FrequencyRule",
    "MeetingAbsence",
    "MeetingAttachment",
    "MeetingRecord",
    "MonthlyCount",
    "ObserverEvaluation",
    "ObserverGroup",
    "RecordVersion",
    "RetainedAttachment",
]
