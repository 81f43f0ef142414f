package dev.tandem.api.meeting;

/** One meeting as the setting's list shows it ({@link SettingMeetings.Meeting}); no reply when unknown or withdrawn. */
public record FetchMeeting(String meetingId) {
}
