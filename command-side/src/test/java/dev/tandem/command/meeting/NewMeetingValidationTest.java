package dev.tandem.command.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.command.meeting.MeetingController.NewMeeting;
import dev.tandem.command.meeting.MeetingController.NewTime;
import dev.tandem.command.web.BadFields;
import org.junit.jupiter.api.Test;

class NewMeetingValidationTest {

    @Test
    void aWellFormedMeetingHasNoBadField() {
        assertThat(BadFields.of(new NewMeeting("2026-11-24T10:00:00Z", 30, "Caterpillars room", "Settling-in review")))
                .isEmpty();
    }

    @Test
    void aBadlyWrittenStartIsNamedTogetherWithEveryOtherBadField() {
        assertThat(BadFields.of(new NewMeeting("tomorrow at ten", 2, " ", "")))
                .containsExactly("durationMinutes", "location", "purpose", "startsAt");
    }

    @Test
    void anOffsetIsAcceptedAndALocalTimeWithoutOneIsNot() {
        assertThat(BadFields.of(new NewTime("2026-11-24T10:00:00+01:00", 45))).isEmpty();
        assertThat(BadFields.of(new NewTime("2026-11-24T10:00:00", 45))).containsExactly("startsAt");
    }

    @Test
    void aMeetingLongerThanAWorkingDayIsRefused() {
        assertThat(BadFields.of(new NewTime("2026-11-24T10:00:00Z", 481))).containsExactly("durationMinutes");
    }
}
