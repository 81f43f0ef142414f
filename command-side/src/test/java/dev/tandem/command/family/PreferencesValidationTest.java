package dev.tandem.command.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.command.family.FamilyController.PreferencesDetails;
import dev.tandem.command.family.FamilyController.QuietHoursDetails;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The 400 rules of {@code PUT /api/carers/{carerId}/preferences}: each names the field that is wrong. */
class PreferencesValidationTest {

    private static final jakarta.validation.ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final QuietHoursDetails EVENINGS = new QuietHoursDetails(LocalTime.of(21, 0), LocalTime.of(7, 0));

    private final Validator validator = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private List<String> badFields(PreferencesDetails details) {
        return validator.validate(details).stream().map(ConstraintViolation::getPropertyPath).map(Object::toString)
                .sorted().toList();
    }

    @Test
    void aWholePreferenceIsValid() {
        assertThat(badFields(new PreferencesDetails("ur", List.of("SMS", "APP", "EMAIL"), EVENINGS))).isEmpty();
    }

    @Test
    void quietHoursMayBeLeftOut() {
        assertThat(badFields(new PreferencesDetails("pl", List.of("EMAIL"), null))).isEmpty();
    }

    @Test
    void theLanguageIsRequired() {
        assertThat(badFields(new PreferencesDetails(null, List.of("APP"), null))).containsExactly("preferredLanguage");
    }

    @Test
    void aLanguageThePlatformDoesNotSpeakIsRefused() {
        assertThat(badFields(new PreferencesDetails("fr", List.of("APP"), null))).containsExactly("preferredLanguage");
    }

    @Test
    void channelsAreRequired() {
        assertThat(badFields(new PreferencesDetails("en", null, null))).containsExactly("channels");
    }

    @Test
    void atLeastOneChannelIsNeeded() {
        assertThat(badFields(new PreferencesDetails("en", List.of(), null))).containsExactly("channels");
    }

    @Test
    void aRepeatedChannelIsRefusedOnTheChannelsField() {
        assertThat(badFields(new PreferencesDetails("en", List.of("SMS", "APP", "SMS"), null)))
                .containsExactly("channels");
    }

    @Test
    void moreThanThreeChannelsAreRefused() {
        assertThat(badFields(new PreferencesDetails("en", List.of("SMS", "APP", "EMAIL", "APP"), null)))
                .contains("channels");
    }

    @Test
    void aChannelThatDoesNotExistIsRefused() {
        assertThat(badFields(new PreferencesDetails("en", List.of("APP", "FAX"), null)))
                .containsExactly("channels[1].<list element>");
    }

    @Test
    void aMissingChannelIsRefused() {
        assertThat(badFields(new PreferencesDetails("en", Arrays.asList("APP", null), null)))
                .containsExactly("channels[1].<list element>");
    }

    @Test
    void quietHoursThatStartWhenTheyEndAreRefusedOnTheQuietHoursField() {
        QuietHoursDetails none = new QuietHoursDetails(LocalTime.of(21, 0), LocalTime.of(21, 0));
        assertThat(badFields(new PreferencesDetails("en", List.of("APP"), none))).containsExactly("quietHours");
    }

    @Test
    void quietHoursNeedBothEnds() {
        assertThat(badFields(new PreferencesDetails("en", List.of("APP"), new QuietHoursDetails(LocalTime.NOON, null))))
                .containsExactly("quietHours.end");
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        QuietHoursDetails none = new QuietHoursDetails(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        assertThat(badFields(new PreferencesDetails("de", List.of("APP", "APP"), none)))
                .containsExactly("channels", "preferredLanguage", "quietHours");
    }
}
