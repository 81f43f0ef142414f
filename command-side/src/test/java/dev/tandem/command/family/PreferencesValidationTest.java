package dev.tandem.command.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.command.family.FamilyController.PreferencesDetails;
import dev.tandem.command.family.FamilyController.QuietHoursDetails;
import dev.tandem.command.web.BadFields;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 400 rules of {@code PUT /api/carers/{carerId}/preferences}: each names the field that is wrong. */
class PreferencesValidationTest {

    private static final QuietHoursDetails EVENINGS = new QuietHoursDetails(LocalTime.of(21, 0), LocalTime.of(7, 0));

    @Test
    void aWholePreferenceIsValid() {
        assertThat(BadFields.of(new PreferencesDetails("ur", List.of("SMS", "APP", "EMAIL"), EVENINGS))).isEmpty();
    }

    @Test
    void quietHoursMayBeLeftOut() {
        assertThat(BadFields.of(new PreferencesDetails("pl", List.of("EMAIL"), null))).isEmpty();
    }

    @Test
    void theLanguageIsRequired() {
        assertThat(BadFields.of(new PreferencesDetails(null, List.of("APP"), null))).containsExactly("preferredLanguage");
    }

    @Test
    void anyRealLanguageIsAccepted() {
        // German has no messages here: its carers are written to in the setting's default language
        for (String tag : List.of("fr", "ar", "zh", "pt-BR", "de", "yue", "zh-Hans")) {
            assertThat(BadFields.of(new PreferencesDetails(tag, List.of("APP"), null))).as(tag).isEmpty();
        }
    }

    @Test
    void aTagThatIsNoRealLanguageIsRefused() {
        for (String tag : List.of("xx-not-a-language", "xx", "zz", "EN", "pt-br", "english", "e", "12", "pl_PL", "")) {
            assertThat(BadFields.of(new PreferencesDetails(tag, List.of("APP"), null))).as(tag)
                    .containsExactly("preferredLanguage");
        }
    }

    @Test
    void channelsAreRequired() {
        assertThat(BadFields.of(new PreferencesDetails("en", null, null))).containsExactly("channels");
    }

    @Test
    void atLeastOneChannelIsNeeded() {
        assertThat(BadFields.of(new PreferencesDetails("en", List.of(), null))).containsExactly("channels");
    }

    @Test
    void aRepeatedChannelIsRefusedOnTheChannelsField() {
        assertThat(BadFields.of(new PreferencesDetails("en", List.of("SMS", "APP", "SMS"), null)))
                .containsExactly("channels");
    }

    @Test
    void moreThanThreeChannelsAreRefused() {
        assertThat(BadFields.of(new PreferencesDetails("en", List.of("SMS", "APP", "EMAIL", "APP"), null)))
                .contains("channels");
    }

    @Test
    void aChannelThatDoesNotExistIsRefused() {
        assertThat(BadFields.of(new PreferencesDetails("en", List.of("APP", "FAX"), null)))
                .containsExactly("channels[1].<list element>");
    }

    @Test
    void aMissingChannelIsRefused() {
        assertThat(BadFields.of(new PreferencesDetails("en", Arrays.asList("APP", null), null)))
                .containsExactly("channels[1].<list element>");
    }

    @Test
    void quietHoursThatStartWhenTheyEndAreRefusedOnTheQuietHoursField() {
        QuietHoursDetails none = new QuietHoursDetails(LocalTime.of(21, 0), LocalTime.of(21, 0));
        assertThat(BadFields.of(new PreferencesDetails("en", List.of("APP"), none))).containsExactly("quietHours");
    }

    @Test
    void quietHoursNeedBothEnds() {
        assertThat(BadFields.of(new PreferencesDetails("en", List.of("APP"), new QuietHoursDetails(LocalTime.NOON, null))))
                .containsExactly("quietHours.end");
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        QuietHoursDetails none = new QuietHoursDetails(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        assertThat(BadFields.of(new PreferencesDetails("xx", List.of("APP", "APP"), none)))
                .containsExactly("channels", "preferredLanguage", "quietHours");
    }
}
