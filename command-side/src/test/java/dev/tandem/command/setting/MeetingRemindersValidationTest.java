package dev.tandem.command.setting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.command.setting.SettingController.MeetingReminders;
import dev.tandem.command.web.BadFields;
import org.junit.jupiter.api.Test;

/** The 400 rules of {@code PUT /api/settings/{settingId}/meeting-reminders}. */
class MeetingRemindersValidationTest {

    @Test
    void fromNoneToAWeekIsValid() {
        assertThat(BadFields.of(new MeetingReminders(0))).isEmpty();
        assertThat(BadFields.of(new MeetingReminders(24))).isEmpty();
        assertThat(BadFields.of(new MeetingReminders(168))).isEmpty();
    }

    @Test
    void howManyHoursMustBeSaid() {
        assertThat(BadFields.of(new MeetingReminders(null))).containsExactly("hoursBefore");
    }

    @Test
    void negativeHoursOrMoreThanAWeekAreRefused() {
        assertThat(BadFields.of(new MeetingReminders(-1))).containsExactly("hoursBefore");
        assertThat(BadFields.of(new MeetingReminders(169))).containsExactly("hoursBefore");
    }
}
