package dev.tandem.api.meeting;

import java.time.Instant;
import java.util.List;

public record SettingMeetings(List<Meeting> meetings) {

    public record Meeting(String id, String childId, String keyPersonId, Instant startsAt, int durationMinutes,
                          String location, MeetingStatus status) {
    }
}
