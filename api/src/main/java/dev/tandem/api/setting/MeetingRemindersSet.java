package dev.tandem.api.setting;

import org.axonframework.serialization.Revision;

/**
 * A manager set how many hours before each booked meeting of the setting its family is reminded
 * (0: no reminders). Until a setting's first such event, reminders go a day before.
 */
@Revision("1")
public record MeetingRemindersSet(String settingId, int hoursBefore, String setBy) {
}
