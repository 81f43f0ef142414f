package dev.tandem.command.child;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.command.child.ChildController.Restriction;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The 400 rules of {@code PUT /api/children/{childId}/carers/{carerId}/restriction}. */
class RestrictionValidationTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static List<String> badFields(Restriction restriction) {
        return FACTORY.getValidator().validate(restriction).stream().map(ConstraintViolation::getPropertyPath)
                .map(Object::toString).sorted().toList();
    }

    @Test
    void liftingWithAReasonIsValid() {
        assertThat(badFields(new Restriction(false, "Order discharged"))).isEmpty();
    }

    @Test
    void whetherToRestrictMustBeSaid() {
        assertThat(badFields(new Restriction(null, "Court order"))).containsExactly("restricted");
    }

    @Test
    void aReasonIsRequired() {
        assertThat(badFields(new Restriction(true, " "))).containsExactly("reason");
    }

    @Test
    void aReasonLongerThan500CharactersIsRefused() {
        assertThat(badFields(new Restriction(true, "a".repeat(501)))).containsExactly("reason");
        assertThat(badFields(new Restriction(true, "a".repeat(500)))).isEmpty();
    }
}
