package dev.tandem.api.child;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A child's safeguarding record passed its retention ({@code rule}, the child being {@code untilAge}) and the
 * child's key was shredded: what the record held reads as erased from now on. Recorded by the daily sweep.
 */
@Revision("1")
public record SafeguardingRecordErased(String childId, String settingId, String rule, int untilAge,
                                       Instant erasedAt) {
}
