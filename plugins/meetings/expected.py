"""应到人数 of a record: who was expected, read from the core roster (roster.api).

- 支委会: the committee members on the organisation's profile.
- every other meeting: the organisation's roster as of the meeting day (members who had
  joined the Party by then); 党小组会: the members of the 党小组 named in the topic, if
  any, else the whole roster.
Where the organisation keeps no roster yet, the profile's 党员人数; where that is not
filled in either, attendees plus absentees (what records showed before the roster).
"""

from roster import api

from .constants import COMMITTEE, GROUP


def expected_count(record, attendee_count, absence_count):
    organisation = record.organisation
    fallback = attendee_count + absence_count
    if record.meeting_type == COMMITTEE:
        seats = organisation.committee.count()
        return seats or fallback
    day = record.start_local.date()
    if record.meeting_type == GROUP:
        entries = api.entries(organisation, on=day, subtree=False)
        for group in organisation.party_groups.all():
            if group.name in record.topic:
                return entries.filter(party_group=group).count() or fallback
    return api.member_count(organisation, on=day) or fallback
