package dev.tandem.notifier.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.common.QuietHours;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietTimeTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0));

    @Test
    void lateEveningInAWindowCrossingMidnightEndsNextMorning() {
        // 23:00 in London in winter (UTC+0)
        assertThat(QuietTime.endOf(NIGHT, LONDON, Instant.parse("2026-11-23T23:00:00Z")))
                .contains(Instant.parse("2026-11-24T07:00:00Z"));
    }

    @Test
    void earlyMorningInAWindowCrossingMidnightEndsThatMorning() {
        assertThat(QuietTime.endOf(NIGHT, LONDON, Instant.parse("2026-11-24T02:00:00Z")))
                .contains(Instant.parse("2026-11-24T07:00:00Z"));
    }

    @Test
    void daytimeIsOutsideANightWindowAndItsEndIsNotQuiet() {
        assertThat(QuietTime.endOf(NIGHT, LONDON, Instant.parse("2026-11-24T12:00:00Z"))).isEmpty();
        assertThat(QuietTime.endOf(NIGHT, LONDON, Instant.parse("2026-11-24T07:00:00Z"))).isEmpty();
        assertThat(QuietTime.endOf(NIGHT, LONDON, Instant.parse("2026-11-23T21:00:00Z")))
                .contains(Instant.parse("2026-11-24T07:00:00Z"));
    }

    @Test
    void windowIsReadInTheSettingsZone() {
        // 20:30 UTC is 21:30 in Warsaw: quiet there, not in London
        Instant now = Instant.parse("2026-11-23T20:30:00Z");

        assertThat(QuietTime.endOf(NIGHT, ZoneId.of("Europe/Warsaw"), now))
                .contains(Instant.parse("2026-11-24T06:00:00Z"));
        assertThat(QuietTime.endOf(NIGHT, LONDON, now)).isEmpty();
    }

    @Test
    void windowWithinOneDay() {
        QuietHours nap = new QuietHours(LocalTime.of(13, 0), LocalTime.of(15, 0));

        assertThat(QuietTime.endOf(nap, LONDON, Instant.parse("2026-11-24T14:00:00Z")))
                .contains(Instant.parse("2026-11-24T15:00:00Z"));
        assertThat(QuietTime.endOf(nap, LONDON, Instant.parse("2026-11-24T16:00:00Z"))).isEmpty();
        assertThat(QuietTime.endOf(nap, LONDON, Instant.parse("2026-11-24T12:59:00Z"))).isEmpty();
    }

    @Test
    void noWindowOrAnEmptyOneIsNeverQuiet() {
        Instant now = Instant.parse("2026-11-23T23:00:00Z");

        assertThat(QuietTime.endOf(null, LONDON, now)).isEmpty();
        assertThat(QuietTime.endOf(new QuietHours(LocalTime.of(7, 0), LocalTime.of(7, 0)), LONDON, now)).isEmpty();
    }

    @Test
    void endOnTheNightTheClocksGoForwardIsInSummerTime() {
        // 29 March 2026: London moves from UTC+0 to UTC+1 at 01:00 UTC
        assertThat(QuietTime.endOf(NIGHT, LONDON, Instant.parse("2026-03-28T22:00:00Z")))
                .contains(Instant.parse("2026-03-29T06:00:00Z"));
    }
}
