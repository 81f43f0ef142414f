package dev.tandem.command.concern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.command.concern.ConcernController.NewConcern;
import dev.tandem.command.web.BadFields;
import org.junit.jupiter.api.Test;

/** The 400 rules of {@code POST /api/children/{childId}/concerns}. */
class NewConcernValidationTest {

    @Test
    void aConcernWithTextAndAKnownCategoryIsValid() {
        assertThat(BadFields.of(new NewConcern("Bruise on the left forearm.", "INJURY"))).isEmpty();
    }

    @Test
    void aCategoryThatIsNotOneOfTheListIsRefusedOnTheCategoryField() {
        assertThat(BadFields.of(new NewConcern("Bruise on the left forearm.", "BRUISE"))).containsExactly("category");
    }

    @Test
    void theCategoryIsRequired() {
        assertThat(BadFields.of(new NewConcern("Bruise on the left forearm.", null))).containsExactly("category");
    }

    @Test
    void blankTextIsRefused() {
        assertThat(BadFields.of(new NewConcern("  ", "OTHER"))).containsExactly("text");
    }

    @Test
    void textLongerThan4000CharactersIsRefused() {
        assertThat(BadFields.of(new NewConcern("a".repeat(4001), "OTHER"))).containsExactly("text");
        assertThat(BadFields.of(new NewConcern("a".repeat(4000), "OTHER"))).isEmpty();
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        assertThat(BadFields.of(new NewConcern("", "nope"))).containsExactly("category", "text");
    }
}
