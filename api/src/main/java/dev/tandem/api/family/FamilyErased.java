package dev.tandem.api.family;

import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A family was erased: the keys of the family and of each of its carers were shredded, so everything
 * personal ever stored about them reads as erased, in the event store and in every read model rebuilt
 * from it. {@code childIds} are the family's children; those in {@code retained} have a safeguarding
 * record, kept under the child's own key until {@code until} by {@code rule}; the others' keys were
 * shredded too. No personal data is in this event but the manager's reason, kept under the setting's key.
 */
@Revision("1")
public record FamilyErased(String familyId, String settingId, List<String> carerIds, List<String> childIds,
                           List<Retained> retained, @PersonalData(of = PersonalData.Subject.SETTING) String reason,
                           String erasedBy, Instant erasedAt) {

    public FamilyErased {
        carerIds = List.copyOf(carerIds);
        childIds = List.copyOf(childIds);
        retained = List.copyOf(retained);
    }

    /** A child's safeguarding record kept after the family's erasure, and until when. */
    public record Retained(String childId, LocalDate until, String rule) {
    }
}
