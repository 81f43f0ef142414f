package dev.tandem.query;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.tandem.support.privacy.PersonalDataCipher;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * What a read model holds in place of a family's personal data once the family is erased: exactly what a
 * rebuild from the event store shows after the keys were shredded ({@link PersonalDataCipher#ERASED} for a
 * text, nothing where there was nothing), so that erasing at once and replaying later end alike.
 */
public final class Erasure {

    public static final String ERASED = PersonalDataCipher.ERASED;

    private Erasure() {
    }

    /** The text as it reads once erased; an absent one stays absent. */
    public static String erased(String text) {
        return text == null ? null : ERASED;
    }

    /** Documents whose {@code field} still holds a text to erase: so erasing twice changes nothing more. */
    public static Criteria stillHeld(String field) {
        return where(field).nin(ERASED).ne(null);
    }
}
