package dev.tandem.command.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.support.web.FieldProblem;
import dev.tandem.support.web.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReviewRequestTest {

    @Test
    void aReasonAndBoundsAreRead() {
        ReviewRequest review = ReviewRequest.of(" Strategy meeting ", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00+01:00",
                null);

        assertThat(review.reason()).isEqualTo("Strategy meeting");
        assertThat(review.query().from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(review.query().to()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(review.query().asOf()).isNull();
    }

    @Test
    void aReasonIsRequired() {
        assertThatThrownBy(() -> ReviewRequest.of(null, null, null, null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("X-Review-Reason"));
        assertThatThrownBy(() -> ReviewRequest.of("   ", null, null, null))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aReasonOfMoreThanFiveHundredCharactersIsRefused() {
        assertThat(ReviewRequest.of("x".repeat(500), null, null, null).reason()).hasSize(500);
        assertThatThrownBy(() -> ReviewRequest.of("x".repeat(501), null, null, null))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aPercentEncodedReasonIsDecodedAsUtf8() {
        assertThat(ReviewRequest.of("Spotkanie%20w%20sprawie%20Zofii%20%C5%81%C3%B3d%C5%BA", null, null, null).reason())
                .isEqualTo("Spotkanie w sprawie Zofii Łódź");
        assertThat(ReviewRequest.of("50% sure", null, null, null).reason()).isEqualTo("50% sure");
        assertThat(ReviewRequest.of("a+b", null, null, null).reason()).isEqualTo("a+b");
    }

    @Test
    void everyBadlyWrittenInstantIsNamed() {
        assertThatThrownBy(() -> ReviewRequest.of("Review", "yesterday", "2026-13-01T00:00:00Z", "2026-12-01"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("from", "to", "asOf"));
    }

    @Test
    void toBeforeFromIsRefused() {
        assertThatThrownBy(() -> ReviewRequest.of("Review", "2026-12-01T00:00:00Z", "2026-11-01T00:00:00Z", null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("to"));
    }
}
