package dev.tandem.command.concern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.command.concern.ConcernController.NewConcern;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The 400 rules of {@code POST /api/children/{childId}/concerns}. */
class NewConcernValidationTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static List<String> badFields(NewConcern concern) {
        return FACTORY.getValidator().validate(concern).stream().map(ConstraintViolation::getPropertyPath)
                .map(Object::toString).sorted().toList();
    }

    @Test
    void aConcernWithTextAndAKnownCategoryIsValid() {
        assertThat(badFields(new NewConcern("Bruise on the left forearm.", "INJURY"))).isEmpty();
    }

    @Test
    void aCategoryThatIsNotOneOfTheListIsRefusedOnTheCategoryField() {
        assertThat(badFields(new NewConcern("Bruise on the left forearm.", "BRUISE"))).containsExactly("category");
    }

    @Test
    void theCategoryIsRequired() {
        assertThat(badFields(new NewConcern("Bruise on the left forearm.", null))).containsExactly("category");
    }

    @Test
    void blankTextIsRefused() {
        assertThat(badFields(new NewConcern("  ", "OTHER"))).containsExactly("text");
    }

    @Test
    void textLongerThan4000CharactersIsRefused() {
        assertThat(badFields(new NewConcern("a".repeat(4001), "OTHER"))).containsExactly("text");
        assertThat(badFields(new NewConcern("a".repeat(4000), "OTHER"))).isEmpty();
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        assertThat(badFields(new NewConcern("", "nope"))).containsExactly("category", "text");
    }
}
