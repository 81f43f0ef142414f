package dev.tandem.command.child;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.command.child.ChildController.Restriction;
import dev.tandem.command.web.BadFields;
import org.junit.jupiter.api.Test;

/** The 400 rules of {@code PUT /api/children/{childId}/carers/{carerId}/restriction}. */
class RestrictionValidationTest {

    @Test
    void liftingWithAReasonIsValid() {
        assertThat(BadFields.of(new Restriction(false, "Order discharged"))).isEmpty();
    }

    @Test
    void whetherToRestrictMustBeSaid() {
        assertThat(BadFields.of(new Restriction(null, "Court order"))).containsExactly("restricted");
    }

    @Test
    void aReasonIsRequired() {
        assertThat(BadFields.of(new Restriction(true, " "))).containsExactly("reason");
    }

    @Test
    void aReasonLongerThan500CharactersIsRefused() {
        assertThat(BadFields.of(new Restriction(true, "a".repeat(501)))).containsExactly("reason");
        assertThat(BadFields.of(new Restriction(true, "a".repeat(500)))).isEmpty();
    }
}
