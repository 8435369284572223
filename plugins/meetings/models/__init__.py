from .observers import ObserverEvaluation, ObserverGroup
from .records import MeetingAbsence, MeetingAttachment, MeetingRecord
from .rules import FrequencyRule
from .versions import RecordVersion

__all__ = [
    "FrequencyRule",
    "MeetingAbsence",
    "MeetingAttachment",
    "MeetingRecord",
    "ObserverEvaluation",
    "ObserverGroup",
    "RecordVersion",
]
