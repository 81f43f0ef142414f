package dev.tandem.api.child;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The child leaves (or left) the setting on {@code leftOn}: the retention of the family's records counts from it. */
@Revision("1")
public record ChildLeft(String childId, String settingId, String familyId, LocalDate leftOn, String recordedBy,
                        Instant recordedAt) {
}
