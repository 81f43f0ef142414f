package dev.tandem.api.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a message field that holds personal data about a child, carer or staff member, so that it
 * can be found (subject access), kept out of logs and shredded. In an event it is stored encrypted
 * under a key of its data subject ({@link #of()}), found through the event's own id of that subject
 * ({@code familyId}, {@code carerId}, {@code staffId}, {@code childId}, {@code settingId}); an event
 * about a child also keeps it under the child's safeguarding key, so that the child's record outlives
 * the family's erasure for as long as its retention rule says (docs/decisions/0014).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {

    /** Whose data this is: whose key it is kept under, and whose erasure shreds it. */
    Subject of() default Subject.FAMILY;

    /** The data subjects that have keys of their own. */
    enum Subject {
        /** A family and its children, as the family sees them: what staff shared with them, their replies. */
        FAMILY("familyId"),
        /** One carer's own details: name, contact details, devices, where messages went. */
        CARER("carerId"),
        /** One staff member's own details. */
        STAFF("staffId"),
        /** A child's safeguarding record: concerns, what was done, who reviewed it. */
        CHILD("childId"),
        /** Written for a whole room or setting, about no one family (why an announcement was withdrawn). */
        SETTING("settingId");

        private final String idComponent;

        Subject(String idComponent) {
            this.idComponent = idComponent;
        }

        /** The name of the event's component that holds this subject's id. */
        public String idComponent() {
            return idComponent;
        }

        /** The name of this subject's key: {@code family:<id>}. */
        public String keyName(String id) {
            return name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
        }
    }
}
